import type { ObligationFacts } from '../facts.ts';
import { harmWords, isOnMarket, isSeriousInjuryOrDeath, reportableSince, threatKnownAt } from '../facts.ts';
import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type ObligationRuleId,
  type RuleAssessment,
  type RuleContext,
  rulesVersion,
} from '../rule.ts';

/**
 * Device vigilance outside the EU and US: Australia (TGA), Canada (Health Canada), Great Britain (MHRA).
 * Each country has one report whose period depends on the severity: the tiers of one country are
 * alternatives, so only the tier due first applies and the others say they are superseded. Days are
 * calendar days after the day of awareness (regulations.md §2: "UK, CA, AU, JP … calendar days").
 */

interface Tier {
  id: ObligationRuleId;
  days: number;
  /** When the tier's clock started, or why the tier does not fit the facts. */
  start(facts: ObligationFacts): Date | string;
}

interface Country {
  code: string;
  tiers: Tier[];
  /** Why the country's rules do not apply at all, or null. */
  outOfScope(context: RuleContext): string | null;
}

const threatTier = (id: ObligationRuleId): Tier => ({
  id,
  days: 2,
  start: (facts) => threatKnownAt(facts) ?? 'No serious threat to public health.',
});
// The clock counts from awareness of the event; a death learned later shortens it, as under MDR Art. 87(5).
const seriousTier = (id: ObligationRuleId, days: number): Tier => ({
  id,
  days,
  start: (facts) =>
    isSeriousInjuryOrDeath(facts.event.patientHarm)
      ? (reportableSince(facts) ?? new Date(facts.awareAt))
      : 'No death or serious deterioration of health.',
});
const couldHarmTier = (id: ObligationRuleId, days: number): Tier => ({
  id,
  days,
  start: (facts) =>
    reportableSince(facts) ??
    'No event that led, or could on recurrence lead, to death or serious deterioration.',
});

function deviceIncidentIn(code: string, name: string) {
  return (context: RuleContext): string | null => {
    const { facts } = context;
    if (!facts.product.regulatedAsMedicalDevice) return 'The product is not regulated as a medical device.';
    if (!isOnMarket(facts, code)) return `The device is not on the market in ${name} (product.markets).`;
    if (!facts.event.occurredIn.includes(code))
      return `The event did not occur in ${name} (event.occurredIn); foreign events are reportable only in special cases not modelled here.`;
    return null;
  };
}

const australia: Country = {
  code: 'AU',
  tiers: [threatTier('tga-2d'), seriousTier('tga-10d', 10), couldHarmTier('tga-30d', 30)],
  outOfScope: deviceIncidentIn('AU', 'Australia'),
};
const canada: Country = {
  code: 'CA',
  tiers: [seriousTier('hc-10d', 10), couldHarmTier('hc-30d', 30)],
  outOfScope: deviceIncidentIn('CA', 'Canada'),
};
const mhraFrom = Date.parse('2025-06-16T00:00:00+01:00');
const greatBritain: Country = {
  code: 'GB',
  tiers: [threatTier('mhra-2d'), seriousTier('mhra-10d', 10), couldHarmTier('mhra-15d', 15)],
  outOfScope: (context) =>
    deviceIncidentIn('GB', 'Great Britain')(context) ??
    (context.awareAt.getTime() < mhraFrom
      ? 'Awareness before 16 June 2025: the earlier MHRA periods apply (not modelled).'
      : null),
};

function assessTier(country: Country, id: ObligationRuleId, context: RuleContext): RuleAssessment {
  const blocked = country.outOfScope(context);
  if (blocked) return notApplicable(blocked);
  const dated = country.tiers.map((tier) => {
    const start = tier.start(context.facts);
    const due =
      typeof start === 'string'
        ? null
        : context.deadline({ kind: 'calendar-days', days: tier.days }, start, country.code);
    return { tier, start, due };
  });
  const own = dated.find((d) => d.tier.id === id)!;
  if (typeof own.start === 'string') return notApplicable(own.start);
  const governing = dated
    .filter((d) => d.due !== null)
    .sort((a, b) => a.due!.dueAt.getTime() - b.due!.dueAt.getTime())[0]!;
  if (governing.tier.id !== id)
    return notApplicable(
      `Superseded: the ${governing.tier.days}-day report (${governing.tier.id}, due ${context.show(governing.due!.dueAt, country.code)}) covers the same event.`,
    );
  const { facts } = context;
  const what = [
    facts.event.patientHarm === 'none' ? null : harmWords[facts.event.patientHarm],
    facts.event.seriousPublicHealthThreat ? 'a serious threat to public health' : null,
  ]
    .filter(Boolean)
    .join(' and ');
  return appliesAs({
    jurisdiction: country.code,
    clockStart: own.start,
    basis: `An adverse event in ${country.code} involving the device (${what}): the ${own.tier.days}-day report is due first.`,
  });
}

