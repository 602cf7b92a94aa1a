import { listTasks as endpoint } from '@/lib/api/task-endpoints';
import { json, route } from '@/lib/api/route';
import { listTasks } from '@/lib/tasks/list-tasks';

// Every subject gets in (inbox:read); listTasks lists only the tasks the caller may see.
export const GET = route(endpoint, async ({ db, subject, actor, query }) => {
  if (!subject) throw new Error('route() authenticates listTasks');
  return json(200, await listTasks({ db, subject, actor }, query));
});
