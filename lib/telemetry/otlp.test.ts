import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database';
import { startLlmStub } from '@/lib/agents/llm-stub/stub-server';
import { saveProvider } from '@/lib/agents/providers';
import { createTool } from '@/lib/agents/tool-registry';
import { createAgentExecutor } from '@/lib/engine/runtime/executors/agent';
import { createHttpExecutor } from '@/lib/engine/runtime/executors/http';
import { runJobBatch } from '@/lib/engine/runtime/run-job-batch';
import { createRuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { SYSTEM_ACTOR } from '@/lib/models/actor';
import { operationRegistry } from './instrument';
import { startTelemetry, type Telemetry } from './setup';

type ExportedSpan = { name: string; attributes: { key: string; value: Record<string, unknown> }[] };

/** A local OTLP/HTTP receiver (JSON) that also answers the process's HTTP task. */
class Receiver {
  spans: ExportedSpan[] = [];
  paths: string[] = [];
  private server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      this.paths.push(`${request.method} ${request.url}`);
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
        for (const rs of payload.resourceSpans) for (const ss of rs.scopeSpans) this.spans.push(...ss.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('OpenTelemetry spans over OTLP', () => {
  const receiver = new Receiver();
  let database: TestDatabase;
  let telemetry: Telemetry | null;

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase('sqlite');
    telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'baton-test' });
  });
  afterAll(async () => {
    await telemetry?.shutdown();
    await database.drop();
    await receiver.stop();
  });

  it('given OTEL_EXPORTER_OTLP_ENDPOINT, when a command, a job and its HTTP call run, then their spans arrive at the receiver and their latencies are in the histogram', async () => {
    // given
    expect(telemetry).not.toBeNull();
    const rt = createRuntimeContext({ db: database.db });
    const xml = processXml(
      'traced',
      `<bpmn:startEvent id="start"/>
       <bpmn:serviceTask id="call"><bpmn:extensionElements>
         <baton:taskDefinition type="http"/><baton:http method="GET" url="${receiver.url}/ping"/>
       </bpmn:extensionElements></bpmn:serviceTask>
       <bpmn:endEvent id="end"/>
       <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
       <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>`,
    );
    const { modelKey } = await publishXml(database.db, xml);

    // when
    await startInstance(rt, { processKey: modelKey });
    expect(await runJobBatch(rt, { owner: 'otel', executors: { http: createHttpExecutor() }, batchSize: 5, defaultTimeoutMs: 5_000 })).toBe(1);
    await telemetry!.flush();

    // then
    expect(receiver.paths).toContain('GET /ping');
    const names = receiver.spans.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['baton.command', 'baton.job', 'baton.http']));
    const command = receiver.spans.find((s) => s.name === 'baton.command' && s.attributes.some((a) => a.key === 'baton.command.type' && a.value.stringValue === 'CreateInstance'));
    expect(command).toBeDefined();
    const http = receiver.spans.find((s) => s.name === 'baton.http');
    expect(http?.attributes).toEqual(expect.arrayContaining([{ key: 'url.full', value: { stringValue: `${receiver.url}/ping` } }]));
    const text = await operationRegistry().metrics();
    expect(text).toMatch(/baton_operation_duration_seconds_count\{operation="baton\.command",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/baton_operation_duration_seconds_count\{operation="baton\.http",outcome="ok"\} 1/);
  });

  it('given an agent task, when its job runs, then its model calls and its tool call arrive as spans', async () => {
    // given: a scripted model that calls one tool (served by the receiver), then answers
    const stub = await startLlmStub({ scripts: { 'traced-agent': [{ call: [{ name: 'traced_lookup', arguments: { customerId: 'c-1' } }] }, { say: '{"risk":"low"}' }] } });
    try {
      const db = database.db;
      await saveProvider({ db, actor: SYSTEM_ACTOR, input: { name: 'traced-stub', kind: 'openai-compatible', baseUrl: `${stub.url}/v1`, defaultModel: 'traced-agent', apiKey: 'sk-test-otel' } });
      await createTool({
        db,
        actor: SYSTEM_ACTOR,
        input: { name: 'traced_lookup', description: 'Customer lookup', inputSchema: { type: 'object', properties: { customerId: { type: 'string' } } }, implementation: { kind: 'http', method: 'POST', url: `${receiver.url}/lookup` }, guardrails: {} },
      });
      const xml = processXml(
        'traced_agent',
        `<bpmn:startEvent id="start"/>
         <bpmn:serviceTask id="assess"><bpmn:extensionElements>
           <baton:agent provider="traced-stub" model="traced-agent" resultVariable="assessment">
             <baton:goal>="Assess customer " + customerId</baton:goal>
             <baton:tool name="traced_lookup"/>
           </baton:agent>
           <baton:taskDefinition type="agent"/>
         </bpmn:extensionElements></bpmn:serviceTask>
         <bpmn:endEvent id="end"/>
         <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="assess"/>
         <bpmn:sequenceFlow id="f2" sourceRef="assess" targetRef="end"/>`,
      );
      const { modelKey } = await publishXml(db, xml);
      const rt = createRuntimeContext({ db });
      await startInstance(rt, { processKey: modelKey, variables: { customerId: 'c-1' } });

      // when
      const executors = { agent: createAgentExecutor({ rt: () => rt, pollMs: 25 }) };
      expect(await runJobBatch(rt, { owner: 'otel-agent', executors, batchSize: 5, defaultTimeoutMs: 10_000 })).toBe(1);
      await telemetry!.flush();

      // then: two model calls (tool call, then answer) and one tool call, with their attributes
      expect(receiver.paths).toContain('POST /lookup');
      const models = receiver.spans.filter((s) => s.name === 'baton.agent.model');
      expect(models).toHaveLength(2);
      expect(models[0].attributes).toEqual(expect.arrayContaining([{ key: 'gen_ai.request.model', value: { stringValue: 'traced-agent' } }]));
      const tools = receiver.spans.filter((s) => s.name === 'baton.agent.tool');
      expect(tools).toHaveLength(1);
      expect(tools[0].attributes).toEqual(expect.arrayContaining([{ key: 'baton.tool', value: { stringValue: 'traced_lookup' } }]));
      const text = await operationRegistry().metrics();
      expect(text).toMatch(/baton_operation_duration_seconds_count\{operation="baton\.agent\.model",outcome="ok"\} 2/);
      expect(text).toMatch(/baton_operation_duration_seconds_count\{operation="baton\.agent\.tool",outcome="ok"\} 1/);
    } finally {
      await stub.stop();
    }
  });
});
