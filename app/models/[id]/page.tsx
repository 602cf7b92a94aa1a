import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ModelWorkspace } from '@/components/models/model-workspace';
import { PublishForm } from '@/components/models/publish-form';
import { VersionsTable } from '@/components/models/versions-table';
import { formatDateTime } from '@/components/models/format';
import { PageHeader } from '@/components/ui/page-header';
import { NotFoundError } from '@/lib/api/errors';
import type { ModelDetail } from '@/lib/api/schemas';
import { can } from '@/lib/auth/can';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { getModel } from '@/lib/models/get-model';
import { publishModelAction } from '../actions';
import { publishedByLabels } from '../audit-labels';
import { decodeParam } from '../decode-param';

export const metadata: Metadata = { title: 'Model' };

export default function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  return (
    <Guarded action="model:read">
      {(subject) => (
        <Suspense fallback={<p className="text-sm text-gray-500">Loading the model…</p>}>
          <ModelView params={params} mayPublish={can(subject, 'model:publish', { type: 'model' })} mayEdit={can(subject, 'model:update', { type: 'model' })} />
        </Suspense>
      )}
    </Guarded>
  );
}

async function loadModel(idOrKey: string): Promise<ModelDetail> {
  try {
    return await getModel({ db: getDb(), idOrKey });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

async function ModelView({ params, mayPublish, mayEdit }: { params: Promise<{ id: string }>; mayPublish: boolean; mayEdit: boolean }) {
  await connection();
  const { id } = await params;
  const model = await loadModel(decodeParam(id));
  const publishedBy = await publishedByLabels(getDb(), model.id);
  const errors = model.findings.filter((f) => f.severity === 'error').length;
  const blockedReason = !model.draft
    ? 'The saved draft cannot be read as a model, so it cannot be published.'
    : errors > 0
      ? `Publishing is disabled: fix the ${errors === 1 ? 'error finding' : `${errors} error findings`} first.`
      : undefined;

  return (
    <div>
      <PageHeader
        eyebrow={
          <Link href="/models" className="hover:text-gray-700 hover:underline">
            Models
          </Link>
        }
        title={<span data-testid="model-name">{model.name}</span>}
        actions={
          mayEdit && model.draft ? (
            <Link href={`/models/${encodeURIComponent(model.id)}/edit`} className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700" data-testid="open-modeler">
              Open in modeler
            </Link>
          ) : undefined
        }
        description={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span>
              Key <span className="font-mono text-gray-900" data-testid="model-key">{model.key}</span>
            </span>
            <span title="The draft's optimistic lock: every saved change increases it, and a change made on an older lock is refused.">
              Draft lock <span className="font-mono text-gray-900" data-testid="model-lock">{model.lock}</span>
            </span>
            <span>{model.latestVersion > 0 ? `Latest version ${model.latestVersion}` : 'Not published yet'}</span>
            <span>Updated {formatDateTime(model.updatedAt)}</span>
          </span>
        }
      />
      {model.description && <p className="-mt-3 mb-6 max-w-3xl text-sm text-gray-700">{model.description}</p>}
      <ModelWorkspace
        model={model.draft}
        findings={model.findings}
        aside={
          <>
            <section aria-labelledby="publish-heading">
              <h2 id="publish-heading" className="mb-2 text-sm font-semibold text-gray-900">
                Publish
              </h2>
              {mayPublish ? (
                <PublishForm action={publishModelAction.bind(null, model.id)} nextVersion={model.latestVersion + 1} blockedReason={blockedReason} />
              ) : (
                <p className="text-sm text-gray-600" data-testid="publish-not-allowed">
                  Publishing needs the modeler role.
                </p>
              )}
            </section>
            <section aria-labelledby="versions-heading">
              <h2 id="versions-heading" className="mb-2 text-sm font-semibold text-gray-900">
                Versions
              </h2>
              <VersionsTable modelId={model.id} versions={model.versions.map((v) => ({ ...v, publishedBy: publishedBy.get(v.number) }))} />
            </section>
          </>
        }
      />
    </div>
  );
}
