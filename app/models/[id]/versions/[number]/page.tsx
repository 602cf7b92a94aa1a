import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { BpmnDiagram } from '@/components/diagram/bpmn-diagram';
import { formatDateTime } from '@/components/models/format';
import { PageHeader } from '@/components/ui/page-header';
import { NotFoundError } from '@/lib/api/errors';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../../../_auth/guarded';
import { getModel } from '@/lib/models/get-model';
import { getVersion } from '@/lib/models/get-version';
import { publishedByLabels } from '../../../audit-labels';
import { decodeParam } from '../../../decode-param';

export const metadata: Metadata = { title: 'Version' };

export default function VersionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  return (
    <Guarded action="model:read">
      <Suspense fallback={<p className="text-sm text-gray-500">Loading the version…</p>}>
        <VersionView params={params} />
      </Suspense>
    </Guarded>
  );
}

async function VersionView({ params }: { params: Promise<{ id: string; number: string }> }) {
  await connection();
  const { id, number: rawNumber } = await params;
  const number = Number(rawNumber);
  if (!Number.isInteger(number) || number < 1) notFound();
  const db = getDb();
  let loaded;
  try {
    const idOrKey = decodeParam(id);
    const [model, { version }] = await Promise.all([getModel({ db, idOrKey }), getVersion({ db, idOrKey, number })]);
    loaded = { model, version };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { model, version } = loaded;
  const publishedBy = (await publishedByLabels(db, model.id)).get(version.number);
  const downloadHref = `/api/v1/models/${encodeURIComponent(model.id)}/versions/${version.number}?format=bpmn`;

  return (
    <div>
      <PageHeader
        eyebrow={
          <span className="flex items-center gap-1.5">
            <Link href="/models" className="hover:text-gray-700 hover:underline">
              Models
            </Link>
            <span aria-hidden>/</span>
            <Link href={`/models/${encodeURIComponent(model.id)}`} className="hover:text-gray-700 hover:underline" data-testid="back-to-model">
              {model.name}
            </Link>
          </span>
        }
        title={<span data-testid="version-title">Version {version.number}</span>}
        description={
          <span>
            Published {formatDateTime(version.publishedAt)}
            {publishedBy ? ` by ${publishedBy}` : ''}. Published versions never change.
          </span>
        }
        actions={
          <a
            href={downloadHref}
            download={`${model.key}-v${version.number}.bpmn`}
            className="inline-flex items-center gap-2 rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-900 shadow-sm hover:bg-gray-50"
            data-testid="download-bpmn"
          >
            Download BPMN XML
          </a>
        }
      />
      <dl className="mb-6 grid gap-4 rounded-lg border border-gray-200 bg-white p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-gray-500">Changelog message</dt>
          <dd className="mt-0.5 text-gray-900">{version.message ?? <span className="text-gray-400 italic">No message</span>}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-500">Process id</dt>
          <dd className="mt-0.5 font-mono text-gray-900">{version.processKey}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-500">Checksum (sha256)</dt>
          <dd className="mt-0.5 font-mono text-xs break-all text-gray-900" data-testid="version-checksum">
            {version.checksum}
          </dd>
        </div>
      </dl>
      <h2 className="mb-2 text-sm font-semibold text-gray-900">
        Diagram <span className="font-normal text-gray-500">(version {version.number}, read-only)</span>
      </h2>
      <BpmnDiagram model={version.model} height="max(480px, calc(100vh - 320px))" />
    </div>
  );
}
