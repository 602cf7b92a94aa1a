import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { InstanceViewer } from '@/components/instance/instance-viewer';
import { can } from '@/lib/auth/can';
import type { Subject } from '@/lib/auth/subject';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { elementNames } from '../_data/build-report';
import { loadInstance } from '../_data/load-instance';

export const metadata: Metadata = { title: 'Instance' };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function InstancePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return (
    <Guarded action="instance:read">
      {(subject) => (
        <Suspense fallback={<p className="text-sm text-gray-500">Loading the instance…</p>}>
          <Instance subject={subject} params={params} searchParams={searchParams} />
        </Suspense>
      )}
    </Guarded>
  );
}

async function Instance({ subject, params, searchParams }: { subject: Subject; params: Params; searchParams: SearchParams }) {
  await connection();
  const { id } = await params;
  const instance = await loadInstance(getDb(), id);
  if (instance === null) notFound();
  const at = Number((await searchParams).at);
  const current = instance.versions.at(-1);
  return (
    <InstanceViewer
      instance={{ id: instance.id, processKey: instance.processKey, processName: current?.modelName ?? instance.processKey, businessKey: instance.businessKey, startedBy: instance.startedBy, startedAt: instance.startedAt }}
      versions={instance.versions.map((v) => ({ id: v.id, number: v.number, model: v.model }))}
      otherVersions={instance.otherVersions}
      events={instance.events.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, event: e.event }))}
      actors={instance.actors}
      elementNames={elementNames(instance)}
      permissions={{
        cancel: can(subject, 'instance:cancel', { type: 'instance' }),
        retry: can(subject, 'instance:retry', { type: 'instance' }),
        modify: can(subject, 'instance:modify', { type: 'instance' }),
        migrate: can(subject, 'instance:migrate', { type: 'instance' }),
      }}
      initialAt={Number.isInteger(at) && at > 0 ? at : null}
    />
  );
}
