import { listInstances as listEndpoint, startInstance as startEndpoint } from '@/lib/api/runtime-endpoints';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { json, route } from '@/lib/api/route';
import { commandSucceeded } from '@/lib/engine/runtime/command-errors';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { InvalidCursorError, listInstances } from '@/lib/engine/runtime/list-instances';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';
import { StartError, startInstance } from '@/lib/engine/runtime/start-instance';

export const GET = route(listEndpoint, async ({ db, query }) => {
  try {
    const page = await listInstances(db, {
      limit: query.limit,
      ...(query.processKey === undefined ? {} : { processKey: query.processKey }),
      ...(query.version === undefined ? {} : { version: query.version }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.businessKey === undefined ? {} : { businessKey: query.businessKey }),
      ...(query.startedBy === undefined ? {} : { startedBy: query.startedBy }),
      ...(query.startedAfter === undefined ? {} : { startedAfter: new Date(query.startedAfter) }),
      ...(query.startedBefore === undefined ? {} : { startedBefore: new Date(query.startedBefore) }),
      ...(query.hasIncident === undefined ? {} : { hasIncident: query.hasIncident }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return json(200, page);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new BadRequestError('request.invalid', `Invalid query: cursor: ${error.message}`, { issues: [{ in: 'query', path: 'cursor', message: error.message }] });
    throw error;
  }
});

export const POST = route(startEndpoint, async ({ db, subject, body }) => {
  try {
    const started = await startInstance(runtimeContextFor(db), {
      processKey: body.processKey,
      ...(body.version === undefined ? {} : { version: body.version }),
      ...(body.variables === undefined ? {} : { variables: body.variables }),
      ...(body.businessKey === undefined ? {} : { businessKey: body.businessKey }),
      ...(subject === null ? {} : { startedBy: subject.id }),
      actor: eventActorOf(subject),
    });
    return json(201, { id: started.instanceId, versionId: started.versionId, version: started.versionNumber, status: started.status, lastSeq: started.lastSeq });
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    if (error.code === 'process.not-found') throw new NotFoundError('process.not-found', error.message, { processKey: body.processKey });
    if (error.code === 'version.not-found') throw new NotFoundError('version.not-found', error.message, { processKey: body.processKey });
    commandSucceeded({ ok: false, code: error.code as 'NO_MATCHING_START_EVENT', message: error.message });
    throw error;
  }
});
