import { getTask as getTaskEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { getTask } from '@/lib/tasks/get-task';

// The route allows every subject in (inbox:read); getTask applies the task-level rule (404 when the caller may not see it).
export const GET = route(getTaskEndpoint, async ({ db, subject, params }) => {
  if (!subject) throw new Error('route() authenticates getTask');
  return json(200, await getTask(db, subject, params.id));
});