const common = { version: rulesVersion, public: false };

function tierRule(
  country: Country,
  id: ObligationRuleId,
  rule: Omit<ObligationRule, 'id' | 'assess' | 'version' | 'public' | 'clock'> & { public?: boolean },
): ObligationRule {
  const days = country.tiers.find((t) => t.id === id)!.days;
  return {
    ...common,
    ...rule,
    id,
    clock: { kind: 'calendar-days', days },
    assess: (context) => assessTier(country, id, context),
  };
}

const tga = {
  regime: 'Australia: Therapeutic Goods (Medical Devices) Regulations 2002',
  source: 'TG (Medical Devices) Regulations 2002 reg 5.7, 5.8A (regulations.md S15)',
  rows: [34],
  confirmed: true,
  unconfirmed: ['Publication in the TGA DAEN (anonymised)'],
  recipient: 'TGA (IRIS / sponsor portal)',
  clockStart: 'the sponsor becoming aware of the event',
  requiredContent: [
    'The adverse event or near adverse event and the device (ARTG entry)',
    'Follow-up written report within 120 days (reg 5.8A): updates, investigation, actions to alleviate the impact, similar events in the last 3 years',
  ],
};
const hc = {
  regime: 'Canada: Medical Devices Regulations SOR/98-282',
  source: 'SOR/98-282 ss. 59–61.1 (figures as in s. 68.27) (regulations.md S14)',
  rows: [32],
  confirmed: false,
  unconfirmed: ['s. 60 wording (the 10/30-day figures are confirmed in the parallel s. 68.27)'],
  recipient: 'Health Canada (the Minister); the importer may report for the manufacturer (s. 61.1)',
  clockStart: 'awareness of the incident',
  requiredContent: [
    'Device and identifier; manufacturer and importer; date the incident came to the manufacturer’s attention',
    'Details of the incident, including any death or serious deterioration; the reporter’s contact',
    'Other devices involved; comments; planned actions with a timetable; prior reports',
    'Final report later: numbers harmed, cause, actions taken',
  ],
};
const mhra = {
  regime: 'Great Britain: UK MDR 2002 Part 4A (SI 2024/1368)',
  source: 'UK MDR 2002 Part 4A as amended by SI 2024/1368; MHRA vigilance guidance (regulations.md S16)',
  rows: [31],
  recipient: 'MHRA (Submissions portal); inform the UK Responsible Person or approved body of the CAPA',
  clockStart: 'awareness of the serious incident',
  requiredContent: [
    'MHRA manufacturer incident report (MIR-style) form',
    'Field safety notice, where one is issued',
  ],
};

export const nationalVigilanceRules: readonly ObligationRule[] = [
  tierRule(australia, 'tga-2d', {
    ...tga,
    title: 'TGA adverse event report (serious threat to public health)',
  }),
  tierRule(australia, 'tga-10d', {
    ...tga,
    title: 'TGA adverse event report (death or serious deterioration)',
  }),
  tierRule(australia, 'tga-30d', {
    ...tga,
    title: 'TGA adverse event report (could lead to death or serious deterioration)',
  }),
  tierRule(canada, 'hc-10d', {
    ...hc,
    title: 'Health Canada preliminary incident report (death or serious deterioration)',
  }),
  tierRule(canada, 'hc-30d', {
    ...hc,
    title: 'Health Canada preliminary incident report (could recur and harm)',
  }),
  tierRule(greatBritain, 'mhra-2d', {
    ...mhra,
    title: 'MHRA serious incident report (serious public health threat)',
    confirmed: true,
    unconfirmed: [],
  }),
  tierRule(greatBritain, 'mhra-10d', {
    ...mhra,
    title: 'MHRA serious incident report (death or unanticipated serious deterioration)',
    confirmed: true,
    unconfirmed: [],
  }),
  tierRule(greatBritain, 'mhra-15d', {
    ...mhra,
    title: 'MHRA serious incident report (other serious incidents)',
    confirmed: false,
    unconfirmed: ['15 days for other serious incidents after 16 Jun 2025 (older MHRA guidance said 30)'],
  }),
];
