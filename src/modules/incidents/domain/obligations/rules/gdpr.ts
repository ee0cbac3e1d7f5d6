import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type RuleContext,
  type RuleInstance,
  rulesVersion,
} from '../rule.ts';
import { mainEstablishment } from './nis2.ts';

/** GDPR Arts. 33–34: personal data breaches, to the supervisory authority, data subjects, the controller. */

const regime = 'GDPR (Regulation (EU) 2016/679) breach notification';

function breachFor(context: RuleContext, role: 'controller' | 'processor'): string | null {
  const { manufacturer, event } = context.facts;
  if (manufacturer.gdprRole === 'none')
    return 'The manufacturer processes no personal data under the GDPR for this product (manufacturer.gdprRole is "none").';
  if (!event.personalDataBreach) return 'No personal data breach (event.personalDataBreach is null).';
  if (manufacturer.gdprRole !== role)
    return role === 'controller'
      ? 'The manufacturer is a processor: it tells the controller (gdpr-processor-to-controller), and the controller notifies.'
      : 'The manufacturer is the controller: it notifies the authority and the data subjects itself.';
  return null;
}

function instance(context: RuleContext, basis: string): RuleInstance {
  return { jurisdiction: mainEstablishment(context), clockStart: context.awareAt, basis };
}

export const gdprAuthority: ObligationRule = {
  id: 'gdpr-authority-72h',
  title: 'Personal data breach notification to the supervisory authority',
  regime,
  source: 'Regulation (EU) 2016/679 Art. 33(1),(3)–(5), Arts. 55–56 (regulations.md S11)',
  rows: [21],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: false,
  recipient: 'The lead or competent supervisory authority (Arts. 55–56)',
  clock: { kind: 'hours', hours: 72 },
  clockStart: 'awareness of the breach (reasonable certainty that one occurred)',
  requiredContent: [
    'The nature of the breach, with the categories and approximate numbers of data subjects and records',
    'Name and contact details of the data protection officer or other contact point',
    'The likely consequences of the breach',
    'Measures taken or proposed, including to mitigate its possible adverse effects',
    'The reasons for any delay beyond 72 hours; information may be given in phases (Art. 33(4))',
  ],
  assess(context) {
    const blocked = breachFor(context, 'controller');
    if (blocked) return notApplicable(blocked);
    const breach = context.facts.event.personalDataBreach!;
    if (breach.riskToIndividuals === 'none')
      return notApplicable(
        'The breach is unlikely to result in a risk to the rights and freedoms of individuals (Art. 33(1)): record it in the internal breach register only (Art. 33(5)).',
      );
    const state = mainEstablishment(context);
    return appliesAs({
      ...instance(
        context,
        `The manufacturer is the controller of a personal data breach affecting ${breach.individuals} individuals that is likely to result in a risk to them: notify without undue delay and, where feasible, within 72 hours (Art. 33(1)).`,
      ),
      recipient:
        state === 'EU'
          ? 'The competent supervisory authority (no EU main establishment: each authority concerned)'
          : `The lead supervisory authority of ${state} (Arts. 55–56)`,
    });
  },
};

export const gdprDataSubjects: ObligationRule = {
  id: 'gdpr-data-subjects',
  title: 'Communication of a personal data breach to the data subjects',
  regime,
  source: 'Regulation (EU) 2016/679 Art. 34 (regulations.md S11)',
  rows: [22],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient:
    'The data subjects (a public communication where individual contact takes disproportionate effort)',
  clock: {
    kind: 'no-fixed-period',
    wording: 'Without undue delay (Art. 34(1) gives no figure in hours or days)',
  },
  clockStart: 'awareness of the breach',
  requiredContent: [
    'The nature of the breach, in clear and plain language',
    'Name and contact details of the data protection officer or other contact point',
    'The likely consequences of the breach',
    'Measures taken or proposed to address it and mitigate its effects',
    'Exemptions: data unintelligible (e.g. encrypted), later measures removing the high risk, disproportionate effort (Art. 34(3))',
  ],
  assess(context) {
    const blocked = breachFor(context, 'controller');
    if (blocked) return notApplicable(blocked);
    const breach = context.facts.event.personalDataBreach!;
    if (breach.riskToIndividuals !== 'high')
      return notApplicable(
        'The breach is not likely to result in a high risk to individuals: no communication to data subjects (Art. 34(1)).',
      );
    return appliesAs(
      instance(
        context,
        `The breach is likely to result in a high risk to the ${breach.individuals} individuals affected (Art. 34(1)).`,
      ),
    );
  },
};

export const gdprProcessorToController: ObligationRule = {
  id: 'gdpr-processor-to-controller',
  title: 'Processor’s notification of a personal data breach to the controller',
  regime,
  source: 'Regulation (EU) 2016/679 Art. 33(2) (regulations.md S11)',
  rows: [21],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: false,
  recipient: 'The controller(s) the manufacturer processes the data for',
  clock: { kind: 'no-fixed-period', wording: 'Without undue delay after becoming aware (Art. 33(2))' },
  clockStart: 'awareness of the breach',
  requiredContent: [
    'What the controller needs for its Art. 33(3) notification: nature, categories and numbers, likely consequences, measures',
  ],
  assess(context) {
    const blocked = breachFor(context, 'processor');
    if (blocked) return notApplicable(blocked);
    return appliesAs(
      instance(
        context,
        'The manufacturer is a processor and became aware of a personal data breach: it tells the controller without undue delay, whatever the risk (Art. 33(2)).',
      ),
    );
  },
};

export const gdprRules: readonly ObligationRule[] = [
  gdprAuthority,
  gdprDataSubjects,
  gdprProcessorToController,
];
