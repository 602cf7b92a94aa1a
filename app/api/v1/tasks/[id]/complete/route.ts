import { completeTask as endpoint } from '@/lib/api/task-endpoints';
import { json, route } from '@/lib/api/route';
import { completeTask } from '@/lib/tasks/complete-task';

// Every subject gets in (inbox:read); completeTask applies the task-level rule and the four-eyes gate.
export const POST = route(endpoint, async ({ db, subject, actor, params, body }) => {
  if (!subject) throw new Error('route() authenticates completeTask');
  return json(200, await completeTask({ db, subject, actor }, params.id, body));
});
