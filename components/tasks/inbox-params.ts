/**
 * The inbox's state as it lives in the URL (`/tasks?view=groups&sort=due&overdue=1&cursor=...`):
 * parsed with zod on the server page, written back by the filter form and the pager, so that a
 * link or a reload shows the same list. Pure; shared by server and client code.
 *
 * Contract: anything that does not parse is dropped (a hand-edited URL shows the default view
 * rather than an error page); `toSearch` writes only what differs from the defaults.
 */
import { z } from 'zod';

export const INBOX_VIEWS = ['mine', 'groups', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const VIEW_LABELS: Record<InboxView, string> = { mine: 'My tasks', groups: 'My groups', all: 'All' };

export const INBOX_SORTS = ['created', 'due', 'followUp', 'priority'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const SORT_LABELS: Record<InboxSort, string> = { created: 'Created', due: 'Due date', followUp: 'Follow-up date', priority: 'Priority' };

export const INBOX_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Priority bands as people filter them; the model's priority is 0..100. */
export const PRIORITY_BANDS = { high: { min: 75, max: 100 }, medium: { min: 40, max: 74 }, low: { min: 0, max: 39 } } as const;
export type PriorityBand = keyof typeof PRIORITY_BANDS;

const text = z
  .string()
  .trim()
  .max(200)
  .transform((value) => (value === '' ? undefined : value));
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/** Each key on its own, so that one bad value drops only itself. */
const FIELDS = {
  view: z.enum(INBOX_VIEWS),
  q: text,
  process: text,
  name: text,
  priority: z.enum(['high', 'medium', 'low']),
  dueBefore: isoDay,
  dueAfter: isoDay,
  overdue: z.enum(['1']).transform(() => true as const),
  status: z.enum(INBOX_STATUSES),
  sort: z.enum(INBOX_SORTS),
  dir: z.enum(['asc', 'desc']),
  cursor: z.string().max(500).regex(/^[A-Za-z0-9_-]+$/),
} as const;

export type InboxParams = {
  view: InboxView;
  q?: string;
  process?: string;
  name?: string;
  priority?: PriorityBand;
  dueBefore?: string;
  dueAfter?: string;
  overdue?: true;
  status: InboxStatus;
  sort: InboxSort;
  dir: 'asc' | 'desc';
  cursor?: string;
};

export const DEFAULT_PARAMS: InboxParams = { view: 'groups', status: 'open', sort: 'created', dir: 'desc' };

/** The natural direction of a sort: newest first, soonest due first, highest priority first. */
export function defaultDir(sort: InboxSort): 'asc' | 'desc' {
  return sort === 'due' || sort === 'followUp' ? 'asc' : 'desc';
}

type RawParams = Record<string, string | string[] | undefined>;

export function parseInboxParams(raw: RawParams, defaultView: InboxView = DEFAULT_PARAMS.view): InboxParams {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(FIELDS)) {
    const value = raw[key];
    const single = Array.isArray(value) ? value[0] : value;
    if (single === undefined) continue;
    const parsed = (schema as z.ZodType).safeParse(single);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  const sort = (out.sort as InboxSort | undefined) ?? DEFAULT_PARAMS.sort;
  return {
    ...out,
    view: (out.view as InboxView | undefined) ?? defaultView,
    status: (out.status as InboxStatus | undefined) ?? DEFAULT_PARAMS.status,
    sort,
    dir: (out.dir as 'asc' | 'desc' | undefined) ?? defaultDir(sort),
  } as InboxParams;
}

/** The query string of `params` (without "?"), leaving out defaults; `cursor` only when given. */
export function toSearch(params: Partial<InboxParams>): string {
  const search = new URLSearchParams();
  const sort = params.sort ?? DEFAULT_PARAMS.sort;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (key === 'status' && value === DEFAULT_PARAMS.status) continue;
    if (key === 'sort' && value === DEFAULT_PARAMS.sort) continue;
    if (key === 'dir' && value === defaultDir(sort)) continue;
    search.set(key, value === true ? '1' : String(value));
  }
  return search.toString();
}

/** Whether any filter (beyond view, sort and paging) is set. */
export function hasFilters(params: InboxParams): boolean {
  return Boolean(params.q || params.process || params.name || params.priority || params.dueBefore || params.dueAfter || params.overdue || params.status !== 'open');
}
