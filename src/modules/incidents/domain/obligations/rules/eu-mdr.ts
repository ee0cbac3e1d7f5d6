import type { ClockDefinition } from '../deadline.ts';
import {
  euMarkets,
  euStatesOfOccurrence,
  harmWords,
  isSeriousInjuryOrDeath,
  reportableSince,
  seriousHarmSince,
  threatKnownAt,
} from '../facts.ts';
import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type RuleContext,
  type RuleInstance,
  rulesVersion,
} from '../rule.ts';

/**
 * EU MDR Art. 87: one report per Member State where the serious incident occurred, carrying the governing
 * clock: 15 days (87(3)), 10 days for a death or unanticipated serious deterioration (87(5)), 2 days for
 * a serious public health threat (87(4)); when several apply the earliest governs (MDCG 2023-3 Q14).
 */

interface Candidate {
  label: string;
  clock: ClockDefinition;
  start: Date;
  startWords: string;
}

function candidates(context: RuleContext): Candidate[] {
  const { facts } = context;
  const list: Candidate[] = [];
  const since = reportableSince(facts);
  if (since) {
    list.push({
      label: '15-day clock (Art. 87(3))',
      clock: { kind: 'eu-days', days: 15 },
      start: since,
      startWords: 'awareness of the serious incident',
    });
    if (isSeriousInjuryOrDeath(facts.event.patientHarm))
      // Art. 87(5): "not later than 10 days after the date on which the manufacturer becomes aware of the
      // serious incident": a death learned later shortens the clock that already runs; it does not restart it.
      list.push({
        label: '10-day clock (Art. 87(5))',
        clock: { kind: 'eu-days', days: 10 },
        start: since,
        startWords: 'awareness of the serious incident',
      });
  }
  const threat = threatKnownAt(facts);
  if (threat)
    // Art. 87(4): "not later than 2 days after the manufacturer becomes aware of that threat".
    list.push({
      label: '2-day clock (Art. 87(4))',
      clock: { kind: 'eu-days', days: 2 },
      start: threat,
      startWords: 'awareness of the serious public health threat',
    });
  return list;
}

function instanceFor(context: RuleContext, state: string, list: Candidate[]): RuleInstance {
  const dated = list
    .map((candidate) => ({
      candidate,
      due: context.deadline(candidate.clock, candidate.start, state)?.dueAt ?? new Date(8.64e15),
    }))
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  const governing = dated[0]!;
  const { facts } = context;
  const notes = dated
    .slice(1)
    .map(
      ({ candidate, due }) =>
        `Also the ${candidate.label}: due ${context.show(due, state)}; the earliest governs.`,
    );
  const since = reportableSince(facts);
  const serious = seriousHarmSince(facts);
  if (since && serious && serious > since && isSeriousInjuryOrDeath(facts.event.patientHarm))
    notes.push(
      `${harmWords[facts.event.patientHarm]} became known ${context.show(serious, state)}, after the 15-day clock started ${context.show(since, state)}: ` +
        'the 10-day clock counts from awareness of the serious incident, so the earlier clock start is kept' +
        (governing.due < serious ? '; that day had already passed: report immediately.' : '.'),
    );
  if (facts.event.patientHarm === 'serious_injury')
    notes.push(
      'A serious injury is read as an unanticipated serious deterioration of health (the 10-day clock, the conservative reading); an anticipated one falls under the 15-day clock.',
    );
  const what = [
    facts.event.patientHarm === 'none' ? null : harmWords[facts.event.patientHarm],
    facts.event.seriousPublicHealthThreat ? 'a serious public health threat' : null,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    jurisdiction: state,
    variant: state,
    clockStart: governing.candidate.start,
    clock: governing.candidate.clock,
    clockStartWords: governing.candidate.startWords,
    basis: `A serious incident (${what}) involving a device on the Union market occurred in ${state}: report to that Member State's competent authority; the ${governing.candidate.label} governs.`,
    recipient: `Competent authority of ${state} (national vigilance channel until Eudamed vigilance is live)`,
    notes,
  };
}

export const euMdrSeriousIncident: ObligationRule = {
  id: 'eu-mdr-serious-incident',
  title: 'Serious incident report (MIR)',
  regime: 'EU MDR (Regulation (EU) 2017/745) vigilance',
  source:
    'Regulation (EU) 2017/745 Art. 87(3)–(6), Art. 92; MDCG 2023-3 Q14, Q15 (regulations.md S6, S7, S24)',
  rows: [8, 9, 10, 14],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: false,
  recipient: 'Competent authority of the Member State where the incident occurred',
  clock: { kind: 'eu-days', days: 15 },
  clockStart: 'awareness of the serious incident (any employee or representative, MDCG 2023-3 Q15)',
  requiredContent: [
    'Manufacturer Incident Report (MIR) form, version 7.3.1 (mandatory from 1 May 2026)',
    'Manufacturer and device identification (Basic UDI-DI, UDI-DI, model, software version, lot/serial)',
    'The incident: description, date, Member State, patient outcome, awareness date (MIR 1.2(d) when new information made it reportable)',
    'The manufacturer’s preliminary analysis and the causal link established or suspected',
    'An incomplete initial report may come first, followed by a complete one (Art. 87(6))',
  ],
  assess(context) {
    const { facts } = context;
    if (!facts.product.regulatedAsMedicalDevice)
      return notApplicable('The product is not regulated as a medical device: MDR Art. 87 does not apply.');
    if (euMarkets(facts).length === 0)
      return notApplicable('The device is not made available on the Union market (product.markets).');
    const list = candidates(context);
    if (list.length === 0)
      return notApplicable(
        'Not a serious incident (MDR Art. 2(65)): the device led, or might have led, to no death, serious deterioration of health or serious public health threat.',
      );
    const states = euStatesOfOccurrence(facts);
    if (states.length === 0)
      return notApplicable(
        'The serious incident did not occur in an EU Member State (event.occurredIn): Art. 87 reports go to the Member State where it occurred.',
      );
    return appliesAs(...states.map((state) => instanceFor(context, state, list)));
  },
};
