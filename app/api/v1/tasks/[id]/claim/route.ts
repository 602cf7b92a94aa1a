import { claimTask as endpoint } from '@/lib/api/task-endpoints';
import { json, route } from '@/lib/api/route';
import { claimTask } from '@/lib/tasks/assign-task';

// Every subject gets in (inbox:read); claimTask applies the task-level rule.
export const POST = route(endpoint, async ({ db, subject, actor, params }) => {
  if (!subject) throw new Error('route() authenticates claimTask');
  return json(200, await claimTask({ db, subject, actor }, params.id));
});
