import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ImportBpmn } from '@/components/models/import-bpmn';
import { ModelsTable } from '@/components/models/models-table';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/can';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../_auth/guarded';
import { listModels } from '@/lib/models/list-models';
import { importBpmnAction } from './actions';
import { lastChangedByLabels } from './audit-labels';

export const metadata: Metadata = { title: 'Models' };

export default function ModelsPage() {
  return (
    <Guarded action="model:read">
      {(subject) => (
        <div>
          <PageHeader
            title="Models"
            description="Process models: each has one draft and any number of published, immutable versions."
            actions={
              can(subject, 'model:create', { type: 'model' }) ? (
                <>
                  <Link href="/models/new" className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50" data-testid="new-model-link">
                    New model
                  </Link>
                  <ImportBpmn action={importBpmnAction} />
                </>
              ) : undefined
            }
          />
          <Suspense fallback={<p className="text-sm text-gray-500">Loading models…</p>}>
            <ModelsList />
          </Suspense>
        </div>
      )}
    </Guarded>
  );
}

async function ModelsList() {
  await connection();
  const db = getDb();
  const list = await listModels({ db, limit: 200, offset: 0 });
  const changedBy = await lastChangedByLabels(db, list.items.map((m) => m.id));
  return (
    <>
      <ModelsTable models={list.items.map((m) => ({ ...m, changedBy: changedBy.get(m.id) }))} />
      {list.total > list.items.length && (
        <p className="mt-3 text-xs text-gray-500">
          Showing the {list.items.length} most recently updated of {list.total} models.
        </p>
      )}
    </>
  );
}
