import {
  appliesAs,
  notApplicable,
  type ObligationRule,
  type RuleAssessment,
  type RuleContext,
  type RuleInstance,
  rulesVersion,
} from '../rule.ts';

/** NIS2 Art. 23(4): early warning, incident notification, final report to the CSIRT or authority. */

const regime = 'NIS2 (Directive (EU) 2022/2555) incident reporting';
const unconfirmedScope =
  'Entity scope and size thresholds (Rec. 2003/361) are taken from manufacturer.nis2, not checked by the engine';

export function mainEstablishment(context: RuleContext): string {
  return context.facts.manufacturer.euMainEstablishment ?? 'EU';
}

function significantIncident(context: RuleContext): string | null {
  const { manufacturer, event } = context.facts;
  if (manufacturer.nis2 === 'none')
    return 'The manufacturer is not an essential or important entity under NIS2 (manufacturer.nis2 is "none").';
  if (!event.nis2SignificantIncident)
    return 'Not a significant incident under NIS2 Art. 23(3) (no severe operational disruption or financial loss, and no considerable damage to others).';
  return null;
}

function nis2Instance(context: RuleContext, basis: string): RuleInstance {
  const state = mainEstablishment(context);
  return {
    jurisdiction: state,
    clockStart: context.awareAt,
    basis: `${basis} The manufacturer is an ${context.facts.manufacturer.nis2} entity (MD/IVD manufacturing is Annex II point 5(a); critical-devices makers Annex I point 5); NIS2 applies alongside the MDR.`,
    recipient:
      state === 'EU'
        ? 'The national CSIRT or competent authority (no EU main establishment given: per the transposition that applies)'
        : `The national CSIRT or competent authority of ${state} (per its transposition)`,
  };
}

export const nis2EarlyWarning: ObligationRule = {
  id: 'nis2-early-warning-24h',
  title: 'NIS2 early warning',
  regime,
  source: 'Directive (EU) 2022/2555 Art. 23(4)(a) (regulations.md S9)',
  rows: [15],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [unconfirmedScope],
  public: false,
  recipient: 'National CSIRT or competent authority',
  clock: { kind: 'hours', hours: 24 },
  clockStart: 'awareness of the significant incident',
  requiredContent: [
    'Whether the incident is suspected of being caused by unlawful or malicious acts',
    'Whether it could have a cross-border impact',
  ],
  assess(context): RuleAssessment {
    const blocked = significantIncident(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs(
      nis2Instance(context, 'A significant incident: early warning within 24 hours of awareness.'),
    );
  },
};

export const nis2Notification: ObligationRule = {
  id: 'nis2-notification-72h',
  title: 'NIS2 incident notification',
  regime,
  source: 'Directive (EU) 2022/2555 Art. 23(4)(b) (regulations.md S9)',
  rows: [16],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: [unconfirmedScope],
  public: false,
  recipient: 'National CSIRT or competent authority',
  clock: { kind: 'hours', hours: 72 },
  clockStart: 'awareness of the significant incident',
  requiredContent: [
    'An update of the early warning',
    'An initial assessment of the incident, including its severity and impact',
    'Indicators of compromise, where available',
  ],
  assess(context) {
    const blocked = significantIncident(context);
    if (blocked) return notApplicable(blocked);
    return appliesAs(
      nis2Instance(context, 'A significant incident: incident notification within 72 hours of awareness.'),
    );
  },
};

/**
 * A final report anchored on the submission of the 72-h notification: its filing instant when known,
 * otherwise a provisional anchor (now, or awareness when no `now` is given): as if it were filed then.
 */
export function anchoredOnNotification(
  context: RuleContext,
  notificationKey: string,
): { start: Date; provisional: boolean; note: string | null } {
  const filed = context.filedAt(notificationKey);
  if (filed) return { start: filed, provisional: false, note: null };
  const start =
    context.now && context.now.getTime() > context.awareAt.getTime() ? context.now : context.awareAt;
  return {
    start,
    provisional: true,
    note: `Provisional: the 72-h notification (${notificationKey}) has not been filed; anchored on ${context.now ? 'now' : 'awareness'} as if it were filed then. The date moves when its filing instant is known.`,
  };
}

export const nis2Final: ObligationRule = {
  id: 'nis2-final-1m',
  title: 'NIS2 final report',
  regime,
  source: 'Directive (EU) 2022/2555 Art. 23(4)(d),(e); Reg. 1182/71 Art. 3(2)(c) (regulations.md S9, S24)',
  rows: [17],
  version: rulesVersion,
  confirmed: false,
  unconfirmed: [
    'Art. 23(4)(e) wording (progress report when the incident is still ongoing)',
    'The Reg. 1182/71 month rule applied to "one month after the notification"',
    unconfirmedScope,
  ],
  public: false,
  recipient: 'National CSIRT or competent authority',
  clock: { kind: 'months', months: 1 },
  clockStart: 'submission of the 72-h incident notification',
  requiredContent: [
    'A detailed description of the incident, including its severity and impact',
    'The type of threat or root cause that likely triggered it',
    'Mitigation measures applied and ongoing',
    'The cross-border impact, where applicable',
  ],
  assess(context) {
    const blocked = significantIncident(context);
    if (blocked) return notApplicable(blocked);
    const anchor = anchoredOnNotification(context, 'nis2-notification-72h');
    const instance = nis2Instance(
      context,
      'A significant incident: final report one month after the incident notification (Art. 23(4)(d)); an intermediate report only if the CSIRT asks (23(4)(c)).',
    );
    return appliesAs({
      ...instance,
      clockStart: anchor.start,
      provisional: anchor.provisional,
      notes: anchor.note ? [anchor.note] : [],
    });
  },
};

export const nis2Rules: readonly ObligationRule[] = [nis2EarlyWarning, nis2Notification, nis2Final];
