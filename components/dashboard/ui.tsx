/** Small presentational pieces of the dashboard pages (server components). */
import Link from 'next/link';
import type { ReactNode } from 'react';

export function Panel({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-gray-200 bg-white shadow-xs print:break-inside-avoid print:shadow-none" data-testid={testId}>
      <header className="flex items-center justify-between gap-3 border-b border-gray-100 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
        {actions && <div className="flex items-center gap-3 text-xs print:hidden">{actions}</div>}
      </header>
      <div>{children}</div>
    </section>
  );
}

export function StatCard({ label, value, href, tone = 'default', testId, hint }: { label: string; value: string; href?: string; tone?: 'default' | 'bad' | 'warn' | 'good'; testId?: string; hint?: string }) {
  const color = { default: 'text-gray-900', bad: 'text-red-700', warn: 'text-amber-700', good: 'text-green-700' }[tone];
  const body = (
    <>
      <div className="text-xs font-medium tracking-wide text-gray-500 uppercase">{label}</div>
      <div className={`mt-1 text-2xl font-semibold tabular-nums ${color}`} data-testid={testId}>
        {value}
      </div>
      {hint && <div className="mt-0.5 text-xs text-gray-500">{hint}</div>}
    </>
  );
  const box = 'block rounded-lg border border-gray-200 bg-white px-4 py-3 shadow-xs';
  return href ? (
    <Link href={href} className={`${box} transition hover:border-blue-300 hover:bg-blue-50/40`}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}

export function Table({ head, children, empty, testId }: { head: string[]; children: ReactNode; empty?: boolean; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid={testId}>
        <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`px-4 py-2 ${i > 0 ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {children}
          {empty && (
            <tr>
              <td colSpan={head.length} className="px-4 py-6 text-center text-gray-500">
                Nothing in this range.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A right-aligned number cell that links to the list behind it. */
export function NumberCell({ value, href, tone }: { value: string; href?: string; tone?: 'bad' | 'warn' }) {
  const color = tone === 'bad' ? 'text-red-700' : tone === 'warn' ? 'text-amber-700' : 'text-gray-900';
  return (
    <td className={`px-4 py-2 text-right tabular-nums ${color}`}>
      {href ? (
        <Link href={href} className="hover:underline">
          {value}
        </Link>
      ) : (
        value
      )}
    </td>
  );
}
