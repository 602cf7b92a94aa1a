import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { DiffView } from '@/components/canvas/diff-view';
import { PageHeader } from '@/components/ui/page-header';
import { NotFoundError } from '@/lib/api/errors';
import type { BpmnModel } from '@/lib/bpmn/model';
import { getDb } from '@/lib/db/client';
import { getModel } from '@/lib/models/get-model';
import { getVersion } from '@/lib/models/get-version';
import { Guarded } from '../../../_auth/guarded';
import { decodeParam } from '../../decode-param';

export const metadata: Metadata = { title: 'Compare versions' };

type Search = Promise<{ from?: string; to?: string }>;

/** Two versions of a model (or a version and the draft) compared on the canvas: `?from=1&to=2`, `to=draft`. */
export default function DiffPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  return (
    <Guarded action="model:read">
      <Suspense fallback={<p className="text-sm text-gray-500">Comparing…</p>}>
        <Diff params={params} searchParams={searchParams} />
      </Suspense>
    </Guarded>
  );
}

function versionNumber(raw: string | undefined): number | 'draft' | undefined {
  if (raw === 'draft') return 'draft';
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

async function Diff({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  await connection();
  const { id } = await params;
  const search = await searchParams;
  const db = getDb();
  const idOrKey = decodeParam(id);
  let detail;
  try {
    detail = await getModel({ db, idOrKey });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const latest = detail.latestVersion;
  const to = versionNumber(search.to) ?? (latest > 0 ? latest : 'draft');
  const from = versionNumber(search.from) ?? (typeof to === 'number' ? to - 1 : latest);
  const load = async (which: number | 'draft'): Promise<BpmnModel | undefined> => {
    if (which === 'draft') return detail.draft ?? undefined;
    try {
      return (await getVersion({ db, idOrKey, number: which })).version.model;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  const [before, after] = await Promise.all([typeof from === 'number' && from < 1 ? undefined : load(from), load(to)]);
  const label = (which: number | 'draft') => (which === 'draft' ? 'draft' : `v${which}`);
  const choices = [...detail.versions.map((v) => v.number).sort((a, b) => a - b), 'draft' as const];
  const base = `/models/${encodeURIComponent(detail.id)}`;
  return (
    <div>
      <PageHeader
        eyebrow={
          <Link href={base} className="hover:text-gray-700 hover:underline">
            {detail.name}
          </Link>
        }
        title={`Compare ${label(from)} with ${label(to)}`}
        description={
          <span className="flex flex-wrap gap-2 text-xs">
            {choices.slice(1).map((n, i) => (
              <Link key={String(n)} className="text-blue-700 hover:underline" href={`${base}/diff?from=${choices[i]}&to=${n}`}>
                {label(choices[i])} → {label(n)}
              </Link>
            ))}
          </span>
        }
      />
      {before && after ? (
        <DiffView before={before} after={after} beforeLabel={label(from)} afterLabel={label(to)} />
      ) : (
        <p className="text-sm text-gray-700" data-testid="diff-missing">
          {!after ? `There is no ${label(to)} to compare.` : `There is no ${label(from)} to compare with: publish at least two versions, or compare a version with the draft.`}
        </p>
      )}
    </div>
  );
}
