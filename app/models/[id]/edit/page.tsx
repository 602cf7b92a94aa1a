import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { Modeler } from '@/components/canvas/modeler';
import { NotFoundError } from '@/lib/api/errors';
import type { ModelDetail } from '@/lib/api/schemas';
import { can } from '@/lib/auth/can';
import { getDb } from '@/lib/db/client';
import { getModel } from '@/lib/models/get-model';
import { Guarded } from '../../../_auth/guarded';
import { decodeParam } from '../../decode-param';
import { loadDraftAction, loadVersionAction, publishDraftAction, saveDraftAction, startInstanceAction } from './actions';

export const metadata: Metadata = { title: 'Modeler' };

/** The modeler on a model's draft: for those who may update models (publishing needs its own right). */
export default function EditModelPage({ params }: { params: Promise<{ id: string }> }) {
  return (
    <Guarded action="model:update">
      {(subject) => (
        <Suspense fallback={<p className="text-sm text-gray-500">Loading the modeler…</p>}>
          <Editor params={params} mayPublish={can(subject, 'model:publish', { type: 'model' })} mayStart={can(subject, 'instance:start', { type: 'instance' })} />
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

async function Editor({ params, mayPublish, mayStart }: { params: Promise<{ id: string }>; mayPublish: boolean; mayStart: boolean }) {
  await connection();
  const { id } = await params;
  const model = await loadModel(decodeParam(id));
  const back = (
    <Link href={`/models/${encodeURIComponent(model.id)}`} prefetch={false} className="text-sm text-gray-500 hover:text-gray-700 hover:underline">
      ← {model.name}
    </Link>
  );
  if (!model.draft) {
    return (
      <div className="space-y-3">
        {back}
        <p className="text-sm text-gray-700">The saved draft cannot be read as a model, so it cannot be edited. Import a BPMN file to replace it.</p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex items-baseline gap-3">
        {back}
        <h1 className="text-lg font-semibold text-gray-900" data-testid="modeler-title">
          Editing the draft of {model.name}
        </h1>
        <span className="font-mono text-xs text-gray-500">{model.key}</span>
      </div>
      <Modeler
        modelId={model.id}
        modelKey={model.key}
        initialModelJson={JSON.stringify(model.draft)}
        initialFindingsJson={JSON.stringify(model.findings)}
        initialLock={model.lock}
        latestVersion={model.latestVersion}
        versions={model.versions.map((v) => ({ number: v.number, message: v.message, publishedAt: v.publishedAt }))}
        mayPublish={mayPublish}
        mayStart={mayStart}
        actions={{
          saveDraft: saveDraftAction.bind(null, model.id),
          publish: publishDraftAction.bind(null, model.id),
          loadDraft: loadDraftAction.bind(null, model.id),
          loadVersion: loadVersionAction.bind(null, model.id),
          startInstance: startInstanceAction.bind(null, model.id),
        }}
      />
    </div>
  );
}
