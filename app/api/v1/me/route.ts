import { getMe } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';

export const GET = route(getMe, async ({ subject }) => {
  if (!subject) throw new Error('route() authenticates getMe');
  return json(200, { type: subject.type, id: subject.id, label: subject.label, roles: subject.roles, groups: subject.groups });
});
