import { euMarkets } from '../facts.ts';
import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type RuleContext,
  type RuleInstance,
  rulesVersion,
} from '../rule.ts';
import { instantAt } from '../zoned-time.ts';
import { anchoredOnNotification, mainEstablishment } from './nis2.ts';

/** CRA Art. 14: actively exploited vulnerabilities and severe incidents, reported to the CSIRT and ENISA. */

const regime = 'Cyber Resilience Act (Regulation (EU) 2024/2847) Art. 14';
/** Art. 71(2): Art. 14 applies from 11 September 2026, to products already on the market too. */
const reportingAppliesFrom = instantAt('2026-09-11', '00:00:00', 'Europe/Brussels');

type Trigger = 'vulnerability' | 'incident';

function triggers(context: RuleContext): Trigger[] {
  const { event } = context.facts;
  return [
    ...(event.activelyExploitedVulnerability ? (['vulnerability'] as const) : []),
    ...(event.severeIncidentAffectingProductSecurity ? (['incident'] as const) : []),
  ];
}

function inScope(context: RuleContext): string | null {
  const { facts } = context;
  if (facts.product.regulatedAsMedicalDevice)
    return 'The product is a medical device under the MDR/IVDR, which the CRA excludes (Art. 2(2)(a),(b)); companion software that is not itself a device is a separate product.';
  if (euMarkets(facts).length === 0)
    return 'The product is not made available on the EU market (product.markets).';
  if (context.awareAt < reportingAppliesFrom)
    return 'CRA reporting (Art. 14) applies from 11 September 2026; awareness came earlier.';
  if (triggers(context).length === 0)
    return 'No actively exploited vulnerability in the product and no severe incident affecting its security.';
  return null;
}

const triggerWords: Record<Trigger, string> = {
  vulnerability: 'an actively exploited vulnerability in the product (Art. 14(1))',
  incident: 'a severe incident affecting the security of the product (Art. 14(3))',
};

function craInstance(context: RuleContext, basis: string): RuleInstance {
  const state = mainEstablishment(context);
  return {
    jurisdiction: state,
    clockStart: context.awareAt,
    basis: `${triggers(context)
      .map((t) => triggerWords[t])
      .join(' and ')}: ${basis}`,
    recipient:
      state === 'EU'
        ? 'The CSIRT designated as coordinator (Art. 14(7) when there is no EU main establishment) and ENISA, simultaneously, via the ENISA Single Reporting Platform'
        : `The CSIRT designated as coordinator of ${state} and ENISA, simultaneously, via the ENISA Single Reporting Platform`,
  };
}

const common = {
  regime,
  version: rulesVersion,
  public: false,
  recipient: 'CSIRT coordinator of the Member State of main establishment and ENISA',
} as const;

export const craEarlyWarning: ObligationRule = {
  ...common,
  id: 'cra-early-warning-24h',
  title: 'CRA early warning',
  source: 'Regulation (EU) 2024/2847 Art. 14(2)(a), 14(4)(a) (regulations.md S10)',
  rows: [18, 19],
  confirmed: true,
  unconfirmed: [],
  clock: { kind: 'hours', hours: 24 },
  clockStart: 'awareness',
  requiredContent: [
    'The Member States where the product is made available',
    'For a severe incident: whether it is suspected of being caused by unlawful or malicious acts',
  ],
  assess(context) {
    const blocked = inScope(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs(craInstance(context, 'early warning within 24 hours of awareness.'));
  },
};

export const craNotification: ObligationRule = {
  ...common,
  id: 'cra-notification-72h',
  title: 'CRA notification',
  source: 'Regulation (EU) 2024/2847 Art. 14(2)(b), 14(4)(b) (regulations.md S10)',
  rows: [18, 19],
  confirmed: true,
  unconfirmed: [],
  clock: { kind: 'hours', hours: 72 },
  clockStart: 'awareness',
  requiredContent: [
    'The product, the general nature of the exploit and of the vulnerability (or of the incident)',
    'Corrective or mitigating measures taken, and measures users can take',
    'An initial assessment of the incident (severe incident)',
    'How sensitive the notified information is',
  ],
  assess(context) {
    const blocked = inScope(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs(craInstance(context, 'notification within 72 hours of awareness.'));
  },
};

export const craFinal: ObligationRule = {
  ...common,
  id: 'cra-final',
  title: 'CRA final report',
  source: 'Regulation (EU) 2024/2847 Art. 14(2)(c), 14(4)(c) (regulations.md S10, S24)',
  rows: [18, 19],
  confirmed: false,
  unconfirmed: ['Severe incident: the Reg. 1182/71 month rule applied to "one month after the notification"'],
  clock: { kind: 'calendar-days', days: 14 },
  clockStart: 'availability of a corrective or mitigating measure (vulnerability)',
  requiredContent: [
    'Vulnerability: its description, severity and impact; the malicious actor if known; the security update or other corrective measure',
    'Severe incident: a detailed description with severity and impact; the type of threat or root cause; mitigation applied and ongoing',
  ],
  assess(context) {
    const blocked = inScope(context);
    if (blocked) return notApplicable(blocked);
    const instances = triggers(context).map((trigger): RuleInstance => {
      const base = craInstance(context, '');
      if (trigger === 'vulnerability') {
        const available = context.facts.event.correctiveMeasureAvailableAt;
        return {
          ...base,
          variant: 'vulnerability',
          basis: `${triggerWords.vulnerability}: final report within 14 days after a corrective or mitigating measure is available.`,
          clockStart: available ? new Date(available) : null,
          ...(available
            ? {}
            : {
                pending:
                  'no corrective or mitigating measure is available yet (event.correctiveMeasureAvailableAt)',
              }),
          confirmed: true,
          notes: [
            'Counted as calendar days after the day the measure became available, without weekend or holiday extension (the earlier reading).',
          ],
        };
      }
      const anchor = anchoredOnNotification(context, 'cra-notification-72h');
      return {
        ...base,
        variant: 'incident',
        basis: `${triggerWords.incident}: final report within one month after the 72-h notification.`,
        clock: { kind: 'months', months: 1 },
        clockStartWords: 'submission of the 72-h notification',
        clockStart: anchor.start,
        provisional: anchor.provisional,
        confirmed: false,
        notes: anchor.note ? [anchor.note] : [],
      };
    });
    return appliesAs(...instances);
  },
};

export const craInformUsers: ObligationRule = {
  ...common,
  id: 'cra-inform-users',
  title: 'CRA information to impacted users',
  source: 'Regulation (EU) 2024/2847 Art. 14(8) (regulations.md S10)',
  rows: [20],
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient: 'Impacted users (all users where appropriate), in a machine-readable format where appropriate',
  clock: {
    kind: 'no-fixed-period',
    wording: 'After becoming aware (Art. 14(8) gives no figure in hours or days)',
  },
  clockStart: 'awareness',
  requiredContent: [
    'The actively exploited vulnerability or severe incident',
    'Risk mitigation and corrective measures users can take',
  ],
  assess(context) {
    const blocked = inScope(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs({
      ...craInstance(context, 'inform impacted users after becoming aware.'),
      recipient: craInformUsers.recipient,
    });
  },
};

export const craRules: readonly ObligationRule[] = [
  craEarlyWarning,
  craNotification,
  craFinal,
  craInformUsers,
];
