/**
 * The sentence an advisory carries about a risk decision (FDA postmarket guidance §VII: users are told
 * whether the risk to patients is controlled, and what to do while it is not). Plain text, so that the
 * disclosure drafts (issue 7) and the console show the same words the decision stands for.
 */
export interface AdvisoryRiskSubject {
  product: string;
  version: string;
  vulnerability: string;
}

export interface AdvisoryRiskDecision {
  outcome: 'controlled' | 'uncontrolled';
  compensatingControls: string[];
  cadence: 'regular' | 'out-of-cycle' | null;
}

export function advisoryRiskStatement(
  subject: AdvisoryRiskSubject,
  decision: AdvisoryRiskDecision | null,
): string | null {
  if (!decision) return null;
  const where = `${subject.product} ${subject.version}`;
  const controls =
    decision.compensatingControls.length > 0
      ? ` Controls relied on: ${decision.compensatingControls.join('; ')}.`
      : '';
  const cadence =
    decision.cadence === 'out-of-cycle'
      ? ' A fix is being prepared outside the regular update cycle.'
      : decision.cadence === 'regular'
        ? ' The fix follows the regular update cycle.'
        : '';
  if (decision.outcome === 'controlled') {
    return `The manufacturer has assessed the residual risk to patients from ${subject.vulnerability} in ${where} as controlled: the risk of patient harm is acceptably low with the device's existing controls.${controls}${cadence}`;
  }
  return `The manufacturer has assessed the risk to patients from ${subject.vulnerability} in ${where} as uncontrolled: until a fix is installed, follow the compensating measures in this advisory.${controls}${cadence}`;
}
