/**
 * Timer values of BPMN timer events: parsing into a typed `TimerSpec`, and the pure calculation
 * of the next due time.
 *
 * Contract
 * - `parseTimer(field, value)` reads the text of a `timeDate`, `timeDuration` or `timeCycle`:
 *   - timeDate:     ISO 8601 date-time with `Z` or an offset (`2026-12-01T10:00:00+01:00`);
 *   - timeDuration: ISO 8601 duration (`PT10M`, `P1DT2H`, `P2W`);
 *   - timeCycle:    ISO 8601 repeating interval (`R3/PT10M`, `R/PT1H`, `R5/<date-time>/P1D`)
 *                   or a cron expression (5 or 6 fields, UTC);
 *   - any of them:  FEEL (`=...`) or Camunda 7 JUEL (`${...}`), giving a 'dynamic' spec whose
 *                   FEEL the engine evaluates when the timer starts; the result (text) is then
 *                   parsed again with `parseTimer`.
 *   Failures say what is wrong, quoting the value. Nothing throws.
 * - All arithmetic is UTC: a day is 24 hours, there is no daylight saving time. Adding months
 *   keeps the day of month, clamped to the month's last day (Jan 31 + P1M = Feb 28 or 29).
 * - `nextFireTime` is pure: time comes in as `now`, never from the clock.
 */
import { toFeel } from './expressions';
import type { EventDefinition } from './model';

export type TimerField = 'timeDate' | 'timeDuration' | 'timeCycle';

/** An ISO 8601 duration by component; `seconds` may have a fraction. */
export type IsoDuration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

/** A parsed cron expression: the allowed values of each field, in ascending order. */
export type CronSchedule = {
  expression: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0 = Sunday ... 6 = Saturday (7 in the text is read as 0). */
  daysOfWeek: number[];
  /**
   * Whether the day fields were restricted (not `*` or `?`). As in Vixie cron, when both are
   * restricted a day matches if it matches either; otherwise it must match both.
   */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
};

export type TimerSpec =
  | { kind: 'date'; at: Date }
  | { kind: 'duration'; duration: IsoDuration }
  /** Fires `repetitions` times (null: without end), every `interval`, from `start` if given. */
  | { kind: 'cycle'; repetitions: number | null; start?: Date; interval: IsoDuration }
  | { kind: 'cron'; cron: CronSchedule }
  | { kind: 'dynamic'; feel: string };

/** A spec whose due times can be computed without evaluating an expression. */
export type StaticTimerSpec = Exclude<TimerSpec, { kind: 'dynamic' }>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export type TimerParse = { ok: true; spec: TimerSpec } | { ok: false; reason: string };

export const TIMER_FIELDS: readonly TimerField[] = ['timeDate', 'timeDuration', 'timeCycle'];

export type TimerDefinition = Extract<EventDefinition, { kind: 'timer' }>;

/**
 * The one value of a timer event definition: which field is set and its text. A definition
 * with none, or with more than one, has no value (BPMN allows exactly one); `given` lists the
 * non-blank fields found.
 */
export function timerValueOf(
  definition: TimerDefinition,
): { ok: true; field: TimerField; value: string } | { ok: false; given: TimerField[] } {
  const given = TIMER_FIELDS.filter((field) => {
    const expression = definition[field];
    return expression !== undefined && expression.body.trim() !== '';
  });
  if (given.length !== 1) return { ok: false, given };
  const field = given[0];
  return { ok: true, field, value: definition[field]?.body ?? '' };
}

const FIELD_NAMES: Record<TimerField, string> = {
  timeDate: 'timer date',
  timeDuration: 'timer duration',
  timeCycle: 'timer cycle',
};

export function parseTimer(field: TimerField, value: string): TimerParse {
  const text = value.trim();
  if (text === '') return { ok: false, reason: `the ${FIELD_NAMES[field]} is empty` };
  if (text.startsWith('=') || text.includes('${') || text.includes('#{')) {
    const feel = toFeel(text);
    if (!feel.ok) return { ok: false, reason: feel.reason };
    return { ok: true, spec: { kind: 'dynamic', feel: feel.feel } };
  }
  switch (field) {
    case 'timeDate': {
      const at = parseIsoDateTime(text);
      return at.ok ? { ok: true, spec: { kind: 'date', at: at.value } } : at;
    }
    case 'timeDuration': {
      const duration = parseIsoDuration(text);
      return duration.ok ? { ok: true, spec: { kind: 'duration', duration: duration.value } } : duration;
    }
    case 'timeCycle':
      return parseCycle(text);
  }
}

