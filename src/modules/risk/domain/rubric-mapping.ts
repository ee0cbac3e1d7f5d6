import { DomainError } from '../../../shared/errors.ts';
import {
  findRubricQuestion,
  type RubricMetric,
  rubricDataClasses,
  rubricOutcomes,
} from './rubric-questions.ts';

/**
 * Which CVSS value each rubric outcome gives. regulations.md §3a marks the whole answer→value mapping
 * UNCONFIRMED against the MITRE PDF, so it is data an organisation can replace, and it says whether the
 * organisation confirmed it. `values` maps every outcome (`question=answer` that ends a chain, see
 * `rubricOutcomes`) to a value of the question's metric.
 */
export interface RubricMapping {
  label: string;
  confirmed: boolean;
  /** Why values were chosen where a source is silent or inconsistent; shown beside the mapping. */
  notes: string[];
  values: Readonly<Record<string, string>>;
}

/** The values each metric accepts (CVSS v3.x base metrics). */
export const rubricMetricValues: Readonly<Record<RubricMetric, readonly string[]>> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};

function impactValues(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const metric of ['C', 'I', 'A'] as const) {
    for (const dataClass of Object.keys(rubricDataClasses)) {
      const id = `X${metric}${dataClass}`;
      // XCP=yes continues to XCPM (breach scale); every other class question ends its chain.
      if (id !== 'XCP') values[`${id}=yes`] = 'H';
      values[`${id}=no`] = 'N';
      values[`${id}=unknown`] = 'H';
    }
  }
  return { ...values, 'XCPM=yes': 'H', 'XCPM=no': 'L', 'XCPM=unknown': 'H' };
}

/**
 * The shipped default: the med-cvss implementation (github.com/osamusic/med-cvss,
 * med-cvss-calculator/src/data/mitreCvssRubric.ts) as regulations.md §3a records it. Where med-cvss
 * offers no "unknown" answer, Candor takes the worst case (highest score), the rule the rubric applies
 * to unknown AV and C/I/A answers.
 */
export const defaultRubricMapping: RubricMapping = {
  label: 'default (med-cvss implementation; UNCONFIRMED against the MITRE PDF)',
  confirmed: false,
  notes: [
    'XAVW=no (a non-wireless, non-IP protocol) is A here; med-cvss is inconsistent (its question lists L, its calculation gives A). Choose A or L for your organisation.',
    'Unknown answers med-cvss does not offer take the worst case: XACL=unknown → AC:L, XPRL/XPRZ=unknown → PR:N, XPRS=unknown → PR:L, XUI=unknown → UI:N, XAVW=unknown → AV:A, XAVP=unknown → AV:L.',
    'PHI/PII that can be read but concerns fewer than 500 patients (XCPM=no) gives C:L; every other "yes" or "unknown" impact answer gives H.',
  ],
  values: {
    'XAVN=unknown': 'N',
    'XAVT=yes': 'N',
    'XAVT=unknown': 'N',
    'XAVW=no': 'A',
    'XAVW=unknown': 'A',
    'XAVR=yes': 'L',
    'XAVR=no': 'A',
    'XAVR=unknown': 'A',
    'XAVP=no': 'L',
    'XAVP=unknown': 'L',
    'XAVPA=yes': 'P',
    'XAVPA=no': 'P',
    'XAVPA=unknown': 'P',
    'XACL=yes': 'L',
    'XACL=no': 'H',
    'XACL=unknown': 'L',
    'XPRL=no': 'N',
    'XPRL=unknown': 'N',
    'XPRZ=no': 'N',
    'XPRZ=unknown': 'N',
    'XPRS=yes': 'H',
    'XPRS=no': 'L',
    'XPRS=unknown': 'L',
    'XUI=no': 'N',
    'XUI=yes': 'R',
    'XUI=unknown': 'N',
    'XS=no': 'U',
    'XS=yes': 'C',
    'XS=unknown': 'C',
    ...impactValues(),
  },
};

/**
 * Checks a mapping (e.g. an organisation's stored one): every outcome has a value its metric accepts,
 * and there are no unknown outcomes.
 * @throws DomainError('invalid') listing what is wrong.
 */
export function assertRubricMapping(mapping: RubricMapping): void {
  const problems: string[] = [];
  if (typeof mapping.label !== 'string' || mapping.label.trim() === '') problems.push('label is empty');
  for (const outcome of rubricOutcomes) {
    const value = mapping.values[outcome];
    const metric = findRubricQuestion(outcome.split('=')[0] as string)?.metric as RubricMetric;
    if (value === undefined) problems.push(`no value for ${outcome}`);
    else if (!rubricMetricValues[metric].includes(value))
      problems.push(
        `${outcome} → ${value} is not a value of ${metric} (${rubricMetricValues[metric].join(', ')})`,
      );
  }
  for (const outcome of Object.keys(mapping.values)) {
    if (!rubricOutcomes.includes(outcome)) problems.push(`${outcome} is not a rubric outcome`);
  }
  if (problems.length > 0)
    throw new DomainError('invalid', `invalid rubric mapping: ${problems.join('; ')}`, { problems });
}

/**
 * An organisation's mapping: `base` with some outcomes changed, e.g.
 * `customiseRubricMapping(defaultRubricMapping, { label: 'Acme 2027-01', confirmed: true, values: { 'XAVW=no': 'L' } })`.
 * @throws DomainError('invalid') when the result is not a valid mapping.
 */
export function customiseRubricMapping(
  base: RubricMapping,
  changes: { label: string; confirmed: boolean; notes?: string[]; values?: Record<string, string> },
): RubricMapping {
  const mapping: RubricMapping = {
    label: changes.label,
    confirmed: changes.confirmed,
    notes: changes.notes ?? base.notes,
    values: { ...base.values, ...changes.values },
  };
  assertRubricMapping(mapping);
  return mapping;
}
