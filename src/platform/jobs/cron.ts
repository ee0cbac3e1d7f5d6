import cronParser from 'cron-parser';

/** The next time a cron expression (UTC) fires after `from`; the same parser pg-boss uses. */
export function nextCronTime(expression: string, from: Date): Date {
  return cronParser.parseExpression(expression, { currentDate: from, tz: 'UTC' }).next().toDate();
}
