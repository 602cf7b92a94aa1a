import { getVersion as getVersionEndpoint } from '@/lib/api/endpoints';
import { wantsXml } from '@/lib/api/negotiate';
import { json, route, xml } from '@/lib/api/route';
import { getVersion } from '@/lib/models/get-version';

export const GET = route(getVersionEndpoint, async ({ db, params, query, request }) => {
  const { version, bpmnXml } = await getVersion({ db, idOrKey: params.id, number: params.number });
  return wantsXml(query.format, request.headers.get('accept')) ? xml(200, bpmnXml, `${version.modelKey}-v${version.number}.bpmn`) : json(200, version);
});
