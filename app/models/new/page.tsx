import type { Metadata } from 'next';
import Link from 'next/link';
import { NewModelForm } from '@/components/canvas/new-model-form';
import { PageHeader } from '@/components/ui/page-header';
import { Guarded } from '../../_auth/guarded';
import { createEmptyModelAction } from '../[id]/edit/actions';

export const metadata: Metadata = { title: 'New model' };

/** A model from scratch: a name (and key), then the modeler on its empty canvas. */
export default function NewModelPage() {
  return (
    <Guarded action="model:create">
      <div className="max-w-xl">
        <PageHeader
          eyebrow={
            <Link href="/models" className="hover:text-gray-700 hover:underline">
              Models
            </Link>
          }
          title="New model"
          description="Start from an empty canvas. You can also import a .bpmn file from the models list."
        />
        <NewModelForm action={createEmptyModelAction} />
      </div>
    </Guarded>
  );
}