function parseCycle(text: string): TimerParse {
  if (text.startsWith('R')) {
    const cycle = parseRepeatingInterval(text);
    return cycle.ok ? { ok: true, spec: cycle.value } : cycle;
  }
  const fieldCount = text.split(/\s+/).length;
  if (text.startsWith('@') || fieldCount === 5 || fieldCount === 6) {
    const cron = parseCron(text);
    return cron.ok ? { ok: true, spec: { kind: 'cron', cron: cron.value } } : cron;
  }
  return {
    ok: false,
    reason: `"${text}" is not a timer cycle: write an ISO 8601 repeating interval (e.g. R3/PT10M) or a cron expression (e.g. 0 9 * * MON-FRI)`,
  };
}

// ---------------------------------------------------------------------------------------
// ISO 8601 date-time

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Parses an ISO 8601 date-time that names its offset (`Z`, `+01:00`, `-0530`). */
export function parseIsoDateTime(text: string): Parsed<Date> {
  const match = DATE_TIME.exec(text);
  if (!match) {
    return { ok: false, reason: `"${text}" is not an ISO 8601 date-time (e.g. 2026-12-01T10:00:00Z)` };
  }
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, offsetText] = match;
  if (offsetText === undefined) {
    return { ok: false, reason: `"${text}" has no time zone offset: add Z (UTC) or an offset such as +01:00` };
  }
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  const milliseconds = fractionText === undefined ? 0 : Math.floor(Number(`0.${fractionText}`) * 1000);
  if (month < 1 || month > 12) return { ok: false, reason: `"${text}" is not a valid date: there is no month ${month}` };
  const monthLength = daysInMonth(year, month);
  if (day < 1 || day > monthLength) {
    return { ok: false, reason: `"${text}" is not a valid date: ${MONTH_NAMES[month - 1]} ${year} has ${monthLength} days` };
  }
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `"${text}" is not a valid time of day` };
  const offsetMinutes = parseOffset(offsetText);
  if (offsetMinutes === null) return { ok: false, reason: `"${text}" has an invalid time zone offset "${offsetText}"` };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offsetMinutes * 60_000;
  return { ok: true, value: new Date(utc) };
}

