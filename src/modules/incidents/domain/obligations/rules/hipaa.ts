import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type RuleContext,
  type RuleInstance,
  rulesVersion,
} from '../rule.ts';

/** HIPAA Breach Notification Rule, 45 CFR 164.400–414. */

const regime = 'HIPAA Breach Notification Rule (45 CFR 164 subpart D)';
const us = 'US';
const sixtyDays = { kind: 'calendar-days', days: 60 } as const;
const individualNoticeContent = [
  'A brief description of what happened, with the date of the breach and of its discovery',
  'The types of unsecured protected health information involved',
  'Steps individuals should take to protect themselves',
  'What the covered entity is doing to investigate, mitigate harm and prevent recurrence',
  'Contact procedures: toll-free number, e-mail, website or postal address',
];

function unsecuredPhiBreach(
  context: RuleContext,
  role: 'covered_entity' | 'business_associate',
): string | null {
  const { manufacturer, event } = context.facts;
  if (manufacturer.hipaaRole === 'none')
    return 'The manufacturer is neither a HIPAA covered entity nor a business associate for this product (manufacturer.hipaaRole is "none").';
  if (!event.personalDataBreach) return 'No breach of personal data (event.personalDataBreach is null).';
  if (!event.personalDataBreach.unsecuredPhi)
    return 'The protected health information was secured (e.g. encrypted per HHS guidance): no breach of unsecured PHI, no notification.';
  if (manufacturer.hipaaRole !== role)
    return role === 'covered_entity'
      ? 'The manufacturer is a business associate: it tells the covered entity (hipaa-ba-to-covered-entity-60d), which notifies individuals, HHS and the media.'
      : 'The manufacturer is the covered entity: it notifies individuals, HHS and the media itself.';
  return null;
}

function individualsOf(context: RuleContext): number {
  return context.facts.event.personalDataBreach?.individuals ?? 0;
}

function usInstance(context: RuleContext, basis: string, jurisdiction = us): RuleInstance {
  return { jurisdiction, clockStart: context.awareAt, basis };
}

export const hipaaBusinessAssociate: ObligationRule = {
  id: 'hipaa-ba-to-covered-entity-60d',
  title: 'Business associate’s breach notice to the covered entity',
  regime,
  source: '45 CFR 164.410 (regulations.md S12)',
  rows: [26],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: false,
  recipient: 'The covered entity (business associate agreements often set a shorter period)',
  clock: sixtyDays,
  clockStart: 'discovery of the breach by the business associate',
  requiredContent: [
    'The identity of each individual whose unsecured PHI was or is believed to have been accessed',
    'The other information the covered entity needs for its notice to individuals (164.404(c))',
  ],
  assess(context) {
    const blocked = unsecuredPhiBreach(context, 'business_associate');
    if (blocked) return notApplicable(blocked);
    return appliesAs(
      usInstance(
        context,
        'The manufacturer is a business associate and discovered a breach of unsecured PHI: notify the covered entity without unreasonable delay, within 60 days (164.410).',
      ),
    );
  },
};

export const hipaaIndividuals: ObligationRule = {
  id: 'hipaa-individuals-60d',
  title: 'Breach notice to individuals',
  regime,
  source: '45 CFR 164.404 (regulations.md S12)',
  rows: [23],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient:
    'The affected individuals (first-class mail or e-mail; substitute notice when contact details are missing)',
  clock: sixtyDays,
  clockStart: 'discovery of the breach',
  requiredContent: individualNoticeContent,
  assess(context) {
    const blocked = unsecuredPhiBreach(context, 'covered_entity');
    if (blocked) return notApplicable(blocked);
    return appliesAs(
      usInstance(
        context,
        `The manufacturer is a covered entity and discovered a breach of unsecured PHI of ${individualsOf(context)} individuals: notify them without unreasonable delay, within 60 days (164.404).`,
      ),
    );
  },
};

export const hipaaHhs: ObligationRule = {
  id: 'hipaa-hhs-60d',
  title: 'Breach notice to HHS (500 or more individuals)',
  regime,
  source: '45 CFR 164.408(b) (regulations.md S12)',
  rows: [25],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient: 'HHS Office for Civil Rights (breach portal); posted publicly by OCR',
  clock: sixtyDays,
  clockStart: 'discovery of the breach (contemporaneously with the notice to individuals)',
  requiredContent: ['The HHS breach portal form'],
  assess(context) {
    const blocked = unsecuredPhiBreach(context, 'covered_entity');
    if (blocked) return notApplicable(blocked);
    const individuals = individualsOf(context);
    if (individuals < 500)
      return notApplicable(
        `${individuals} individuals, fewer than 500: the breach goes in the annual log to HHS instead (hipaa-hhs-annual-log).`,
      );
    return appliesAs(
      usInstance(
        context,
        `${individuals} individuals, 500 or more: notify HHS contemporaneously with the individuals, within 60 days (164.408(b)).`,
      ),
    );
  },
};

export const hipaaMedia: ObligationRule = {
  id: 'hipaa-media-60d',
  title: 'Breach notice to prominent media outlets (more than 500 residents of a state)',
  regime,
  source: '45 CFR 164.406 (regulations.md S12)',
  rows: [24],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient: 'Prominent media outlets serving the state or jurisdiction',
  clock: sixtyDays,
  clockStart: 'discovery of the breach',
  requiredContent: individualNoticeContent,
  assess(context) {
    const blocked = unsecuredPhiBreach(context, 'covered_entity');
    if (blocked) return notApplicable(blocked);
    const byState = Object.entries(context.facts.event.personalDataBreach?.residentsByState ?? {}).sort(
      ([a], [b]) => a.localeCompare(b),
    );
    const over = byState.filter(([, residents]) => residents > 500);
    if (over.length === 0)
      return notApplicable(
        'No state or jurisdiction has more than 500 affected residents (164.406 needs more than 500; exactly 500 is not enough).',
      );
    return appliesAs(
      ...over.map(([state, residents]) => ({
        ...usInstance(
          context,
          `${residents} affected residents of ${state}, more than 500: notify prominent media outlets there within 60 days (164.406).`,
          `US-${state}`,
        ),
        variant: state,
        recipient: `Prominent media outlets serving ${state}`,
      })),
    );
  },
};

export const hipaaAnnualLog: ObligationRule = {
  id: 'hipaa-hhs-annual-log',
  title: 'Annual log of breaches of fewer than 500 individuals to HHS',
  regime,
  source: '45 CFR 164.408(c) (regulations.md S12)',
  rows: [25],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: false,
  recipient: 'HHS Office for Civil Rights (breach portal)',
  clock: { kind: 'year-end-days', days: 60 },
  clockStart: 'discovery of the breach',
  requiredContent: ['The HHS breach portal form, one entry per breach of the calendar year'],
  assess(context) {
    const blocked = unsecuredPhiBreach(context, 'covered_entity');
    if (blocked) return notApplicable(blocked);
    const individuals = individualsOf(context);
    if (individuals >= 500)
      return notApplicable(
        `${individuals} individuals, 500 or more: HHS is notified within 60 days instead (hipaa-hhs-60d).`,
      );
    return appliesAs(
      usInstance(
        context,
        `${individuals} individuals, fewer than 500: log the breach and submit it to HHS within 60 days after the end of the calendar year of discovery (164.408(c)).`,
      ),
    );
  },
};

export const hipaaRules: readonly ObligationRule[] = [
  hipaaBusinessAssociate,
  hipaaIndividuals,
  hipaaHhs,
  hipaaMedia,
  hipaaAnnualLog,
];
