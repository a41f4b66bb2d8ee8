export { CRON_FIELDS, parseCron, validateCron } from "./parse";
export type { CronError, CronField, CronFieldName, CronParseResult, CronPart, CronSchedule } from "./parse";
export { canEverFire, matchesMinute, nextFireTimes, nextFireTimesOf } from "./next";
export { describeCron, describeSchedule, joinWords } from "./describe";
