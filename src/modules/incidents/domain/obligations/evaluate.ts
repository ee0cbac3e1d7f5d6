import { DomainError } from '../../../../shared/errors.ts';
import type { NotApplicable, Obligation, ObligationsEvaluation } from '../../obligations.contracts.ts';
import { type HolidayOverrides, type WorkingCalendar, workingCalendarFor } from './calendar.ts';
import { type ClockDefinition, computeDeadline, describeClock } from './deadline.ts';
import type { ObligationFacts } from './facts.ts';
import { countryOf, isEuMemberState, zoneOf } from './jurisdictions.ts';
import type { ObligationRule, ObligationRuleId, RuleContext, RuleInstance } from './rule.ts';
import { obligationRules } from './rules/index.ts';
import { formatInstant } from './zoned-time.ts';

/** A deployment's setting for one rule: switch it off, or (unconfirmed rules only) change its period. */
export interface RuleSetting {
  enabled?: boolean;
  days?: number;
}

export interface EvaluateObligationsOptions {
  /** The evaluation instant: anchors provisional clocks and decides missed conditions (FDA 806 policy). */
  now?: Date | string | null;
  /** Per-deployment extra and removed holidays per jurisdiction ('US', 'DE', …). */
  holidays?: HolidayOverrides;
  /** Filing instants of reports already made, by obligation key ('nis2-notification-72h', 'eu-mdr-serious-incident:DE'). */
  filed?: Readonly<Record<string, Date | string>>;
  /** Per-deployment rule settings (UNCONFIRMED rules stay configurable). */
  rules?: Readonly<Partial<Record<ObligationRuleId, RuleSetting>>>;
}

/**
 * Where the day of awareness is read. regulations.md §2 fixes the zone for the EU (Member-State local time,
 * MDCG 2023-3 Q14) and for EDGAR (America/New_York); for the other day clocks (FDA, HIPAA, TGA, Health
 * Canada, MHRA) it names none, so day zero is the earlier of the date in the jurisdiction's zone and in the
 * manufacturer's own: awareness at 22:00 in Los Angeles is already the next day in New York, and counting
 * from that next day would give a later deadline than the text allows.
 */
function dayZeroZones(jurisdiction: string, clock: ClockDefinition, manufacturerZone: string): string[] {
  const country = countryOf(jurisdiction);
  if (country === 'EU' || isEuMemberState(country) || clock.kind === 'sec-business-days') return [];
  return [manufacturerZone];
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

function invalidOption(message: string): never {
  throw new DomainError('invalid', message);
}

function configuredClock(rule: ObligationRule, setting: RuleSetting | undefined): ClockDefinition {
  if (setting?.days === undefined) return rule.clock;
  if (rule.confirmed) invalidOption(`${rule.id} is confirmed: its period cannot be configured.`);
  if (!Number.isInteger(setting.days) || setting.days < 1 || setting.days > 366)
    invalidOption(`${rule.id}: days must be a whole number from 1 to 366.`);
  if (
    rule.clock.kind !== 'calendar-days' &&
    rule.clock.kind !== 'working-days' &&
    rule.clock.kind !== 'eu-days'
  )
    invalidOption(`${rule.id} is not counted in days: its period cannot be configured.`);
  return { ...rule.clock, days: setting.days };
}

function checkedInstant(value: Date | string, what: string): Date {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) invalidOption(`${what} is not a valid instant: ${String(value)}`);
  return date;
}

/**
 * Which reports and disclosures the facts make mandatory, to whom and by when (issue 6 point 2), and why
 * each other rule does not apply. Pure: the same facts and options always give the same answer.
 * Obligations come earliest due first (those without a due date last); `notApplicable` in rule order.
 * Throws DomainError('invalid') for options that do not make sense (a bad instant, a confirmed rule's
 * period changed).
 */
