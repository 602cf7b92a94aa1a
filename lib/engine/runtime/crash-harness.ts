/**
 * Test-only harness for the crash and scale-out tests: real worker processes (`scripts/worker.ts`
 * under node + tsx) on a test database, a real HTTP endpoint that counts calls by idempotency
 * key, and the checks on the event log the issue asks for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Db } from '@/lib/db/client';
import type { Event } from '@/lib/engine/core';
import { eventsOfRow } from './event-log';
import { processXml } from './test-support';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** start → http call A → 1 s timer → message "paid" (key orderId) → http call B → end. */
export function crashProcessXml(serverUrl: string, withMessage = true): string {
  const http = (id: string, pathName: string) => `
   <bpmn:serviceTask id="${id}"><bpmn:extensionElements>
     <baton:taskDefinition type="http" timeout="PT5S"/>
     <baton:retry attempts="5" initialBackoff="PT0.2S" factor="2" jitter="0"/>
     <baton:http method="POST" url="=&quot;${serverUrl}/${pathName}/&quot; + orderId"><baton:body>={ &quot;order&quot;: orderId }</baton:body></baton:http>
   </bpmn:extensionElements></bpmn:serviceTask>`;
  const message = withMessage ? '<bpmn:receiveTask id="paid" messageRef="m"/>' : '<bpmn:task id="paid"/>';
  return processXml(
    'crash',
    `<bpmn:startEvent id="start"/>
     ${http('callA', 'a')}
     <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
     ${message}
     ${http('callB', 'b')}
     <bpmn:endEvent id="end"/>
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="callA"/>
     <bpmn:sequenceFlow id="f2" sourceRef="callA" targetRef="wait"/>
     <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="paid"/>
     <bpmn:sequenceFlow id="f4" sourceRef="paid" targetRef="callB"/>
     <bpmn:sequenceFlow id="f5" sourceRef="callB" targetRef="end"/>
    </bpmn:process>
    <bpmn:message id="m" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>
    <bpmn:process id="unused" isExecutable="false">`,
  );
}

export type WorkerProcess = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

/** Starts `npm run worker`'s script as a real child process on `url`. */
export function startWorker(url: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/worker.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url, BATON_WORKER_POLL_MS: '50', BATON_WORKER_JOB_TIMEOUT_MS: '3000', BATON_WORKER_JOB_BATCH: '32', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export type LogCheck = {
  instances: number;
  completed: number;
  /** Instances whose sequence numbers are not exactly 1..lastSeq. */
  gaps: string[];
  /** Facts that must happen once per instance but were recorded more often: `${instance} ${what}`. */
  doubled: string[];
  /** Every job the log created, as the idempotency key without its attempt: `instance/element instance/job/`. */
  jobKeys: string[];
};

/** Reads every instance's log and checks: gapless sequences, nothing recorded twice. */
export async function checkLogs(db: Db, instanceIds: readonly string[]): Promise<LogCheck> {
  const result: LogCheck = { instances: instanceIds.length, completed: 0, gaps: [], doubled: [], jobKeys: [] };
  const rows = await db.processInstance.findMany({ where: { id: { in: [...instanceIds] } }, select: { id: true, status: true, lastSeq: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (let i = 0; i < instanceIds.length; i += 200) {
    const ids = instanceIds.slice(i, i + 200);
    const logRows = await db.instanceEventBatch.findMany({ where: { instanceId: { in: ids } }, orderBy: [{ instanceId: 'asc' }, { lastSeq: 'asc' }] });
    const grouped = new Map<string, { seq: number; event: Event }[]>();
    for (const row of logRows) {
      const list = grouped.get(row.instanceId) ?? [];
      for (const stored of eventsOfRow(row)) list.push({ seq: stored.seq, event: stored.event });
      grouped.set(row.instanceId, list);
    }
    for (const id of ids) {
      const log = grouped.get(id) ?? [];
      const row = byId.get(id);
      if (row?.status === 'completed') result.completed++;
      if (log.length !== row?.lastSeq || log.some((entry, index) => entry.seq !== index + 1)) result.gaps.push(id);
      const once = new Map<string, number>();
      for (const { event } of log) {
        let fact: string | undefined;
        if (event.type === 'ElementCompleted' || event.type === 'ElementActivated') fact = `${event.type} ${event.elementInstanceKey}`;
        else if (event.type === 'JobCompleted' || event.type === 'JobCreated') fact = `${event.type} ${event.jobKey}`;
        else if (event.type === 'TimerFired') fact = `${event.type} ${event.timerKey}`;
        else if (event.type === 'MessageCorrelated') fact = `${event.type} ${event.subscriptionKey}`;
        else if (event.type === 'InstanceCompleted' || event.type === 'InstanceCreated') fact = event.type;
        if (fact !== undefined) once.set(fact, (once.get(fact) ?? 0) + 1);
        if (event.type === 'JobCreated') result.jobKeys.push(`${id}/${event.elementInstanceKey}/${event.jobKey}/`);
      }
      for (const [fact, count] of once) if (count > 1) result.doubled.push(`${id} ${fact}`);
    }
  }
  return result;
}

/**
 * Jobs none of whose attempts reached the server. (An attempt may fail before its call goes out,
 * e.g. its timeout under load; the retry is a new attempt with a new key.)
 */
export function jobsNeverCalled(jobKeys: readonly string[], calledKeys: Iterable<string>): string[] {
  const called = new Set<string>();
  for (const key of calledKeys) called.add(key.slice(0, key.lastIndexOf('/') + 1));
  return jobKeys.filter((job) => !called.has(job));
}
