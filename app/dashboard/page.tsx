import type { Metadata } from 'next';
import { NotBuiltYet } from '@/components/ui/not-built-yet';
import { Guarded } from '../_auth/guarded';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return (
    <Guarded action="dashboard:read">
      <NotBuiltYet
        title="Dashboard"
        purpose="How processes are doing, computed from their instances' event logs."
        planned={[
          'Instances started, completed and failed over time, per process.',
          'Open incidents and user tasks, and tasks past their due date.',
          'Durations against SLA targets, and agent usage (model and tool calls).',
        ]}
      />
    </Guarded>
  );
}
