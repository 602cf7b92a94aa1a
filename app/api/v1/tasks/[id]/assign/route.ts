import { assignTask as endpoint } from '@/lib/api/task-endpoints';
import { json, route } from '@/lib/api/route';
import { assignTask } from '@/lib/tasks/assign-task';

// Every subject gets in (inbox:read); assignTask applies the task-level rule.
export const POST = route(endpoint, async ({ db, subject, actor, params, body }) => {
  if (!subject) throw new Error('route() authenticates assignTask');
  return json(200, await assignTask({ db, subject, actor }, params.id, body));
});
