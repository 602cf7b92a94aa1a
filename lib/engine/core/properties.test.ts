/**
 * Property-based tests: generated valid (block-structured) models, random command sequences.
 * After every command: decide does not throw, replay(events) equals the live state, and the
 * token invariants hold (no token duplicated or lost, nothing open for an element that is gone,
 * every waiting element waits for something). After the run, a fixed driver completes whatever
 * is open: every instance ends completed, cancelled or with an incident.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BpmnModelSchema, type BpmnModel } from '@/lib/bpmn/model';
import type { Command } from './commands';
import { compile } from './compile';
import type { Definition } from './definition';
import { Harness } from './harness';
import { invariantViolations } from './invariants';
import { canonical, replay } from './replay';
import { EventSchema } from './events';
import { joinKey, outcomeOf, toSnapshot, type InstanceState } from './state';

// ---------------------------------------------------------------------------------------
// Generated models: blocks composed in sequence, exclusive / parallel / inclusive splits,
// sub-processes (with error end events inside and boundaries outside), multi-instance,
// event-based gateways, boundary events.

type Leaf = 'task' | 'script' | 'job' | 'user' | 'timer' | 'message' | 'signal' | 'call';
type Block =
  | { k: 'leaf'; leaf: Leaf }
  | { k: 'seq'; items: Block[] }
  | { k: 'xor' | 'and' | 'or'; branches: Block[]; thresholds: number[] }
  | { k: 'sub'; body: Block; errorBoundary: boolean; throwsError: boolean; terminates: boolean }
  | { k: 'guarded'; boundary: 'error' | 'timer' | 'cycle' | 'message' }
  | { k: 'mi'; sequential: boolean; cardinality: number; inner: 'job' | 'sub' | 'script' }
  | { k: 'race' }
  | { k: 'undo' };

const leaf = fc.constantFrom<Leaf>('task', 'script', 'job', 'job', 'user', 'timer', 'message', 'signal', 'call').map((l): Block => ({ k: 'leaf', leaf: l }));

const block: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('block'), { minLength: 2, maxLength: 3 }).map((items): Block => ({ k: 'seq', items })),
    fc
      .tuple(fc.constantFrom<'xor' | 'and' | 'or'>('xor', 'and', 'or'), fc.array(tie('block'), { minLength: 2, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }))
      .map(([k, branches, thresholds]): Block => ({ k, branches, thresholds })),
    fc
      .tuple(tie('block'), fc.boolean(), fc.boolean(), fc.boolean())
      .map(([body, errorBoundary, throwsError, terminates]): Block => ({ k: 'sub', body, errorBoundary, throwsError, terminates })),
    fc.constantFrom<'error' | 'timer' | 'cycle' | 'message'>('error', 'timer', 'cycle', 'message').map((boundary): Block => ({ k: 'guarded', boundary })),
    fc
      .tuple(fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.constantFrom<'job' | 'sub' | 'script'>('job', 'sub', 'script'))
      .map(([sequential, cardinality, inner]): Block => ({ k: 'mi', sequential, cardinality, inner })),
    fc.constant<Block>({ k: 'race' }),
    fc.constant<Block>({ k: 'undo' }),
  ),
})).block;

class ModelWriter {
  private n = 0;
  readonly elements: Record<string, unknown>[] = [];
  readonly flows: Record<string, unknown>[] = [];
  readonly artifacts: Record<string, unknown>[] = [];

  id(prefix: string): string {
    return `${prefix}_${++this.n}`;
  }

  el(element: Record<string, unknown>): string {
    this.elements.push(element);
    return element.id as string;
  }

  flow(parentId: string, sourceRef: string, targetRef: string, condition?: string): string {
    const id = this.id('flow');
    this.flows.push({ id, parentId, sourceRef, targetRef, ...(condition === undefined ? {} : { condition: { body: condition } }) });
    return id;
  }

  /** Writes a block into scope `parentId`; returns its entry and exit element (exit null: the block ends its path). */
  write(b: Block, parentId: string): { entry: string; exit: string | null } {
    switch (b.k) {
      case 'leaf':
        return this.leaf(b.leaf, parentId);
      case 'seq': {
        const parts = b.items.map((item) => this.write(item, parentId));
        for (let i = 0; i + 1 < parts.length; i++) {
          const exit = parts[i].exit;
          if (exit !== null) this.flow(parentId, exit, parts[i + 1].entry);
        }
        return { entry: parts[0].entry, exit: parts.every((p) => p.exit !== null) ? (parts.at(-1) as { exit: string }).exit : null };
      }
      case 'xor':
      case 'and':
      case 'or': {
        const type = b.k === 'xor' ? 'exclusiveGateway' : b.k === 'and' ? 'parallelGateway' : 'inclusiveGateway';
        const split = this.id('split');
        const join = this.id('join');
        const branches = b.branches.map((branch) => this.write(branch, parentId));
        const flowIds: string[] = [];
        branches.forEach((branch, i) => {
          const isDefault = i === branches.length - 1;
          const condition = b.k === 'and' || isDefault ? undefined : `=x ${i % 2 === 0 ? '>' : '<'} ${b.thresholds[i]}`;
          flowIds.push(this.flow(parentId, split, branch.entry, condition));
          if (branch.exit !== null) this.flow(parentId, branch.exit, join);
        });
        this.el({ type, id: split, parentId, ...(b.k === 'and' ? {} : { default: flowIds.at(-1) }) });
        this.el({ type: b.k === 'or' ? 'inclusiveGateway' : b.k === 'and' ? 'parallelGateway' : 'exclusiveGateway', id: join, parentId });
        return { entry: split, exit: join };
      }
      case 'sub': {
        const sub = this.el({ type: 'subProcess', id: this.id('sub'), parentId });
        const start = this.el({ type: 'startEvent', id: this.id('subStart'), parentId: sub });
        const end = this.el({ type: 'endEvent', id: this.id('subEnd'), parentId: sub });
        const inner = this.write(b.body, sub);
        this.flow(sub, start, inner.entry);
        let last = inner.exit;
        if (last !== null && (b.throwsError || b.terminates)) {
          const gate = this.el({ type: 'exclusiveGateway', id: this.id('maybe'), parentId: sub });
          this.flow(sub, last, gate);
          const throwEnd = this.el(
            b.throwsError
              ? { type: 'endEvent', id: this.id('throw'), parentId: sub, eventDefinitions: [{ kind: 'error', errorRef: 'err_e1' }] }
              : { type: 'endEvent', id: this.id('kill'), parentId: sub, eventDefinitions: [{ kind: 'terminate' }] },
          );
          this.flow(sub, gate, throwEnd, '=x > 4');
          const ok = this.flow(sub, gate, end);
          (this.elements.find((e) => e.id === gate) as Record<string, unknown>).default = ok;
          last = null;
        }
        if (last !== null) this.flow(sub, last, end);
        if (!b.errorBoundary) return { entry: sub, exit: sub };
        const boundary = this.el({ type: 'boundaryEvent', id: this.id('caught'), parentId, attachedToRef: sub, eventDefinitions: [{ kind: 'error', errorRef: 'err_e1' }] });
        const merge = this.el({ type: 'exclusiveGateway', id: this.id('merge'), parentId });
        this.flow(parentId, sub, merge);
        this.flow(parentId, boundary, merge);
        return { entry: sub, exit: merge };
      }
      case 'guarded': {
        const task = this.el({ type: 'serviceTask', id: this.id('guarded'), parentId, job: { type: 'work' } });
        const definition =
          b.boundary === 'error'
            ? { kind: 'error', errorRef: 'err_e1' }
            : b.boundary === 'message'
              ? { kind: 'message', messageRef: 'msg_poke' }
              : b.boundary === 'timer'
                ? { kind: 'timer', timeDuration: { body: 'PT5M' } }
                : { kind: 'timer', timeCycle: { body: 'R2/PT1M' } };
        const boundary = this.el({
          type: 'boundaryEvent',
          id: this.id('boundary'),
          parentId,
          attachedToRef: task,
          cancelActivity: b.boundary !== 'cycle',
          eventDefinitions: [definition],
        });
        const merge = this.el({ type: 'exclusiveGateway', id: this.id('merge'), parentId });
        this.flow(parentId, task, merge);
        if (b.boundary === 'cycle') {
          const note = this.el({ type: 'endEvent', id: this.id('noted'), parentId });
          this.flow(parentId, boundary, note);
        } else {
          this.flow(parentId, boundary, merge);
        }
        return { entry: task, exit: merge };
      }
      case 'mi': {
        const loop = { kind: 'multiInstance', isSequential: b.sequential, loopCardinality: String(b.cardinality) };
        if (b.inner === 'job') return this.single(this.el({ type: 'serviceTask', id: this.id('each'), parentId, job: { type: 'work' }, loop }));
        if (b.inner === 'script') {
          return this.single(this.el({ type: 'scriptTask', id: this.id('eachScript'), parentId, expression: '=x + loopCounter', resultVariable: 'x', loop }));
        }
        const sub = this.el({ type: 'subProcess', id: this.id('eachSub'), parentId, loop });
        const start = this.el({ type: 'startEvent', id: this.id('s'), parentId: sub });
        const work = this.el({ type: 'userTask', id: this.id('w'), parentId: sub });
        const end = this.el({ type: 'endEvent', id: this.id('e'), parentId: sub });
        this.flow(sub, start, work);
        this.flow(sub, work, end);
        return this.single(sub);
      }
      case 'undo': {
        // A compensable job, then a compensation throw for the whole scope.
        const task = this.el({ type: 'serviceTask', id: this.id('book'), parentId, job: { type: 'work' } });
        const boundary = this.el({ type: 'boundaryEvent', id: this.id('undoEvent'), parentId, attachedToRef: task, eventDefinitions: [{ kind: 'compensate' }] });
        const handler = this.el({ type: 'serviceTask', id: this.id('cancel'), parentId, job: { type: 'work' }, isForCompensation: true });
        this.artifacts.push({ type: 'association', id: this.id('assoc'), parentId, sourceRef: boundary, targetRef: handler });
        const compensate = this.el({ type: 'intermediateThrowEvent', id: this.id('compensate'), parentId, eventDefinitions: [{ kind: 'compensate' }] });
        this.flow(parentId, task, compensate);
        return { entry: task, exit: compensate };
      }
      case 'race': {
        const gateway = this.el({ type: 'eventBasedGateway', id: this.id('race'), parentId });
        const message = this.el({ type: 'intermediateCatchEvent', id: this.id('raceMsg'), parentId, eventDefinitions: [{ kind: 'message', messageRef: 'msg_go' }] });
        const timer = this.el({ type: 'intermediateCatchEvent', id: this.id('raceTimer'), parentId, eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] });
        const merge = this.el({ type: 'exclusiveGateway', id: this.id('merge'), parentId });
        this.flow(parentId, gateway, message);
        this.flow(parentId, gateway, timer);
        this.flow(parentId, message, merge);
        this.flow(parentId, timer, merge);
        return { entry: gateway, exit: merge };
      }
    }
  }

  private single(id: string): { entry: string; exit: string } {
    return { entry: id, exit: id };
  }

  private leaf(kind: Leaf, parentId: string): { entry: string; exit: string } {
    switch (kind) {
      case 'task':
        return this.single(this.el({ type: 'task', id: this.id('task'), parentId }));
      case 'script':
        return this.single(this.el({ type: 'scriptTask', id: this.id('script'), parentId, expression: '=x + 1', resultVariable: 'x' }));
      case 'job':
        return this.single(this.el({ type: 'serviceTask', id: this.id('job'), parentId, job: { type: 'work' } }));
      case 'user':
        return this.single(this.el({ type: 'userTask', id: this.id('user'), parentId }));
      case 'timer':
        return this.single(this.el({ type: 'intermediateCatchEvent', id: this.id('wait'), parentId, eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT10M' } }] }));
      case 'message':
        return this.single(this.el({ type: 'intermediateCatchEvent', id: this.id('msg'), parentId, eventDefinitions: [{ kind: 'message', messageRef: 'msg_go' }] }));
      case 'signal':
        return this.single(this.el({ type: 'intermediateCatchEvent', id: this.id('sig'), parentId, eventDefinitions: [{ kind: 'signal', signalRef: 'sig_go' }] }));
      case 'call':
        return this.single(this.el({ type: 'callActivity', id: this.id('call'), parentId, calledElement: 'child' }));
    }
  }
}

type EventSubProcess = 'none' | 'interrupting' | 'non-interrupting';
const eventSubProcess = fc.constantFrom<EventSubProcess>('none', 'none', 'interrupting', 'non-interrupting');

function modelOf(body: Block, esp: EventSubProcess = 'none'): BpmnModel {
  const w = new ModelWriter();
  const start = w.el({ type: 'startEvent', id: 'start', parentId: 'P' });
  const end = w.el({ type: 'endEvent', id: 'end', parentId: 'P' });
  const inner = w.write(body, 'P');
  w.flow('P', start, inner.entry);
  if (inner.exit !== null) w.flow('P', inner.exit, end);
  if (esp !== 'none') {
    // An event sub-process on the message "poke" (also the message of guarded boundaries).
    const sub = w.el({ type: 'subProcess', id: 'onPoke', parentId: 'P', triggeredByEvent: true });
    const espStart = w.el({
      type: 'startEvent',
      id: 'pokeStart',
      parentId: sub,
      isInterrupting: esp === 'interrupting',
      eventDefinitions: [{ kind: 'message', messageRef: 'msg_poke' }],
    });
    const work = w.el({ type: 'serviceTask', id: 'pokeWork', parentId: sub, job: { type: 'work' } });
    const espEnd = w.el({ type: 'endEvent', id: 'pokeEnd', parentId: sub });
    w.flow(sub, espStart, work);
    w.flow(sub, work, espEnd);
  }
  return BpmnModelSchema.parse({
    definitions: { id: 'D' },
    processes: [{ id: 'P', isExecutable: true }],
    elements: w.elements,
    flows: w.flows,
    artifacts: w.artifacts,
    globals: {
      messages: [{ id: 'msg_go', name: 'go' }, { id: 'msg_poke', name: 'poke' }],
      signals: [{ id: 'sig_go', name: 'go' }],
      errors: [{ id: 'err_e1', errorCode: 'E1' }],
    },
  });
}

// ---------------------------------------------------------------------------------------
// Invariants (./invariants.ts)

function checkInvariants(state: InstanceState): void {
  expect(invariantViolations(state)).toEqual([]);
}

// ---------------------------------------------------------------------------------------
// Driving

/** Interprets one random choice as a command that fits the state (or, sometimes, one that does not). */
function commandFor(h: Harness, choice: number): Command {
  const s = h.state;
  const pick = <T>(items: T[]): T | undefined => (items.length === 0 ? undefined : items[Math.floor(choice / 16) % items.length]);
  switch (choice % 16) {
    case 0:
    case 1:
    case 2: {
      const job = pick([...s.jobs.values()].filter((j) => j.status === 'activatable'));
      if (job) return { type: 'CompleteJob', jobKey: job.jobKey, variables: { x: choice % 9 } };
      break;
    }
    case 3: {
      const job = pick([...s.jobs.values()]);
      if (job) return { type: 'FailJob', jobKey: job.jobKey, retries: choice % 3, errorMessage: 'boom' };
      break;
    }
    case 4: {
      const job = pick([...s.jobs.values()]);
      if (job) return { type: 'ThrowJobError', jobKey: job.jobKey, errorCode: choice % 2 === 0 ? 'E1' : 'E2' };
      break;
    }
    case 5:
    case 6: {
      const task = pick([...s.userTasks.values()]);
      if (task) return { type: 'CompleteUserTask', taskKey: task.taskKey };
      break;
    }
    case 7:
    case 8: {
      const timer = pick([...s.timers.values()]);
      if (timer) return { type: 'FireTimer', timerKey: timer.timerKey };
      break;
    }
    case 9:
      return { type: 'CorrelateMessage', messageName: choice % 2 === 0 ? 'go' : 'poke' };
    case 10:
      return { type: 'BroadcastSignal', signalName: 'go' };
    case 11:
      return { type: 'SetVariables', variables: { x: choice % 7 } };
    case 12: {
      const incident = pick([...s.incidents.values()]);
      if (incident) return { type: 'ResolveIncident', incidentKey: incident.incidentKey, retries: 1 };
      break;
    }
    case 13: {
      const leafInstance = pick([...s.elements.values()].filter((e) => e.scopeKey !== null));
      if (leafInstance && choice % 5 === 0) return { type: 'TerminateElement', elementInstanceKey: leafInstance.key };
      break;
    }
    case 14:
      if (choice % 11 === 0) return { type: 'CancelInstance' };
      break;
    case 15: {
      const call = pick([...s.calls.values()]);
      if (call) {
        if (choice % 4 === 0) return { type: 'ThrowCallError', callKey: call.callKey, errorCode: 'E1' };
        if (choice % 4 === 1) return { type: 'ThrowCallEscalation', callKey: call.callKey, escalationCode: 'E1' };
        return { type: 'CompleteCallActivity', callKey: call.callKey, variables: { x: choice % 5 } };
      }
      break;
    }
    default:
      break;
  }
  return { type: 'CompleteJob', jobKey: 'unknown-job' };
}

/** Completes whatever is open, in a fixed way, until the instance ends or nothing helps. */
function drive(h: Harness, check: (h: Harness) => void): void {
  // A non-interrupting subscription stays open: deliver to each one once.
  const delivered = new Set<string>();
  for (let step = 0; step < 400 && h.state.status === 'active'; step++) {
    const s = h.state;
    const job = [...s.jobs.values()].find((j) => j.status === 'activatable');
    const task = [...s.userTasks.values()][0];
    const timer = [...s.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    const subscription = [...s.subscriptions.values()].find((sub) => !delivered.has(sub.subscriptionKey));
    const incident = [...s.incidents.values()].find((i) => i.kind === 'jobNoRetries' || i.kind === 'expression');
    const call = [...s.calls.values()][0];
    let command: Command | undefined;
    if (job) command = { type: 'CompleteJob', jobKey: job.jobKey };
    else if (task) command = { type: 'CompleteUserTask', taskKey: task.taskKey };
    else if (subscription) {
      delivered.add(subscription.subscriptionKey);
      command =
        subscription.kind === 'message'
          ? { type: 'CorrelateMessage', messageName: subscription.name, correlationKey: subscription.correlationKey }
          : { type: 'BroadcastSignal', signalName: subscription.name };
    } else if (timer) command = { type: 'FireTimer', timerKey: timer.timerKey };
    else if (call) command = { type: 'CompleteCallActivity', callKey: call.callKey };
    else if (incident) command = { type: 'ResolveIncident', incidentKey: incident.incidentKey, retries: 1 };
    if (command === undefined) return;
    const result = h.send(command);
    expect(result.ok, `driver command ${command.type}: ${result.ok ? '' : result.message}`).toBe(true);
    check(h);
  }
}

describe('properties over generated models and random commands', () => {
  it('given generated models, when compiled, then they are accepted (the generator writes valid models)', () => {
    fc.assert(
      fc.property(block, eventSubProcess, (body, esp) => {
        const compiled = compile(modelOf(body, esp));
        expect(compiled.ok, JSON.stringify(compiled.findings)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('given random command sequences, then decide never throws, replay equals the live state, tokens are neither duplicated nor lost, and every instance ends completed, cancelled or with an incident', () => {
    const outcomes: Record<string, number> = {};
    fc.assert(
      fc.property(block, eventSubProcess, fc.array(fc.nat({ max: 10_000 }), { maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (body, esp, choices, x) => {
        const compiled = compile(modelOf(body, esp));
        if (!compiled.ok) throw new Error(JSON.stringify(compiled.findings));
        const definition: Definition = compiled.definition;
        const h = new Harness(definition);
        const check = (harness: Harness) => {
          expect(replay(harness.events)).toEqual(harness.state);
          checkInvariants(harness.state);
        };
        expect(h.send({ type: 'CreateInstance', variables: { x } }).ok).toBe(true);
        check(h);
        let modified = false;
        for (const choice of choices) {
          const before = h.events.length;
          const command = commandFor(h, choice);
          const previous = h.state;
          const previousJson = canonical(toSnapshot(previous));
          const result = h.send(command);
          // Copy-on-write: deciding never changes the state it was given.
          expect(canonical(toSnapshot(previous)), 'decide left its input state unchanged').toBe(previousJson);
          for (const event of h.events.slice(before)) expect(EventSchema.safeParse(event).success, `${event.type} fits its schema`).toBe(true);
          if (result.ok && command.type === 'TerminateElement') modified = true;
          if (!result.ok) expect(h.events.length, 'a rejection emits nothing').toBe(before);
          check(h);
        }
        const emittedJson = canonical(h.events);
        drive(h, check);
        // Events are immutable: what was emitted earlier did not change later.
        expect(canonical(h.events.slice(0, JSON.parse(emittedJson).length))).toBe(emittedJson);
        const outcome = outcomeOf(h.state);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        // Withdrawing a token by modification may leave a join waiting for ever, as BPMN says.
        expect(modified ? ['completed', 'cancelled', 'incident', 'waiting'] : ['completed', 'cancelled', 'incident']).toContain(outcome);
        if (outcome === 'incident') {
          expect([...h.state.incidents.values()].every((i) => i.kind === 'unhandledError' || i.kind === 'noOutgoingFlow')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(outcomes.completed).toBeGreaterThan(50);
  });

  it('given a scope key and a gateway id, when joined into a join key, then the gateway id is the part after the last space', () => {
    const key = joinKey('scope with space', 'g1');
    expect(key.slice(key.lastIndexOf(' ') + 1)).toBe('g1');
  });
});
