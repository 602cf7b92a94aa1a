import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { GET } from './route';
import { setRouteDatabase } from '@/lib/api/route-db';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { runJobBatch } from '@/lib/engine/runtime/run-job-batch';
import { createRuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { hasScrapeToken } from '@/lib/metrics/scrape-token';

vi.mock('next/server', () => ({ connection: async () => undefined }));

const xml = processXml(
  'scraped',
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="work"><bpmn:extensionElements><baton:taskDefinition type="work"/><baton:retry attempts="1"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

describeEachDatabase('/api/metrics (Prometheus)', (database) => {
  let modelKey: string;
  afterEach(() => vi.unstubAllEnvs());

  beforeAll(async () => {
    setRouteDatabase(database.db);
    const clock = new ManualClock(Date.UTC(2026, 3, 1, 8));
    const rt = createRuntimeContext({ db: database.db, clock });
    ({ modelKey } = await publishXml(database.db, xml, 'scraped-process'));
    let calls = 0;
    const work = async () => (++calls === 1 ? ({ kind: 'complete' } as const) : ({ kind: 'fail', message: 'boom' } as const));
    await startInstance(rt, { processKey: modelKey });
    clock.advance(90_000);
    await runJobBatch(rt, { owner: 'w', executors: { work }, batchSize: 1, defaultTimeoutMs: 5_000 });
    await startInstance(rt, { processKey: modelKey });
    await runJobBatch(rt, { owner: 'w', executors: { work }, batchSize: 1, defaultTimeoutMs: 5_000 });
  });

  it('given the scrape token, when scraped, then instance, incident and job counters and the duration histogram are exposed', async () => {
    vi.stubEnv('BATON_METRICS_TOKEN', 'scrape-secret');
    const response = await GET(new Request('http://localhost/api/metrics', { headers: { authorization: 'Bearer scrape-secret' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(`baton_instances_started_total{process="${modelKey}"} 2`);
    expect(text).toContain(`baton_instances_completed_total{process="${modelKey}"} 1`);
    expect(text).toContain(`baton_incidents_raised_total{process="${modelKey}"} 1`);
    expect(text).toContain(`baton_instances_active{process="${modelKey}"} 1`);
    expect(text).toContain(`baton_incidents_open{process="${modelKey}"} 1`);
    // the completed instance took 90 s: first counted in the le=300 bucket
    expect(text).toContain(`baton_instance_duration_seconds_bucket{process="${modelKey}",le="60"} 0`);
    expect(text).toContain(`baton_instance_duration_seconds_bucket{process="${modelKey}",le="300"} 1`);
    expect(text).toContain(`baton_instance_duration_seconds_sum{process="${modelKey}"} 90`);
    expect(text).toContain('# TYPE baton_operation_duration_seconds histogram');
  });

  it('given no credentials or a wrong scrape token, then 401 and nothing is read', async () => {
    vi.stubEnv('BATON_METRICS_TOKEN', 'scrape-secret');
    expect((await GET(new Request('http://localhost/api/metrics'))).status).toBe(401);
    expect((await GET(new Request('http://localhost/api/metrics', { headers: { authorization: 'Bearer wrong' } }))).status).toBe(401);
  });

  it('given no BATON_METRICS_TOKEN configured, then no bearer value counts as the scrape token', () => {
    vi.stubEnv('BATON_METRICS_TOKEN', '');
    expect(hasScrapeToken(new Request('http://x', { headers: { authorization: 'Bearer ' } }))).toBe(false);
  });
});
