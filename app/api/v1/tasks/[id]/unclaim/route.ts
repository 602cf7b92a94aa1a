import { unclaimTask as endpoint } from '@/lib/api/task-endpoints';
import { json, route } from '@/lib/api/route';
import { unclaimTask } from '@/lib/tasks/assign-task';

// Every subject gets in (inbox:read); unclaimTask applies the task-level rule.
export const POST = route(endpoint, async ({ db, subject, actor, params }) => {
  if (!subject) throw new Error('route() authenticates unclaimTask');
  return json(200, await unclaimTask({ db, subject, actor }, params.id));
});