export function evaluateObligations(
  facts: ObligationFacts,
  options: EvaluateObligationsOptions = {},
): ObligationsEvaluation {
  const now = options.now ? checkedInstant(options.now, 'now') : null;
  const filed = new Map(
    Object.entries(options.filed ?? {}).map(([key, at]) => [key, checkedInstant(at, `filed[${key}]`)]),
  );
  for (const id of Object.keys(options.rules ?? {}))
    if (!obligationRules.some((r) => r.id === id)) invalidOption(`rules: no rule ${id}`);
  const calendars = new Map<string, WorkingCalendar>();
  const calendarOf = (jurisdiction: string) => {
    let calendar = calendars.get(jurisdiction);
    if (!calendar) {
      calendar = workingCalendarFor(jurisdiction, options.holidays);
      calendars.set(jurisdiction, calendar);
    }
    return calendar;
  };
  const context: RuleContext = {
    facts,
    awareAt: new Date(facts.awareAt),
    now,
    filedAt: (key) => filed.get(key) ?? null,
    deadline: (clock, start, jurisdiction) =>
      computeDeadline(
        clock,
        start,
        calendarOf(jurisdiction),
        dayZeroZones(jurisdiction, clock, facts.manufacturer.timezone),
      ),
    show: (instant, jurisdiction) => formatInstant(instant, zoneOf(jurisdiction)),
  };

  const obligations: Obligation[] = [];
  const notApplicable: NotApplicable[] = [];
  for (const rule of obligationRules) {
    const setting = options.rules?.[rule.id];
    if (setting?.enabled === false) {
      notApplicable.push({ id: rule.id, reason: 'Switched off in this deployment’s rule settings.' });
      continue;
    }
    const clock = configuredClock(rule, setting);
    const assessment = rule.assess(context);
    if (!assessment.applies) notApplicable.push({ id: rule.id, reason: assessment.reason });
    else
      for (const instance of assessment.instances)
        obligations.push(
          toObligation(rule, instance, clock, setting, calendarOf(instance.jurisdiction), facts),
        );
  }
  obligations.sort((a, b) => dueOrder(a) - dueOrder(b));
  return { obligations, notApplicable };
}

function dueOrder(obligation: Obligation): number {
  return obligation.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(obligation.dueAt);
}

const clocksOnCalendar = new Set<ClockDefinition['kind']>(['working-days', 'eu-days', 'sec-business-days']);

function toObligation(
  rule: ObligationRule,
  instance: RuleInstance,
  ruleClock: ClockDefinition,
  setting: RuleSetting | undefined,
  calendar: WorkingCalendar,
  facts: ObligationFacts,
): Obligation {
  const clock = instance.clock ?? ruleClock;
  const zone = calendar.zone;
  const deadline = instance.clockStart
    ? computeDeadline(
        clock,
        instance.clockStart,
        calendar,
        dayZeroZones(instance.jurisdiction, clock, facts.manufacturer.timezone),
      )
    : null;
  const dueRule = [
    describeClock(clock, instance.clockStartWords ?? rule.clockStart),
    instance.pending ? `no due date yet: ${instance.pending}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  const notes = [
    ...(instance.notes ?? []),
    ...(setting?.days !== undefined ? [`Period set to ${setting.days} days by this deployment.`] : []),
    ...rule.unconfirmed.map((point) => `Unconfirmed: ${point}.`),
  ];
  return {
    id: rule.id,
    key: instance.variant ? `${rule.id}:${instance.variant}` : rule.id,
    title: rule.title,
    regime: rule.regime,
    jurisdiction: instance.jurisdiction,
    recipient: instance.recipient ?? rule.recipient,
    dueAt: deadline ? formatInstant(deadline.dueAt, zone) : null,
    dueDate: deadline ? deadline.dueDate : null,
    dueRule,
    timeZone: zone,
    dueAtManufacturerTime: deadline ? formatInstant(deadline.dueAt, facts.manufacturer.timezone) : null,
    clockStart: instance.clockStart ? formatInstant(instance.clockStart, zone) : null,
    provisional: instance.provisional === true || instance.clockStart === null,
    basis: instance.basis,
    source: rule.source,
    ruleVersion: rule.version,
    confirmed: instance.confirmed ?? rule.confirmed,
    public: rule.public,
    calendar: clocksOnCalendar.has(clock.kind) ? calendar.description : null,
    notes,
  };
}
