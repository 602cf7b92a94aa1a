import { describe, expect, it } from 'vitest';
import {
  addDuration,
  nextCronTime,
  nextFireTime,
  parseCron,
  parseIsoDateTime,
  parseIsoDuration,
  parseTimer,
  timerValueOf,
  type CronSchedule,
  type IsoDuration,
  type StaticTimerSpec,
  type TimerField,
} from './timers';

const utc = (text: string) => new Date(text);
const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function staticSpec(field: TimerField, value: string): StaticTimerSpec {
  const parsed = parseTimer(field, value);
  if (!parsed.ok) throw new Error(parsed.reason);
  if (parsed.spec.kind === 'dynamic') throw new Error('expected a static spec');
  return parsed.spec;
}

function duration(text: string): IsoDuration {
  const parsed = parseIsoDuration(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function cron(text: string): CronSchedule {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('ISO 8601 date-time', () => {
  it.each([
    ['2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000Z'],
    ['2026-12-01T10:00Z', '2026-12-01T10:00:00.000Z'],
    ['2026-12-01T10:00:00+01:00', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T10:00:00-0530', '2026-12-01T15:30:00.000Z'],
    ['2026-12-01T10:00:00.250Z', '2026-12-01T10:00:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('given %s, when parsed, then it is %s in UTC', (text, expected) => {
    const parsed = parseIsoDateTime(text);
    expect(parsed.ok && parsed.value.toISOString()).toBe(expected);
  });

  it.each([
    ['2026-12-01T10:00:00', 'has no time zone offset: add Z (UTC) or an offset such as +01:00'],
    ['2026-02-29T10:00:00Z', 'is not a valid date: February 2026 has 28 days'],
    ['2026-04-31T10:00:00Z', 'is not a valid date: April 2026 has 30 days'],
    ['2026-13-01T10:00:00Z', 'is not a valid date: there is no month 13'],
    ['2026-12-01T25:00:00Z', 'is not a valid time of day'],
    ['2026-12-01', 'is not an ISO 8601 date-time'],
    ['tomorrow', 'is not an ISO 8601 date-time'],
  ])('given %s, when parsed, then it fails saying it %s', (text, why) => {
    expect(parseIsoDateTime(text)).toEqual({ ok: false, reason: expect.stringContaining(`"${text}" ${why}`) });
  });
});

describe('ISO 8601 duration', () => {
  it.each([
    ['PT10M', { minutes: 10 }],
    ['P1DT2H', { days: 1, hours: 2 }],
    ['P2W', { weeks: 2 }],
    ['P1Y2M3DT4H5M6S', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 }],
    ['PT1.5S', { seconds: 1.5 }],
    ['PT0S', {}],
  ])('given %s, when parsed, then its components are %o', (text, parts) => {
    expect(parseIsoDuration(text)).toEqual({
      ok: true,
      value: { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...parts },
    });
  });

  it.each(['PT10X', 'P', 'PT', 'P1H', '10m', 'PT-5M', 'pt10m', 'P1DT'])('given %s, when parsed, then it is not an ISO 8601 duration', (text) => {
    expect(parseIsoDuration(text)).toEqual({ ok: false, reason: `"${text}" is not an ISO 8601 duration (e.g. PT10M, P1DT2H, P2W)` });
  });

  it('given a day-long duration across a European DST change, when added, then it is exactly 24 hours (UTC arithmetic)', () => {
    expect(iso(addDuration(utc('2026-03-28T12:00:00Z'), duration('P1D')))).toBe('2026-03-29T12:00:00.000Z');
    expect(iso(addDuration(utc('2026-03-28T12:00:00Z'), duration('PT24H')))).toBe('2026-03-29T12:00:00.000Z');
  });

  it('given month-end dates, when a month is added, then the day is clamped to the end of the target month', () => {
    expect(iso(addDuration(utc('2026-01-31T10:00:00Z'), duration('P1M')))).toBe('2026-02-28T10:00:00.000Z');
    expect(iso(addDuration(utc('2024-01-31T10:00:00Z'), duration('P1M')))).toBe('2024-02-29T10:00:00.000Z');
    expect(iso(addDuration(utc('2026-03-31T10:00:00Z'), duration('P1M')))).toBe('2026-04-30T10:00:00.000Z');
    expect(iso(addDuration(utc('2026-12-15T10:00:00Z'), duration('P1M')))).toBe('2027-01-15T10:00:00.000Z');
  });

  it('given a leap day, when a year is added, then it lands on February 28', () => {
    expect(iso(addDuration(utc('2024-02-29T00:00:00Z'), duration('P1Y')))).toBe('2025-02-28T00:00:00.000Z');
    expect(iso(addDuration(utc('2024-02-29T00:00:00Z'), duration('P4Y')))).toBe('2028-02-29T00:00:00.000Z');
  });

  it('given a multiple of a month, when added, then the month-end anchor is kept (not drifting)', () => {
    expect(iso(addDuration(utc('2026-01-31T00:00:00Z'), duration('P1M'), 2))).toBe('2026-03-31T00:00:00.000Z');
  });
});

describe('parseTimer', () => {
  it('given a FEEL timer value, when parsed, then it is dynamic', () => {
    expect(parseTimer('timeDuration', '=reminderDelay')).toEqual({ ok: true, spec: { kind: 'dynamic', feel: 'reminderDelay' } });
  });

  it('given a JUEL timer value, when parsed, then it is dynamic with the translated FEEL', () => {
    expect(parseTimer('timeDate', '${dueDate}')).toEqual({ ok: true, spec: { kind: 'dynamic', feel: 'dueDate' } });
    expect(parseTimer('timeDate', '${dateService.next()}').ok).toBe(false);
  });

  it('given a value of the wrong kind for its field, when parsed, then it fails naming the value', () => {
    expect(parseTimer('timeDuration', '2026-12-01T10:00:00Z')).toMatchObject({ ok: false, reason: expect.stringContaining('is not an ISO 8601 duration') });
    expect(parseTimer('timeDate', 'PT10M')).toMatchObject({ ok: false, reason: expect.stringContaining('is not an ISO 8601 date-time') });
    expect(parseTimer('timeCycle', 'PT10M')).toMatchObject({ ok: false, reason: expect.stringContaining('is not a timer cycle') });
    expect(parseTimer('timeCycle', ' ')).toEqual({ ok: false, reason: 'the timer cycle is empty' });
  });

  it.each([
    ['R3/PT10M', { kind: 'cycle', repetitions: 3, interval: { minutes: 10 } }],
    ['R/PT1H', { kind: 'cycle', repetitions: null, interval: { hours: 1 } }],
    ['R5/2026-01-01T00:00:00Z/P1D', { kind: 'cycle', repetitions: 5, start: utc('2026-01-01T00:00:00Z'), interval: { days: 1 } }],
  ])('given the cycle %s, when parsed, then it is a repeating interval', (text, expected) => {
    expect(parseTimer('timeCycle', text)).toMatchObject({ ok: true, spec: expected });
  });

  it.each([
    ['R3/PT10X', '"R3/PT10X" is not an ISO 8601 repeating interval: "PT10X" is not an ISO 8601 duration'],
    ['Rx/PT10M', 'must be R or R followed by a count'],
    ['R0/PT10M', 'R0 never fires'],
    ['R/PT0S', 'the interval must be longer than zero'],
    ['R3/2026-01-01T00:00:00/PT1H', 'has no time zone offset'],
    ['R3/PT1H/2026-01-01T00:00:00Z', 'an end date (R[n]/<duration>/<end>) is not supported'],
    ['R3/a/b/c', 'write R[n]/<duration> or R[n]/<start date-time>/<duration>'],
  ])('given the cycle %s, when parsed, then it fails saying %s', (text, why) => {
    expect(parseTimer('timeCycle', text)).toEqual({ ok: false, reason: expect.stringContaining(why) });
  });

  it('given a cron cycle, when parsed, then it is a cron schedule', () => {
    expect(parseTimer('timeCycle', '0 9 * * MON-FRI')).toMatchObject({
      ok: true,
      spec: { kind: 'cron', cron: { minutes: [0], hours: [9], daysOfWeek: [1, 2, 3, 4, 5], seconds: [0] } },
    });
  });
});

describe('timerValueOf', () => {
  it('given a timer definition with one value, when read, then it gives the field and the text', () => {
    expect(timerValueOf({ kind: 'timer', extensions: [], timeDuration: { body: 'PT1H' } })).toEqual({ ok: true, field: 'timeDuration', value: 'PT1H' });
  });

  it('given a timer definition with none or several values, when read, then it lists what was given', () => {
    expect(timerValueOf({ kind: 'timer', extensions: [], timeCycle: { body: '  ' } })).toEqual({ ok: false, given: [] });
    expect(timerValueOf({ kind: 'timer', extensions: [], timeDate: { body: '2026-01-01T00:00:00Z' }, timeCycle: { body: 'R/PT1H' } })).toEqual({
      ok: false,
      given: ['timeDate', 'timeCycle'],
    });
  });
});

describe('cron', () => {
  it('given the fields of a 6-field expression, when parsed, then lists, ranges, steps and names expand', () => {
    const schedule = cron('*/20 0,30 8-10 1-31/10 JAN,jul sun');
    expect(schedule.seconds).toEqual([0, 20, 40]);
    expect(schedule.minutes).toEqual([0, 30]);
    expect(schedule.hours).toEqual([8, 9, 10]);
    expect(schedule.daysOfMonth).toEqual([1, 11, 21, 31]);
    expect(schedule.months).toEqual([1, 7]);
    expect(schedule.daysOfWeek).toEqual([0]);
  });

  it('given 7 as the day of week, when parsed, then it is Sunday', () => {
    expect(cron('0 0 * * 7').daysOfWeek).toEqual([0]);
  });

  it('given a start/step item, when parsed, then it runs from the start to the end of the range', () => {
    expect(cron('5/20 * * * *').minutes).toEqual([5, 25, 45]);
  });

  it.each([
    ['0 25 * * *', 'hour "25" is not valid: "25" is outside 0-23'],
    ['0 0 * FOO *', 'month "FOO" is not valid: "FOO" is outside 1-12 or JAN-DEC'],
    ['* * * *', 'it has 4 fields, expected 5 or 6'],
    ['0 0 L * *', 'uses L, W or #'],
    ['0 0 * * 1#2', 'uses L, W or #'],
    ['0 0 30 2 *', 'it never fires'],
    ['*/0 * * * *', 'has a step that is not a positive number'],
    ['0 10-5 * * *', 'is a range that ends before it starts'],
    ['@sometimes', 'unknown macro'],
  ])('given %s, when parsed, then it fails saying %s', (text, why) => {
    expect(parseCron(text)).toEqual({ ok: false, reason: expect.stringContaining(why) });
  });

  it('given a weekday schedule, when asked after Friday 09:00, then the next time is Monday 09:00', () => {
    expect(iso(nextCronTime(cron('0 9 * * MON-FRI'), utc('2026-01-02T09:00:00Z')))).toBe('2026-01-05T09:00:00.000Z');
  });

  it('given a time exactly on a match, when asked, then the next time is strictly later', () => {
    expect(iso(nextCronTime(cron('*/15 * * * *'), utc('2026-01-01T10:15:00Z')))).toBe('2026-01-01T10:30:00.000Z');
    expect(iso(nextCronTime(cron('*/15 * * * *'), utc('2026-01-01T10:15:30.500Z')))).toBe('2026-01-01T10:30:00.000Z');
  });

  it('given a seconds field, when asked, then seconds are honoured', () => {
    expect(iso(nextCronTime(cron('30 * * * * *'), utc('2026-01-01T10:00:31Z')))).toBe('2026-01-01T10:01:30.000Z');
  });

  it('given the 31st of each month, when asked in February, then it skips to March 31', () => {
    expect(iso(nextCronTime(cron('0 0 31 * *'), utc('2026-02-01T00:00:00Z')))).toBe('2026-03-31T00:00:00.000Z');
  });

  it('given February 29, when asked in a common year, then the next leap year is found', () => {
    expect(iso(nextCronTime(cron('0 12 29 2 *'), utc('2025-03-01T00:00:00Z')))).toBe('2028-02-29T12:00:00.000Z');
  });

  it('given both day fields restricted, when asked, then a day matching either fires (Vixie cron)', () => {
    // The 15th (a Thursday in January 2026) or any Monday.
    const schedule = cron('0 0 15 * MON');
    expect(iso(nextCronTime(schedule, utc('2026-01-10T00:00:00Z')))).toBe('2026-01-12T00:00:00.000Z');
    expect(iso(nextCronTime(schedule, utc('2026-01-12T00:00:00Z')))).toBe('2026-01-15T00:00:00.000Z');
  });

  it('given the year end, when asked, then the schedule rolls into the next year', () => {
    expect(iso(nextCronTime(cron('@yearly'), utc('2026-06-01T00:00:00Z')))).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('nextFireTime', () => {
  const now = utc('2026-01-10T08:00:00Z');

  it('given a date timer, when it has not fired, then it is due at its date, and then never again', () => {
    const spec = staticSpec('timeDate', '2026-12-01T10:00:00+01:00');
    expect(iso(nextFireTime(spec, { now }))).toBe('2026-12-01T09:00:00.000Z');
    expect(nextFireTime(spec, { now, count: 1 })).toBeNull();
  });

  it('given a duration timer, when started now, then it is due now plus the duration, once', () => {
    const spec = staticSpec('timeDuration', 'PT10M');
    expect(iso(nextFireTime(spec, { now }))).toBe('2026-01-10T08:10:00.000Z');
    expect(nextFireTime(spec, { now, count: 1 })).toBeNull();
  });

  it('given R3/PT10M, when fired three times, then it counts down and is exhausted', () => {
    const spec = staticSpec('timeCycle', 'R3/PT10M');
    const first = nextFireTime(spec, { now, count: 0 });
    expect(iso(first)).toBe('2026-01-10T08:10:00.000Z');
    const second = nextFireTime(spec, { now: utc('2026-01-10T08:10:05Z'), previous: first ?? undefined, count: 1 });
    expect(iso(second)).toBe('2026-01-10T08:20:00.000Z');
    const third = nextFireTime(spec, { now, previous: second ?? undefined, count: 2 });
    expect(iso(third)).toBe('2026-01-10T08:30:00.000Z');
    expect(nextFireTime(spec, { now, previous: third ?? undefined, count: 3 })).toBeNull();
  });

  it('given R/PT1H, when fired many times, then it never runs out', () => {
    const spec = staticSpec('timeCycle', 'R/PT1H');
    expect(iso(nextFireTime(spec, { now, previous: now, count: 10_000 }))).toBe('2026-01-10T09:00:00.000Z');
  });

  it('given a cycle with a start, when counted, then occurrence n is start + n × interval, up to the repetitions', () => {
    const spec = staticSpec('timeCycle', 'R5/2026-01-31T00:00:00Z/P1M');
    expect(iso(nextFireTime(spec, { now, count: 0 }))).toBe('2026-01-31T00:00:00.000Z');
    expect(iso(nextFireTime(spec, { now, count: 1 }))).toBe('2026-02-28T00:00:00.000Z');
    expect(iso(nextFireTime(spec, { now, count: 2 }))).toBe('2026-03-31T00:00:00.000Z');
    expect(iso(nextFireTime(spec, { now, count: 4 }))).toBe('2026-05-31T00:00:00.000Z');
    expect(nextFireTime(spec, { now, count: 5 })).toBeNull();
  });

  it('given a cron timer, when asked with a previous firing, then it continues after the previous one', () => {
    const spec = staticSpec('timeCycle', '0 0 * * *');
    expect(iso(nextFireTime(spec, { now }))).toBe('2026-01-11T00:00:00.000Z');
    expect(iso(nextFireTime(spec, { now, previous: utc('2026-01-11T00:00:00Z'), count: 1 }))).toBe('2026-01-12T00:00:00.000Z');
  });
});
