/**
 * The executable models of the shared corpus (bpmn-elements/, bpmn-engine/, camunda7/ — files
 * written by others): each is compiled; it either runs, driven in a fixed way, to completion or
 * to a well-defined wait (completed, waiting, cancelled, incident), or it is rejected at compile
 * time by findings naming the unsupported element. Nothing may throw; replay and the token
 * invariants hold after every command. Counts are printed and pinned, so a change shows.
 *
 * The fixed driver: start at the none start event (else the first message, signal or timer
 * start); then, until the instance ends or 100 steps: complete the first open job, else the
 * first user task, else correlate the first message subscription / broadcast the first signal
 * subscription, else fire the earliest timer, else complete the first call activity (the child
 * is not run: the corpus has no deployment). Jobs and tasks complete without variables.
 *
 * The corpus lives beside the repository (`../shared/bpmn-corpus`); BPMN_CORPUS_DIR overrides.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBpmnBytes } from '@/lib/bpmn/xml/decode-bpmn';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import type { Command } from './commands';
import { compile } from './compile';
import { Harness } from './harness';
import { invariantViolations } from './invariants';
import { replay } from './replay';
import { outcomeOf } from './state';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const corpusDir = process.env.BPMN_CORPUS_DIR ?? path.resolve(repoRoot, '../shared/bpmn-corpus');
const FOLDERS = ['bpmn-elements', 'bpmn-engine', 'camunda7'];

if (!fs.existsSync(path.join(corpusDir, 'CATALOG.tsv'))) {
  throw new Error(`The BPMN corpus was not found at ${corpusDir} (no CATALOG.tsv). Set BPMN_CORPUS_DIR to its folder.`);
}

/** What the core does with the corpus today. Change only with a reason. */
const EXPECTED = { files: 96, notExecutable: 3, ran: 43, rejected: 50, completed: 33, waiting: 4, incident: 6, cancelled: 0 };

type Outcome = 'completed' | 'waiting' | 'incident' | 'cancelled' | 'rejected' | 'not executable' | 'not imported';
const results: { file: string; outcome: Outcome; detail: string }[] = [];

const files = FOLDERS.flatMap((folder) =>
  fs
    .readdirSync(path.join(corpusDir, folder))
    .filter((name) => /\.(bpmn|xml)$/.test(name))
    .sort()
    .map((name) => `${folder}/${name}`),
);

function startCommand(h: Harness): Command {
  const d = h.definition;
  if (d.noneStartId !== undefined) return { type: 'CreateInstance' };
  const id = d.messageStartIds[0] ?? d.signalStartIds[0] ?? d.timerStartIds[0];
  return { type: 'CreateInstance', startEventId: id };
}

function nextCommand(h: Harness): Command | undefined {
  const s = h.state;
  const job = [...s.jobs.values()].find((j) => j.status === 'activatable');
  if (job) return { type: 'CompleteJob', jobKey: job.jobKey };
  const task = [...s.userTasks.values()][0];
  if (task) return { type: 'CompleteUserTask', taskKey: task.taskKey };
  const subscription = [...s.subscriptions.values()][0];
  if (subscription) {
    return subscription.kind === 'message'
      ? { type: 'CorrelateMessage', messageName: subscription.name, correlationKey: subscription.correlationKey }
      : { type: 'BroadcastSignal', signalName: subscription.name };
  }
  const timer = [...s.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (timer) return { type: 'FireTimer', timerKey: timer.timerKey };
  const call = [...s.calls.values()][0];
  if (call) return { type: 'CompleteCallActivity', callKey: call.callKey };
  return undefined;
}

describe('the executable corpus', () => {
  it.each(files)('given %s, when compiled and driven, then it runs to an end or a well-defined wait, or is rejected naming what is unsupported', async (file) => {
    const xml = decodeBpmnBytes(new Uint8Array(fs.readFileSync(path.join(corpusDir, file))));
    const imported = await importBpmn(xml);
    if (!imported.ok) {
      results.push({ file, outcome: 'not imported', detail: imported.findings[0]?.message ?? '' });
      return;
    }
    if (!imported.model.processes.some((p) => p.isExecutable)) {
      const compiled = compile(imported.model);
      expect(compiled).toMatchObject({ ok: false, findings: expect.arrayContaining([expect.objectContaining({ code: 'process.none-executable' })]) });
      results.push({ file, outcome: 'not executable', detail: 'no process is marked executable (rejected as such)' });
      return;
    }
    const compiled = compile(imported.model);
    if (!compiled.ok) {
      const errors = compiled.findings.filter((f) => f.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const finding of errors) expect(finding.message.length).toBeGreaterThan(10);
      expect(errors.some((f) => f.elementId !== undefined)).toBe(true);
      results.push({ file, outcome: 'rejected', detail: errors.map((f) => `${f.elementId ?? '-'}: ${f.message}`).join(' | ') });
      return;
    }
    const h = new Harness(compiled.definition);
    let command: Command | undefined = startCommand(h);
    for (let step = 0; step < 100 && command !== undefined; step++) {
      const result = h.send(command);
      expect(result.ok, result.ok ? '' : `${command.type} rejected: ${result.message}`).toBe(true);
      expect(invariantViolations(h.state)).toEqual([]);
      if (h.state.status !== 'active') break;
      command = nextCommand(h);
    }
    expect(replay(h.events)).toEqual(h.state);
    const outcome = outcomeOf(h.state);
    expect(outcome).not.toBe('none');
    const incidents = [...h.state.incidents.values()].map((i) => `${i.elementId}: ${i.message}`).join(' | ');
    const waitingFor = `${h.events.length} events; open: ${h.state.jobs.size} jobs, ${h.state.userTasks.size} tasks, ${h.state.timers.size} timers, ${h.state.subscriptions.size} subscriptions, ${h.state.joins.size} joins`;
    results.push({ file, outcome: outcome as Outcome, detail: outcome === 'incident' ? incidents : outcome === 'waiting' ? waitingFor : `${h.events.length} events` });
  });

  afterAll(() => {
    const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
    const counts = {
      files: results.length,
      notExecutable: count('not executable'),
      ran: results.length - count('rejected') - count('not imported') - count('not executable'),
      rejected: count('rejected'),
      completed: count('completed'),
      waiting: count('waiting'),
      incident: count('incident'),
      cancelled: count('cancelled'),
    };
    const lines = results
      .sort((a, b) => a.outcome.localeCompare(b.outcome) || a.file.localeCompare(b.file))
      .map((r) => `  ${r.outcome.padEnd(10)} ${r.file}  ${r.detail.slice(0, 160)}`);
    console.log(`engine core over the executable corpus: ${JSON.stringify(counts)}\n${lines.join('\n')}`);
    if (process.env.CORPUS_REPORT_ONLY !== '1') expect(counts).toEqual(EXPECTED);
  });
});