/** Minutes east of UTC, or null when out of range. */
function parseOffset(offset: string): number | null {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 18 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------------------------------------------------------------------------------------
// ISO 8601 duration

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration (`PT10M`, `P1DT2H`, `P2W`, `PT1.5S`). Negative durations are not allowed. */
export function parseIsoDuration(text: string): Parsed<IsoDuration> {
  const match = DURATION.exec(text);
  const invalid = { ok: false as const, reason: `"${text}" is not an ISO 8601 duration (e.g. PT10M, P1DT2H, P2W)` };
  if (!match || text === 'P' || text.endsWith('T')) return invalid;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const number = (part: string | undefined) => (part === undefined ? 0 : Number(part.replace(',', '.')));
  return {
    ok: true,
    value: {
      years: number(years),
      months: number(months),
      weeks: number(weeks),
      days: number(days),
      hours: number(hours),
      minutes: number(minutes),
      seconds: number(seconds),
    },
  };
}

function isZeroDuration(duration: IsoDuration): boolean {
  return Object.values(duration).every((part) => part === 0);
}

/**
 * `date` plus `times` × `duration`, in UTC: years and months first (day clamped to the month's
 * end), then weeks and days as 24 hours, then hours, minutes and seconds. Multiplying before
 * adding (rather than adding repeatedly) keeps month-end anchors: Jan 31 + 2 × P1M = Mar 31.
 */
export function addDuration(date: Date, duration: IsoDuration, times = 1): Date {
  const totalMonths = (duration.years * 12 + duration.months) * times;
  let result = date.getTime();
  if (totalMonths !== 0) {
    const year = date.getUTCFullYear();
    const monthIndex = date.getUTCMonth() + totalMonths;
    const targetYear = year + Math.floor(monthIndex / 12);
    const targetMonth = ((monthIndex % 12) + 12) % 12; // 0-based
    const day = Math.min(date.getUTCDate(), daysInMonth(targetYear, targetMonth + 1));
    result = Date.UTC(
      targetYear, targetMonth, day,
      date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds(),
    );
  }
  const days = (duration.weeks * 7 + duration.days) * times;
  const seconds = (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * times;
  return new Date(result + days * 86_400_000 + Math.round(seconds * 1000));
}

// ---------------------------------------------------------------------------------------
// ISO 8601 repeating interval

function parseRepeatingInterval(text: string): Parsed<Extract<TimerSpec, { kind: 'cycle' }>> {
  const fail = (why: string) => ({ ok: false as const, reason: `"${text}" is not an ISO 8601 repeating interval: ${why}` });
  const parts = text.split('/');
  const repetitionsText = parts[0].slice(1);
  if (repetitionsText !== '' && !/^\d+$/.test(repetitionsText)) return fail(`"${parts[0]}" must be R or R followed by a count, e.g. R3`);
  const repetitions = repetitionsText === '' ? null : Number(repetitionsText);
  if (repetitions === 0) return fail('R0 never fires');

  if (parts.length === 2) {
    const interval = parseIsoDuration(parts[1]);
    if (!interval.ok) return fail(interval.reason);
    if (isZeroDuration(interval.value)) return fail('the interval must be longer than zero');
    return { ok: true, value: { kind: 'cycle', repetitions, interval: interval.value } };
  }
  if (parts.length === 3) {
    if (parts[1].startsWith('P')) return fail('an end date (R[n]/<duration>/<end>) is not supported; give a start: R[n]/<start>/<duration>');
    const start = parseIsoDateTime(parts[1]);
    if (!start.ok) return fail(start.reason);
    const interval = parseIsoDuration(parts[2]);
    if (!interval.ok) return fail(interval.reason);
    if (isZeroDuration(interval.value)) return fail('the interval must be longer than zero');
    return { ok: true, value: { kind: 'cycle', repetitions, start: start.value, interval: interval.value } };
  }
  return fail('write R[n]/<duration> or R[n]/<start date-time>/<duration>');
}

// ---------------------------------------------------------------------------------------
// Cron (UTC)

type CronField = { name: string; min: number; max: number; names?: string[] };

const CRON_SECOND: CronField = { name: 'second', min: 0, max: 59 };
const CRON_MINUTE: CronField = { name: 'minute', min: 0, max: 59 };
const CRON_HOUR: CronField = { name: 'hour', min: 0, max: 23 };
const CRON_DAY_OF_MONTH: CronField = { name: 'day of month', min: 1, max: 31 };
const CRON_MONTH: CronField = {
  name: 'month', min: 1, max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
// 0..7, where both 0 and 7 are Sunday; names map to 0..6.
const CRON_DAY_OF_WEEK: CronField = { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };

const CRON_MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** How far ahead `nextCronTime` looks before deciding a schedule never fires (covers Feb 29). */
const CRON_SEARCH_YEARS = 8;

/**
 * Parses a cron expression: 5 fields (minute hour day-of-month month day-of-week) or 6 (with
 * seconds first). Fields take `*`, `?` (day fields), numbers, names (JAN, MON), lists `1,5`,
 * ranges `1-5` and steps `*\/15`, `1-30/5`, `5/10`. The @daily style macros are accepted.
 */
export function parseCron(text: string): Parsed<CronSchedule> {
  const expression = text.trim();
  const source = CRON_MACROS[expression.toLowerCase()] ?? expression;
  const fail = (why: string) => ({ ok: false as const, reason: `"${expression}" is not a cron expression: ${why}` });
  if (source.startsWith('@')) return fail(`unknown macro ${source}`);
  const parts = source.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return fail(`it has ${parts.length} fields, expected 5 or 6`);
  const [secondText, minuteText, hourText, dayOfMonthText, monthText, dayOfWeekText] = parts.length === 6 ? parts : ['0', ...parts];

  const seconds = parseCronField(secondText, CRON_SECOND);
  if (!seconds.ok) return fail(seconds.reason);
  const minutes = parseCronField(minuteText, CRON_MINUTE);
  if (!minutes.ok) return fail(minutes.reason);
  const hours = parseCronField(hourText, CRON_HOUR);
  if (!hours.ok) return fail(hours.reason);
  const daysOfMonth = parseCronField(dayOfMonthText, CRON_DAY_OF_MONTH);
  if (!daysOfMonth.ok) return fail(daysOfMonth.reason);
  const months = parseCronField(monthText, CRON_MONTH);
  if (!months.ok) return fail(months.reason);
  const daysOfWeek = parseCronField(dayOfWeekText, CRON_DAY_OF_WEEK);
  if (!daysOfWeek.ok) return fail(daysOfWeek.reason);

  const schedule: CronSchedule = {
    expression,
    seconds: seconds.value,
    minutes: minutes.value,
    hours: hours.value,
    daysOfMonth: daysOfMonth.value,
    months: months.value,
    daysOfWeek: [...new Set(daysOfWeek.value.map((day) => day % 7))].sort((a, b) => a - b),
    dayOfMonthRestricted: !isUnrestricted(dayOfMonthText),
    dayOfWeekRestricted: !isUnrestricted(dayOfWeekText),
  };
  if (nextCronTime(schedule, new Date(Date.UTC(2000, 0, 1))) === null) {
    return fail('it never fires (no month has such a day)');
  }
  return { ok: true, value: schedule };
}

function isUnrestricted(fieldText: string): boolean {
  return fieldText.startsWith('*') || fieldText === '?';
}

function parseCronField(text: string, field: CronField): Parsed<number[]> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item.includes('#') || /^(\d*L|L-\d+|LW|\d+W)$/i.test(item)) {
      return { ok: false, reason: `${field.name} "${item}" uses L, W or #, which are not supported` };
    }
    const range = parseCronItem(item, field);
    if (!range.ok) return range;
    for (let value = range.value.from; value <= range.value.to; value += range.value.step) values.add(value);
  }
  return { ok: true, value: [...values].sort((a, b) => a - b) };
}

