import { updateDraft as updateDraftEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { updateDraft } from '@/lib/models/update-draft';

export const PUT = route(updateDraftEndpoint, async ({ db, actor, params, body }) =>
  json(200, await updateDraft({ db, actor, idOrKey: params.id, lock: body.lock, name: body.name, source: body })),
);
