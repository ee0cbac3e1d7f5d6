/** The obligations engine (issue 6 point 2): pure; rules as data, deadline arithmetic, evaluation. */
export {
  type HolidayOverride,
  type HolidayOverrides,
  holidayDataVersion,
  type WorkingCalendar,
  workingCalendarFor,
} from './calendar.ts';
export { type ClockDefinition, computeDeadline, type Deadline, describeClock } from './deadline.ts';
export { type EvaluateObligationsOptions, evaluateObligations, type RuleSetting } from './evaluate.ts';
export { type ObligationFacts, parseObligationFacts } from './facts.ts';
export { zoneOf } from './jurisdictions.ts';
export { type ObligationRule, type ObligationRuleId, obligationRuleIds, rulesVersion } from './rule.ts';
export { obligationRules } from './rules/index.ts';
export { formatInstant, instantAt, localDateAt } from './zoned-time.ts';

import { obligationRules } from './rules/index.ts';

/** The rules table's required-content column for a rule (drafts are generated from it). */
export function requiredContentOf(id: string): readonly string[] {
  return obligationRules.find((rule) => rule.id === id)?.requiredContent ?? [];
}
