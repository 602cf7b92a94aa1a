import { getTask as endpoint } from '@/lib/api/task-endpoints';
import { json, route } from '@/lib/api/route';
import { getTaskView } from '@/lib/tasks/get-task-view';

// Every subject gets in (inbox:read); getTaskView applies the task-level rule (404 when the caller may not see it).
export const GET = route(endpoint, async ({ db, subject, actor, params }) => {
  if (!subject) throw new Error('route() authenticates getTask');
  return json(200, await getTaskView({ db, subject, actor }, params.id));
});
