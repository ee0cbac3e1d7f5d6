import { harmKnownAt, harmWords, isOnMarket, isSeriousInjuryOrDeath, reportableSince } from '../facts.ts';
import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type RuleAssessment,
  type RuleContext,
  rulesVersion,
} from '../rule.ts';

/** FDA rules: medical device reports (21 CFR 803), corrections (806) and the 2016 cybersecurity guidance. */

const us = 'US';
const mdrRegime = 'FDA 21 CFR 803 (medical device reporting)';
const cyberRegime = 'FDA postmarket cybersecurity (2016 guidance)';

function usDevice(context: RuleContext, part: string): string | null {
  const { product } = context.facts;
  if (!product.regulatedAsMedicalDevice)
    return `The product is not regulated as a medical device: ${part} does not apply.`;
  if (!isOnMarket(context.facts, us)) return `The product is not on the US market: ${part} does not apply.`;
  return null;
}

function reportableEvent(context: RuleContext): string | null {
  const blocked = usDevice(context, '21 CFR 803');
  if (blocked) return blocked;
  if (context.facts.event.patientHarm === 'none')
    return 'No information suggests the device caused or contributed to a death or serious injury, or malfunctioned in a way that would if it recurred: nothing to report under 21 CFR 803.50.';
  return null;
}

const mdrContent = [
  'The 21 CFR 803.52 elements, on FDA Form 3500A submitted as an eMDR: patient information',
  'Adverse event or product problem: description, date, outcome',
  'Device information: brand and common name, product code, model, catalogue, serial and lot numbers, UDI',
  'Initial reporter and manufacturer contact',
  'Manufacturer’s evaluation and any remedial action',
];

export const fda803ThirtyDays: ObligationRule = {
  id: 'fda-803-30d',
  title: 'Medical device report (30-day)',
  regime: mdrRegime,
  source: '21 CFR 803.50(a), 803.3 (regulations.md S5)',
  rows: [5],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient: 'FDA (eMDR, Form 3500A); published redacted in MAUDE',
  clock: { kind: 'calendar-days', days: 30 },
  clockStart: 'awareness of the reportable event (by any employee)',
  requiredContent: mdrContent,
  assess(context) {
    const blocked = reportableEvent(context);
    if (blocked) return notApplicable(blocked);
    const harm = context.facts.event.patientHarm;
    return appliesAs({
      jurisdiction: us,
      clockStart: reportableSince(context.facts),
      basis: `The device is on the US market and the information reasonably suggests ${harmWords[harm]} (21 CFR 803.50(a)).`,
    });
  },
};

export const fda803FiveWorkDays: ObligationRule = {
  id: 'fda-803-5wd',
  title: 'Medical device report (5-day)',
  regime: mdrRegime,
  source: '21 CFR 803.53, 803.3 "work day" (regulations.md S5)',
  rows: [6],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient: 'FDA (eMDR, Form 3500A)',
  clock: { kind: 'working-days', days: 5 },
  clockStart: 'awareness of the reportable event (by a person with management or MDR-reporting duties)',
  requiredContent: mdrContent,
  assess(context) {
    const blocked = reportableEvent(context);
    if (blocked) return notApplicable(blocked);
    if (!context.facts.event.remedialActionToPreventSubstantialHarm)
      return notApplicable(
        'The reportable event does not need remedial action to prevent an unreasonable risk of substantial harm (and FDA has not asked in writing): the 30-day report applies, not the 5-day one.',
      );
    return appliesAs({
      jurisdiction: us,
      clockStart: reportableSince(context.facts),
      basis:
        'A reportable event needs remedial action to prevent an unreasonable risk of substantial harm to the public health (21 CFR 803.53(a)).',
    });
  },
};

