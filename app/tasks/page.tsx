import type { Metadata } from 'next';
import { NotBuiltYet } from '@/components/ui/not-built-yet';
import { Guarded } from '../_auth/guarded';

export const metadata: Metadata = { title: 'Tasks' };

export default function TasksPage() {
  return (
    <Guarded action="inbox:read">
      <NotBuiltYet
        title="Tasks"
        purpose="Your inbox: the user tasks of running instances that are assigned to you or to your groups."
        planned={[
          'Open tasks with their process, due date and priority; claim, unclaim and complete them.',
          'The task form, with the variables the task may show, including what an agent proposed for approval.',
          'Four-eyes rules and escalations, shown where they apply.',
        ]}
      />
    </Guarded>
  );
}
