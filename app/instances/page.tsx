import type { Metadata } from 'next';
import { NotBuiltYet } from '@/components/ui/not-built-yet';
import { Guarded } from '../_auth/guarded';

export const metadata: Metadata = { title: 'Instances' };

export default function InstancesPage() {
  return (
    <Guarded action="instance:read">
      <NotBuiltYet
        title="Instances"
        purpose="The running and finished instances of published process versions."
        planned={[
          'A list of instances with their process, version, business key, status and start time, filterable by status and process.',
          'Each instance live on its diagram: where its tokens are, what is waiting, and what failed.',
          'Its event log as a timeline, with replay to any point in its history.',
          'Operator actions: cancel an instance, retry an incident, correct variables.',
        ]}
      />
    </Guarded>
  );
}
