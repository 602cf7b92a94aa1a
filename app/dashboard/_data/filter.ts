import 'server-only';
/** The dashboard filter from a page's search params: the given values when they parse, else the defaults, with the problems named. */
import { DashboardFilterSchema, defaultRange, type DashboardFilter, type VersionInfo } from '@/lib/metrics/queries';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function readFilter(searchParams: SearchParams, now: Date): Promise<{ filter: DashboardFilter; problems: string[] }> {
  const raw = await searchParams;
  const given: Record<string, string> = {};
  for (const key of ['from', 'to', 'process', 'version']) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim() !== '') given[key] = value.trim();
  }
  const parsed = DashboardFilterSchema.safeParse({ ...defaultRange(now), ...given });
  if (parsed.success) return { filter: parsed.data, problems: [] };
  return { filter: DashboardFilterSchema.parse(defaultRange(now)), problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'filter'}: ${i.message}`) };
}

/** The process options of the filter: each model key once, with its version numbers. */
export function processOptions(versions: readonly VersionInfo[]) {
  const byKey = new Map<string, { key: string; name: string; versions: number[] }>();
  for (const v of versions) {
    const entry = byKey.get(v.processKey) ?? { key: v.processKey, name: v.processName, versions: [] };
    entry.versions.push(v.number);
    byKey.set(v.processKey, entry);
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}

