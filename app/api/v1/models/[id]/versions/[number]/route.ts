import { getVersion as getVersionEndpoint } from '@/lib/api/endpoints';
import { wantsXml } from '@/lib/api/negotiate';
import { json, route, xml } from '@/lib/api/route';
import { setVersionRetention } from '@/lib/api/runtime-endpoints';
import { setRetentionDays } from '@/lib/engine/runtime/set-retention';
import { getVersion } from '@/lib/models/get-version';

export const GET = route(getVersionEndpoint, async ({ db, params, query, request }) => {
  const { version, bpmnXml } = await getVersion({ db, idOrKey: params.id, number: params.number });
  return wantsXml(query.format, request.headers.get('accept')) ? xml(200, bpmnXml, `${version.modelKey}-v${version.number}.bpmn`) : json(200, version);
});

/** Retention of the version's ended instances (lib/engine/runtime/set-retention.ts). */
export const PATCH = route(setVersionRetention, async ({ db, actor, params, body }) =>
  json(200, await setRetentionDays({ db, actor, idOrKey: params.id, number: params.number, retentionDays: body.retentionDays })),
);