export const fda803Supplement: ObligationRule = {
  id: 'fda-803-supplement-30d',
  title: 'Supplemental medical device report',
  regime: mdrRegime,
  source: '21 CFR 803.56 (regulations.md S5)',
  rows: [7],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: true,
  recipient: 'FDA (eMDR, Form 3500A supplement)',
  clock: { kind: 'calendar-days', days: 30 },
  clockStart: 'receipt of the new information',
  requiredContent: ['Supplement/follow-up: the new information, referencing the earlier report'],
  assess(context) {
    const filed = [context.filedAt('fda-803-30d'), context.filedAt('fda-803-5wd')].filter(
      (d): d is Date => d !== null,
    );
    if (filed.length === 0)
      return notApplicable('No medical device report has been filed yet: there is nothing to supplement.');
    const firstFiled = new Date(Math.min(...filed.map((d) => d.getTime())));
    const newInformation = harmKnownAt(context.facts, context.facts.event.patientHarm);
    if (!newInformation || newInformation <= firstFiled)
      return notApplicable(
        `No new information since the first report was filed (${context.show(firstFiled, us)}).`,
      );
    return appliesAs({
      jurisdiction: us,
      clockStart: newInformation,
      basis: `${harmWords[context.facts.event.patientHarm]} became known after the report filed ${context.show(firstFiled, us)}: a supplement is due (21 CFR 803.56).`,
    });
  },
};

/** The four conditions of FDA's enforcement policy for uncontrolled risk (2016 guidance §VII.B), one by one. */
export function enforcementDiscretionFailures(context: RuleContext): string[] {
  const { facts } = context;
  const failures: string[] = [];
  if (facts.event.fda.seriousAdverseEventKnown || isSeriousInjuryOrDeath(facts.event.patientHarm))
    failures.push('(1) a serious adverse event or death is known to be tied to the vulnerability');
  const conditions = [
    [fdaCustomerNotice, '(2) customers were not notified within 30 days'],
    [fdaFix, '(3) no validated fix was distributed within 60 days'],
  ] as const;
  for (const [rule, failure] of conditions) {
    const due = context.deadline(rule.clock, context.awareAt, us);
    const filed = context.filedAt(rule.id);
    if (due && (filed ? filed > due.dueAt : context.now !== null && context.now > due.dueAt))
      failures.push(`${failure} (due ${context.show(due.dueAt, us)})`);
  }
  if (!facts.manufacturer.isaoMember)
    failures.push(
      '(4) the manufacturer is not an active member of an ISAO sharing its customer communications',
    );
  return failures;
}

function uncontrolledRisk(context: RuleContext, part: string): string | null {
  const blocked = usDevice(context, part);
  if (blocked) return blocked;
  if (context.facts.event.fda.riskControlled)
    return 'The residual risk of patient harm is controlled: a routine update or patch (device enhancement), recorded under 21 CFR 806.20, no 806 report; PMA holders describe it in the annual report (21 CFR 814.84).';
  return null;
}

export const fda806TenWorkingDays: ObligationRule = {
  id: 'fda-806-10wd',
  title: 'Report of correction or removal',
  regime: 'FDA 21 CFR 806 (corrections and removals)',
  source: '21 CFR 806.10; FDA postmarket cybersecurity guidance 2016 §VII (regulations.md S1, S4)',
  rows: [3],
  version: rulesVersion,
  confirmed: false,
  unconfirmed: ['"Working days" is not defined in Part 806: counted as Mon–Fri except federal holidays'],
  public: true,
  recipient: 'FDA (the district office / CDRH); later listed in the FDA recall database',
  clock: { kind: 'working-days', days: 10 },
  clockStart: 'initiation of the correction or removal',
  requiredContent: [
    'FDA registration number of the reporting establishment',
    'Report number (registration number-date-sequence-C or R)',
    'Device identification: name, model, catalogue, lot or serial numbers, UDI',
    'Description of the event and of the correction or removal, and the risk it addresses',
    'The other 21 CFR 806.10(c) elements: numbers of devices, consignees, contact person',
  ],
  assess(context): RuleAssessment {
    const blocked = uncontrolledRisk(context, '21 CFR 806');
    if (blocked) return notApplicable(blocked);
    const failures = enforcementDiscretionFailures(context);
    if (failures.length === 0) {
      const notice = context.deadline(fdaCustomerNotice.clock, context.awareAt, us);
      const fix = context.deadline(fdaFix.clock, context.awareAt, us);
      return notApplicable(
        'Uncontrolled risk, but FDA does not expect an 806 report while all four enforcement-policy conditions hold (2016 guidance §VII.B): ' +
          'no known serious adverse event or death; customers told of the vulnerability, interim compensating controls and the remediation plan ' +
          `by ${notice ? context.show(notice.dueAt, us) : '30 days'}; a validated fix distributed by ${fix ? context.show(fix.dueAt, us) : '60 days'}; ` +
          'active ISAO membership with the communications shared. Missing either date makes this report due.',
      );
    }
    const initiated = context.facts.event.fda.correctionInitiatedAt;
    return appliesAs({
      jurisdiction: us,
      clockStart: initiated ? new Date(initiated) : null,
      ...(initiated
        ? {}
        : {
            pending: 'the correction or removal has not been initiated yet (event.fda.correctionInitiatedAt)',
          }),
      basis: `An uncontrolled cybersecurity risk is being corrected to reduce a risk to health (21 CFR 806.10), and FDA's enforcement discretion is unavailable: ${failures.join('; ')}. No report is needed if the correction was already reported under Part 803 (806.10(f)).`,
    });
  },
};

