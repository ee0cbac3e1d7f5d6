import type { ClockDefinition, Deadline } from './deadline.ts';
import type { ObligationFacts } from './facts.ts';

/** The rule ids of issue 6 (exactly), then the ones added for other rows of regulations.md §1. */
export const obligationRuleIds = [
  'fda-803-30d',
  'fda-803-5wd',
  'fda-803-supplement-30d',
  'fda-806-10wd',
  'fda-cyber-customer-30d',
  'fda-cyber-fix-60d',
  'eu-mdr-serious-incident',
  'nis2-early-warning-24h',
  'nis2-notification-72h',
  'nis2-final-1m',
  'cra-early-warning-24h',
  'cra-notification-72h',
  'cra-final',
  'cra-inform-users',
  'gdpr-authority-72h',
  'gdpr-data-subjects',
  'gdpr-processor-to-controller',
  'hipaa-ba-to-covered-entity-60d',
  'hipaa-individuals-60d',
  'hipaa-hhs-60d',
  'hipaa-media-60d',
  'hipaa-hhs-annual-log',
  'sec-8k-item-1-05',
  'tga-2d',
  'tga-10d',
  'tga-30d',
  'hc-10d',
  'hc-30d',
  'mhra-2d',
  'mhra-10d',
  'mhra-15d',
  'circia-72h',
] as const;
export type ObligationRuleId = (typeof obligationRuleIds)[number];

/** The version of regulations.md the rules were written from, and the engine's revision of them. */
export const rulesVersion = '2026-11-29.1';

/** What a rule sees: the facts, the evaluation's options, and the deadline arithmetic. */
export interface RuleContext {
  facts: ObligationFacts;
  awareAt: Date;
  /** The evaluation instant, for provisional anchors and missed conditions; null when not given. */
  now: Date | null;
  /** When an earlier report was filed, by obligation key ('nis2-notification-72h', 'eu-mdr-serious-incident:DE'). */
  filedAt(key: string): Date | null;
  /** The deadline of a clock in a jurisdiction, with this evaluation's holiday overrides. */
  deadline(clock: ClockDefinition, start: Date, jurisdiction: string): Deadline | null;
  /** An instant shown in a jurisdiction's zone, for reasons in words. */
  show(instant: Date, jurisdiction: string): string;
}

/** One obligation a rule gives rise to (EU MDR: one per Member State; HIPAA media: one per US state). */
export interface RuleInstance {
  jurisdiction: string;
  /** Added to the key when one rule applies twice in one jurisdiction (cra-final: vulnerability, incident). */
  variant?: string;
  /** Why it applies, in words. */
  basis: string;
  /** When the clock started; null when the event that starts it has not happened (see `pending`). */
  clockStart: Date | null;
  /** What has to happen for the clock to start, when `clockStart` is null. */
  pending?: string;
  /** The rule's clock, unless this instance is governed by another one (MDR 10- or 2-day clock). */
  clock?: ClockDefinition;
  /** The event that starts the clock, in words, when it differs from the rule's. */
  clockStartWords?: string;
  recipient?: string;
  /** The anchor is a stand-in (e.g. "now" for a report not yet filed): the due date will move. */
  provisional?: boolean;
  confirmed?: boolean;
  notes?: string[];
}

export type RuleAssessment =
  | { applies: false; reason: string }
  | { applies: true; instances: RuleInstance[] };

/** One row of the rules table (regulations.md §1) as data, with its applicability predicate. */
export interface ObligationRule {
  id: ObligationRuleId;
  title: string;
  regime: string;
  /** The legal source and the regulations.md source tags. */
  source: string;
  /** Rows of regulations.md §1 this rule implements. */
  rows: readonly number[];
  version: string;
  /** False where regulations.md marks the rule's trigger, period or counting UNCONFIRMED. */
  confirmed: boolean;
  /** What regulations.md leaves unconfirmed about this rule (shown in the docs and the output notes). */
  unconfirmed: readonly string[];
  /** Whether what is filed becomes public. */
  public: boolean;
  recipient: string;
  clock: ClockDefinition;
  /** The event that starts the clock, in words ("awareness"). */
  clockStart: string;
  /** The rules table's required-content column: what the report must carry (drafts are built from it). */
  requiredContent: readonly string[];
  assess(context: RuleContext): RuleAssessment;
}

export const notApplicable = (reason: string): RuleAssessment => ({ applies: false, reason });
export const appliesAs = (...instances: RuleInstance[]): RuleAssessment => ({ applies: true, instances });