function parseCronItem(item: string, field: CronField): Parsed<{ from: number; to: number; step: number }> {
  const fail = (why: string) => ({ ok: false as const, reason: `${field.name} "${item}" ${why}` });
  const [rangeText, stepText, ...extra] = item.split('/');
  if (extra.length > 0) return fail('has more than one "/"');
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) return fail('has a step that is not a positive number');
    step = Number(stepText);
  }
  if (rangeText === '*' || rangeText === '?') return { ok: true, value: { from: field.min, to: field.max, step } };
  const [fromText, toText, ...more] = rangeText.split('-');
  if (more.length > 0) return fail('is not a value or a range');
  const from = cronValue(fromText, field);
  if (from === null) return fail(`is not valid: "${fromText}" is outside ${describeRange(field)}`);
  if (toText === undefined) {
    // `5/10` means from 5 to the end in steps of 10.
    return { ok: true, value: { from, to: stepText === undefined ? from : field.max, step } };
  }
  const to = cronValue(toText, field);
  if (to === null) return fail(`is not valid: "${toText}" is outside ${describeRange(field)}`);
  if (to < from) return fail('is a range that ends before it starts');
  return { ok: true, value: { from, to, step } };
}

function describeRange(field: CronField): string {
  const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : '';
  return `${field.min}-${field.max}${names}`;
}

function cronValue(text: string, field: CronField): number | null {
  const nameIndex = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (nameIndex >= 0) return field.min === 1 ? nameIndex + 1 : nameIndex;
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : null;
}

/** The first time strictly after `after` (at whole seconds, UTC) that the schedule matches, or null. */
export function nextCronTime(cron: CronSchedule, after: Date): Date | null {
  const seconds = new Set(cron.seconds);
  const minutes = new Set(cron.minutes);
  const hours = new Set(cron.hours);
  const daysOfMonth = new Set(cron.daysOfMonth);
  const months = new Set(cron.months);
  const daysOfWeek = new Set(cron.daysOfWeek);
  const dayMatches = (candidate: Date): boolean => {
    const byMonth = daysOfMonth.has(candidate.getUTCDate());
    const byWeek = daysOfWeek.has(candidate.getUTCDay());
    if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) return byMonth || byWeek;
    return byMonth && byWeek;
  };

  let t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const lastYear = after.getUTCFullYear() + CRON_SEARCH_YEARS;
  while (t.getUTCFullYear() <= lastYear) {
    const year = t.getUTCFullYear();
    const month = t.getUTCMonth();
    const day = t.getUTCDate();
    const hour = t.getUTCHours();
    const minute = t.getUTCMinutes();
    if (!months.has(month + 1)) {
      t = new Date(Date.UTC(year, month + 1, 1));
    } else if (!dayMatches(t)) {
      t = new Date(Date.UTC(year, month, day + 1));
    } else if (!hours.has(hour)) {
      t = new Date(Date.UTC(year, month, day, hour + 1));
    } else if (!minutes.has(minute)) {
      t = new Date(Date.UTC(year, month, day, hour, minute + 1));
    } else if (!seconds.has(t.getUTCSeconds())) {
      t = new Date(t.getTime() + 1000);
    } else {
      return t;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Next due time

export type FireTimeOptions = {
  /** The current time; for a duration or a cycle without start, when the timer was started. */
  now: Date;
  /** When the timer last fired (its due time), if it has fired. */
  previous?: Date;
  /** How many times the timer has fired so far (default 0). */
  count?: number;
};

/**
 * The next due time of a timer, or null when it will not fire again.
 * - date: the date (possibly in the past: then it is due at once), once.
 * - duration: `now` + duration, once.
 * - cycle with start: occurrence number `count` (start + count × interval), until `repetitions`.
 * - cycle without start: (`previous` or `now`) + interval, until `repetitions`.
 * - cron: the first match after `previous` (or `now`); without end.
 */
export function nextFireTime(spec: StaticTimerSpec, options: FireTimeOptions): Date | null {
  const count = options.count ?? 0;
  switch (spec.kind) {
    case 'date':
      return count >= 1 ? null : spec.at;
    case 'duration':
      return count >= 1 ? null : addDuration(options.now, spec.duration);
    case 'cycle':
      if (spec.repetitions !== null && count >= spec.repetitions) return null;
      if (spec.start !== undefined) return addDuration(spec.start, spec.interval, count);
      return addDuration(options.previous ?? options.now, spec.interval);
    case 'cron':
      return nextCronTime(spec.cron, options.previous ?? options.now);
  }
}