function discretionPath(context: RuleContext): string | null {
  const blocked = uncontrolledRisk(context, 'the 2016 guidance’s enforcement policy');
  if (blocked) return blocked;
  const { facts } = context;
  if (facts.event.fda.seriousAdverseEventKnown || isSeriousInjuryOrDeath(facts.event.patientHarm))
    return 'Enforcement discretion is unavailable: a serious adverse event or death is known (condition 1); the correction is reported under 806 (fda-806-10wd).';
  if (!facts.manufacturer.isaoMember)
    return 'Enforcement discretion is unavailable: the manufacturer is not an active ISAO member (condition 4); the correction is reported under 806 (fda-806-10wd).';
  return null;
}

export const fdaCustomerNotice: ObligationRule = {
  id: 'fda-cyber-customer-30d',
  title: 'Customer notification of an uncontrolled cybersecurity risk',
  regime: cyberRegime,
  source:
    'FDA Postmarket Management of Cybersecurity in Medical Devices (2016) §VII.B condition 2 (regulations.md S1)',
  rows: [4],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: ['ISAO participation criteria (guidance §IX) wording'],
  public: true,
  recipient: 'Customers and the user community, and the ISAO (e.g. H-ISAC) the manufacturer belongs to',
  clock: { kind: 'calendar-days', days: 30 },
  clockStart: 'learning of the vulnerability',
  requiredContent: [
    'The vulnerability and its impact, including the risk to patients',
    'That work is under way to address it',
    'Interim compensating controls users can apply',
    'The remediation plan: a fix or defense-in-depth measures, and a promise of further notice',
  ],
  assess(context) {
    const blocked = discretionPath(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs({
      jurisdiction: us,
      clockStart: context.awareAt,
      basis:
        'Uncontrolled cybersecurity risk with no known serious adverse event and an active ISAO member: FDA’s enforcement discretion (no 806 report) holds only if customers are told within 30 days of learning of it.',
    });
  },
};

export const fdaFix: ObligationRule = {
  id: 'fda-cyber-fix-60d',
  title: 'Validated fix for an uncontrolled cybersecurity risk',
  regime: cyberRegime,
  source:
    'FDA Postmarket Management of Cybersecurity in Medical Devices (2016) §VII.B condition 3 (regulations.md S1)',
  rows: [4],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [],
  public: false,
  recipient: 'Customers (deployable fix); class III devices report the remediation in the PMA annual report',
  clock: { kind: 'calendar-days', days: 60 },
  clockStart: 'learning of the vulnerability',
  requiredContent: [
    'A fix, validated and distributed, that brings the residual risk to an acceptable level',
    'For class III devices: the remediation in the PMA annual report',
  ],
  assess(context) {
    const blocked = discretionPath(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs({
      jurisdiction: us,
      clockStart: context.awareAt,
      basis:
        'Uncontrolled cybersecurity risk under FDA’s enforcement discretion: a validated fix must be distributed within 60 days of learning of the vulnerability, or the correction becomes reportable under 806.',
    });
  },
};

export const fdaRules: readonly ObligationRule[] = [
  fda803ThirtyDays,
  fda803FiveWorkDays,
  fda803Supplement,
  fda806TenWorkingDays,
  fdaCustomerNotice,
  fdaFix,
];
