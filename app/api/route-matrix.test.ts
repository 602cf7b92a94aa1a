/**
 * The role × route matrix: every route handler under app/api, called as nobody, as each demo
 * user (signed in through better-auth, with the session cookie a browser would send) and with
 * an API token, against the statuses this table expects. The table is written out by hand, not
 * computed from can(): it is the specification can() is checked against. A route file with no
 * row here fails the test.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { GET as authGet } from '@/app/api/auth/[...all]/route';
import { GET as health } from '@/app/api/health/route';
import { GET as metrics } from '@/app/api/metrics/route';
import { GET as auditLog } from '@/app/api/v1/audit-log/route';
import { GET as me } from '@/app/api/v1/me/route';
import { PUT as updateDraft } from '@/app/api/v1/models/[id]/draft/route';
import { POST as publish } from '@/app/api/v1/models/[id]/publish/route';
import { GET as getModel } from '@/app/api/v1/models/[id]/route';
import { POST as validate } from '@/app/api/v1/models/[id]/validate/route';
import { GET as getVersion, PATCH as setVersionRetention } from '@/app/api/v1/models/[id]/versions/[number]/route';
import { GET as listVersions } from '@/app/api/v1/models/[id]/versions/route';
import { GET as listModels, POST as createModel } from '@/app/api/v1/models/route';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import { GET as getTask } from '@/app/api/v1/tasks/[id]/route';
import { POST as assignTask } from '@/app/api/v1/tasks/[id]/assign/route';
import { POST as claimTask } from '@/app/api/v1/tasks/[id]/claim/route';
import { POST as completeTask } from '@/app/api/v1/tasks/[id]/complete/route';
import { POST as unclaimTask } from '@/app/api/v1/tasks/[id]/unclaim/route';
import { GET as listTasks } from '@/app/api/v1/tasks/route';
import { POST as markNotificationsRead } from '@/app/api/v1/notifications/read/route';
import { GET as listNotifications } from '@/app/api/v1/notifications/route';
import { POST as resolveIncident } from '@/app/api/v1/incidents/[id]/resolve/route';
import { GET as listIncidents } from '@/app/api/v1/incidents/route';
import { POST as cancelInstance } from '@/app/api/v1/instances/[id]/cancel/route';
import { GET as instanceEvents } from '@/app/api/v1/instances/[id]/events/route';
import { POST as modifyInstance } from '@/app/api/v1/instances/[id]/modify/route';
import { GET as getInstance } from '@/app/api/v1/instances/[id]/route';
import { GET as instanceStream } from '@/app/api/v1/instances/[id]/stream/route';
import { POST as setVariables } from '@/app/api/v1/instances/[id]/variables/route';
import { GET as listInstances, POST as startInstance } from '@/app/api/v1/instances/route';
import { POST as completeJob } from '@/app/api/v1/jobs/[key]/complete/route';
import { POST as jobError } from '@/app/api/v1/jobs/[key]/error/route';
import { POST as failJob } from '@/app/api/v1/jobs/[key]/fail/route';
import { POST as activateJobs } from '@/app/api/v1/jobs/activate/route';
import { POST as publishMessage } from '@/app/api/v1/messages/route';
import { POST as broadcastSignal } from '@/app/api/v1/signals/route';
import { GET as globalStream } from '@/app/api/v1/stream/route';
import { GET as getTool, PUT as updateTool, DELETE as deleteTool } from '@/app/api/v1/tools/[name]/route';
import { GET as listTools, POST as createTool } from '@/app/api/v1/tools/route';
import { setRouteDatabase } from '@/lib/api/route-db';
import { exportedHandlers, routeFiles } from '@/lib/api/route-files';
import { call, insertTestToken, type Handler } from '@/lib/api/test-support';
import { getAuth } from '@/lib/auth/auth';
import { DEMO_PASSWORDS } from '@/lib/auth/passwords';
import { signIn } from '@/lib/auth/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { validModel } from '@/lib/models/test-support';
import { runSeed } from '@/prisma/seed/run-seed';

vi.mock('next/server', () => ({ connection: async () => undefined }));

const CALLERS = ['nobody', 'admin', 'modeler', 'operator', 'auditor', 'finance', 'token'] as const;
type Caller = (typeof CALLERS)[number];

type Row = { route: string; handler: Handler; request: (ctx: Context) => { method: string; url: string; json?: unknown; params?: Record<string, string> }; expect: string };
type Context = { modelId: string; taskId: string; lock: () => Promise<number>; seq: () => number };

// Columns:                                              nobody admin modeler operator auditor finance token(operator)
const MATRIX: Row[] = [
  { route: 'POST /api/v1/models', handler: createModel, request: (c) => ({ method: 'POST', url: `/api/v1/models?key=matrix-${c.seq()}`, json: { model: validModel() } }), expect: '401 403 201 403 403 403 403' },
  { route: 'GET /api/v1/models', handler: listModels, request: () => ({ method: 'GET', url: '/api/v1/models' }), expect: '401 200 200 200 200 403 200' },
  { route: 'GET /api/v1/models/{id}', handler: getModel, request: (c) => ({ method: 'GET', url: `/api/v1/models/${c.modelId}`, params: { id: c.modelId } }), expect: '401 200 200 200 200 403 200' },
  {
    route: 'PUT /api/v1/models/{id}/draft',
    handler: updateDraft,
    request: (c) => ({ method: 'PUT', url: `/api/v1/models/${c.modelId}/draft`, params: { id: c.modelId }, json: { lock: -1, model: validModel(`Edited ${c.seq()}`) } }),
    expect: '401 403 200 403 403 403 403',
  },
  { route: 'POST /api/v1/models/{id}/validate', handler: validate, request: (c) => ({ method: 'POST', url: `/api/v1/models/${c.modelId}/validate`, params: { id: c.modelId } }), expect: '401 200 200 200 200 403 200' },
  { route: 'POST /api/v1/models/{id}/publish', handler: publish, request: (c) => ({ method: 'POST', url: `/api/v1/models/${c.modelId}/publish`, params: { id: c.modelId } }), expect: '401 403 201 403 403 403 403' },
  { route: 'GET /api/v1/models/{id}/versions', handler: listVersions, request: (c) => ({ method: 'GET', url: `/api/v1/models/${c.modelId}/versions`, params: { id: c.modelId } }), expect: '401 200 200 200 200 403 200' },
  {
    route: 'GET /api/v1/models/{id}/versions/{number}',
    handler: getVersion,
    request: (c) => ({ method: 'GET', url: `/api/v1/models/${c.modelId}/versions/1`, params: { id: c.modelId, number: '1' } }),
    expect: '401 200 200 200 200 403 200',
  },
  // Retention of a version's instances: modelers and admins; an unknown version answers 404 to them and changes nothing.
  {
    route: 'PATCH /api/v1/models/{id}/versions/{number}',
    handler: setVersionRetention,
    request: (c) => ({ method: 'PATCH', url: `/api/v1/models/${c.modelId}/versions/99`, params: { id: c.modelId, number: '99' }, json: { retentionDays: 30 } }),
    expect: '401 404 404 403 403 403 403',
  },
  { route: 'GET /api/v1/openapi.json', handler: openapi, request: () => ({ method: 'GET', url: '/api/v1/openapi.json' }), expect: '200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/me', handler: me, request: () => ({ method: 'GET', url: '/api/v1/me' }), expect: '401 200 200 200 200 200 200' },
  // A task of the finance group: only finance sees it; everyone else gets 404, as for a task that does not exist.
  { route: 'GET /api/v1/tasks/{id}', handler: getTask, request: (c) => ({ method: 'GET', url: `/api/v1/tasks/${c.taskId}`, params: { id: c.taskId } }), expect: '401 404 404 404 404 200 404' },
  { route: 'GET /api/v1/tasks', handler: listTasks, request: () => ({ method: 'GET', url: '/api/v1/tasks?view=groups' }), expect: '401 200 200 200 200 200 200' },
  { route: 'POST /api/v1/tasks/{id}/claim', handler: claimTask, request: () => ({ method: 'POST', url: '/api/v1/tasks/none/claim', params: { id: 'none' } }), expect: '401 404 404 404 404 404 404' },
  { route: 'POST /api/v1/tasks/{id}/unclaim', handler: unclaimTask, request: () => ({ method: 'POST', url: '/api/v1/tasks/none/unclaim', params: { id: 'none' } }), expect: '401 404 404 404 404 404 404' },
  { route: 'POST /api/v1/tasks/{id}/assign', handler: assignTask, request: () => ({ method: 'POST', url: '/api/v1/tasks/none/assign', params: { id: 'none' }, json: { assignee: 'finance@baton.local' } }), expect: '401 404 404 404 404 404 404' },
  { route: 'POST /api/v1/tasks/{id}/complete', handler: completeTask, request: () => ({ method: 'POST', url: '/api/v1/tasks/none/complete', params: { id: 'none' }, json: { decision: 'approve' } }), expect: '401 404 404 404 404 404 404' },
  { route: 'GET /api/v1/notifications', handler: listNotifications, request: () => ({ method: 'GET', url: '/api/v1/notifications' }), expect: '401 200 200 200 200 200 200' },
  { route: 'POST /api/v1/notifications/read', handler: markNotificationsRead, request: () => ({ method: 'POST', url: '/api/v1/notifications/read', json: { ids: ['none'] } }), expect: '401 404 404 404 404 404 404' },
  { route: 'GET /api/v1/audit-log', handler: auditLog, request: () => ({ method: 'GET', url: '/api/v1/audit-log?limit=5' }), expect: '401 200 403 403 200 403 403' },
  // The runtime's endpoints: readers (admin, operator, auditor) read instances; only operators act on them. Unknown ids
  // answer 404 to callers who passed authorization, which is what these rows check.
  { route: 'POST /api/v1/instances', handler: startInstance, request: () => ({ method: 'POST', url: '/api/v1/instances', json: { processKey: 'no-such-process' } }), expect: '401 403 403 404 403 403 404' },
  { route: 'GET /api/v1/instances', handler: listInstances, request: () => ({ method: 'GET', url: '/api/v1/instances?limit=5' }), expect: '401 200 403 200 200 403 200' },
  { route: 'GET /api/v1/instances/{id}', handler: getInstance, request: () => ({ method: 'GET', url: '/api/v1/instances/none', params: { id: 'none' } }), expect: '401 404 403 404 404 403 404' },
  { route: 'GET /api/v1/instances/{id}/events', handler: instanceEvents, request: () => ({ method: 'GET', url: '/api/v1/instances/none/events', params: { id: 'none' } }), expect: '401 404 403 404 404 403 404' },
  { route: 'GET /api/v1/instances/{id}/stream', handler: instanceStream, request: () => ({ method: 'GET', url: '/api/v1/instances/none/stream', params: { id: 'none' } }), expect: '401 404 403 404 404 403 404' },
  { route: 'GET /api/v1/stream', handler: globalStream, request: () => ({ method: 'GET', url: '/api/v1/stream?maxMs=0' }), expect: '401 200 403 200 200 403 200' },
  { route: 'POST /api/v1/instances/{id}/cancel', handler: cancelInstance, request: () => ({ method: 'POST', url: '/api/v1/instances/none/cancel', params: { id: 'none' } }), expect: '401 403 403 404 403 403 404' },
  {
    route: 'POST /api/v1/instances/{id}/variables',
    handler: setVariables,
    request: () => ({ method: 'POST', url: '/api/v1/instances/none/variables', params: { id: 'none' }, json: { variables: { a: 1 } } }),
    expect: '401 403 403 404 403 403 404',
  },
  {
    route: 'POST /api/v1/instances/{id}/modify',
    handler: modifyInstance,
    request: () => ({ method: 'POST', url: '/api/v1/instances/none/modify', params: { id: 'none' }, json: { terminate: ['x'] } }),
    expect: '401 403 403 404 403 403 404',
  },
  { route: 'GET /api/v1/incidents', handler: listIncidents, request: () => ({ method: 'GET', url: '/api/v1/incidents' }), expect: '401 200 403 200 200 403 200' },
  { route: 'POST /api/v1/incidents/{id}/resolve', handler: resolveIncident, request: () => ({ method: 'POST', url: '/api/v1/incidents/none/resolve', params: { id: 'none' } }), expect: '401 403 403 404 403 403 404' },
  { route: 'POST /api/v1/jobs/activate', handler: activateJobs, request: () => ({ method: 'POST', url: '/api/v1/jobs/activate', json: { type: 'matrix', worker: 'matrix' } }), expect: '401 403 403 200 403 403 200' },
  { route: 'POST /api/v1/jobs/{key}/complete', handler: completeJob, request: () => ({ method: 'POST', url: '/api/v1/jobs/none/complete', params: { key: 'none' } }), expect: '401 403 403 404 403 403 404' },
  { route: 'POST /api/v1/jobs/{key}/fail', handler: failJob, request: () => ({ method: 'POST', url: '/api/v1/jobs/none/fail', params: { key: 'none' }, json: { retries: 0 } }), expect: '401 403 403 404 403 403 404' },
  { route: 'POST /api/v1/jobs/{key}/error', handler: jobError, request: () => ({ method: 'POST', url: '/api/v1/jobs/none/error', params: { key: 'none' }, json: { errorCode: 'E' } }), expect: '401 403 403 404 403 403 404' },
  { route: 'POST /api/v1/messages', handler: publishMessage, request: () => ({ method: 'POST', url: '/api/v1/messages', json: { name: 'matrix' } }), expect: '401 403 403 200 403 403 200' },
  { route: 'POST /api/v1/signals', handler: broadcastSignal, request: () => ({ method: 'POST', url: '/api/v1/signals', json: { name: 'matrix' } }), expect: '401 403 403 200 403 403 200' },
  // The agent tool registry: admins only. Unknown names answer 404 to admins (authorization first).
  { route: 'GET /api/v1/tools', handler: listTools, request: () => ({ method: 'GET', url: '/api/v1/tools' }), expect: '401 200 403 403 403 403 403' },
  {
    route: 'POST /api/v1/tools',
    handler: createTool,
    request: (c) => ({ method: 'POST', url: '/api/v1/tools', json: { name: `matrix_tool_${c.seq()}`, description: 'Matrix', inputSchema: { type: 'object' }, implementation: { kind: 'http', url: 'http://127.0.0.1:9/x' } } }),
    expect: '401 201 403 403 403 403 403',
  },
  { route: 'GET /api/v1/tools/{name}', handler: getTool, request: () => ({ method: 'GET', url: '/api/v1/tools/none', params: { name: 'none' } }), expect: '401 404 403 403 403 403 403' },
  {
    route: 'PUT /api/v1/tools/{name}',
    handler: updateTool,
    request: () => ({ method: 'PUT', url: '/api/v1/tools/none', params: { name: 'none' }, json: { name: 'none', description: 'Matrix', inputSchema: { type: 'object' }, implementation: { kind: 'http', url: 'http://127.0.0.1:9/x' } } }),
    expect: '401 404 403 403 403 403 403',
  },
  { route: 'DELETE /api/v1/tools/{name}', handler: deleteTool, request: () => ({ method: 'DELETE', url: '/api/v1/tools/none', params: { name: 'none' } }), expect: '401 404 403 403 403 403 403' },
  // Prometheus metrics: admins and auditors (an operator's token is refused); BATON_METRICS_TOKEN is tested in app/api/metrics/route.test.ts.
  { route: 'GET /api/metrics', handler: metrics, request: () => ({ method: 'GET', url: '/api/metrics' }), expect: '401 200 403 403 200 403 403' },
  { route: 'GET /api/health', handler: health, request: () => ({ method: 'GET', url: '/api/health' }), expect: '200 200 200 200 200 200 200' },
  { route: 'GET /api/auth/{...all}', handler: authGet, request: () => ({ method: 'GET', url: 'http://localhost:3000/api/auth/get-session' }), expect: '200 200 200 200 200 200 200' },
];

it('given every route file under app/api, then each exported handler has a row in the matrix', async () => {
  const routes: string[] = [];
  for (const { file, path } of routeFiles()) for (const [method] of exportedHandlers(await import(file))) routes.push(`${method} ${path}`);
  // The auth catch-all answers POST too (sign-in, sign-out): its POSTs are tested in lib/auth/auth.test.ts.
  const rows = [...MATRIX.map((row) => row.route), 'POST /api/auth/{...all}'];
  expect([...routes].sort()).toEqual([...rows].sort());
});

describeEachDatabase('role × route matrix', (database) => {
  const credentials = {} as Record<Caller, Record<string, string>>;
  let context: Context;

  beforeAll(async () => {
    const { db } = database;
    setRouteDatabase(db);
    await runSeed(db, { credentials: { demoPasswords: true, production: false } });
    const auth = getAuth(db);
    credentials.nobody = {};
    for (const who of ['admin', 'modeler', 'operator', 'auditor', 'finance'] as const) {
      const email = `${who}@baton.local`;
      const answer = await signIn(auth, email, DEMO_PASSWORDS[email]);
      expect(answer.status, `sign-in of ${email}`).toBe(200);
      credentials[who] = { cookie: answer.cookie!, origin: 'http://localhost' };
    }
    credentials.token = { authorization: `Bearer ${await insertTestToken(db, { name: 'matrix-worker', roles: ['operator'] })}` };

    const model = await db.processModel.findUniqueOrThrow({ where: { key: 'order-fulfilment' } });
    const version = await db.processVersion.findFirstOrThrow({ where: { modelId: model.id } });
    const task = await db.userTask.create({
      data: {
        instanceId: 'instance-matrix',
        elementId: 'approve',
        elementInstanceId: 'ei-1',
        name: 'Approve the payment',
        processKey: version.processKey,
        versionId: version.id,
        candidates: { create: [{ kind: 'group', value: 'finance' }] },
      },
    });
    let n = 0;
    context = {
      modelId: model.id,
      taskId: task.id,
      seq: () => (n += 1),
      lock: async () => (await db.processModel.findUniqueOrThrow({ where: { id: model.id } })).lock,
    };
  });

  for (const row of MATRIX) {
    const expected = row.expect.split(' ').map(Number);
    CALLERS.forEach((caller, i) => {
      it(`${row.route} as ${caller} → ${expected[i]}`, async () => {
        const request = row.request(context);
        let json = request.json;
        // A draft update must name the current lock; the matrix is about who, not about locks.
        if (row.route.startsWith('PUT /api/v1/models/{id}/draft')) json = { ...(json as object), lock: await context.lock() };
        const answer = await call(row.handler, request.method, request.url, {
          json,
          params: request.params,
          headers: credentials[caller],
          anonymous: caller === 'nobody',
        });
        expect(answer.status, `${answer.error?.code ?? ''} ${answer.error?.message ?? ''}`).toBe(expected[i]);
        if (expected[i] === 401) expect(answer.error?.code).toBe('auth.unauthenticated');
        if (expected[i] === 403) expect(answer.error?.code).toBe('auth.forbidden');
      });
    });
  }

  it('given a cookie-authenticated change posted from another site, then 403 (CSRF)', async () => {
    const answer = await call(createModel, 'POST', '/api/v1/models?key=csrf-attempt', { json: { model: validModel() }, headers: { ...credentials.modeler, origin: 'https://evil.example' } });
    expect(answer.status).toBe(403);
    expect(await database.db.processModel.count({ where: { key: 'csrf-attempt' } })).toBe(0);
  });

  it('given a revoked or malformed token, then 401 and never the cookie instead', async () => {
    await database.db.apiToken.updateMany({ where: { name: 'matrix-worker' }, data: { revokedAt: new Date() } });
    expect((await call(listModels, 'GET', '/api/v1/models', { headers: credentials.token })).status).toBe(401);
    expect((await call(listModels, 'GET', '/api/v1/models', { headers: { authorization: 'Bearer nonsense', cookie: credentials.admin.cookie } })).status).toBe(401);
  });

  it('given a deactivated user with a live session, then 401 on the next request', async () => {
    await database.db.user.update({ where: { email: 'auditor@baton.local' }, data: { active: false } });
    expect((await call(listModels, 'GET', '/api/v1/models', { headers: credentials.auditor })).status).toBe(401);
  });
});
