/**
 * One run of `decide`: the working state, the events emitted so far, and the agenda of
 * synchronous steps still to take.
 *
 * Contract
 * - `emit` applies each event to the working state through `evolve` at once, so every later
 *   step sees the earlier ones; the events are what `decide` returns.
 * - Time and ids come from `ctx` only. Nothing here throws for a modelling or data problem:
 *   those become incidents.
 * - The agenda is FIFO. Work items reference element ids and instance keys, never objects, and
 *   are re-checked against the state when they run (an earlier step may have ended a scope).
 */
import type { JsonValue } from '@/lib/bpmn/model';
import type { Definition, Node } from './definition';
import type { Event, EventInput, IncidentKind, Variables } from './events';
import { apply, Draft } from './evolve';
import type { CompiledExpression, Evaluation } from './expressions';
import type { ElementInstance, InstanceState } from './state';
import { checkVariables, propagate, visibleVariables } from './variables';

export type DecideContext = {
  /** The current time (a Date or epoch milliseconds). */
  now: Date | number;
  /** A fresh, unique key for an element instance, job, timer, task, subscription, incident... */
  newId: () => string;
};

export type Work =
  /** A token enters an element (after a flow, or by modification). */
  | { op: 'enter'; elementId: string; scopeKey: string; flowId?: string }
  /** An element ended in this scope without passing its token on: maybe the scope is done. */
  | { op: 'settle'; scopeKey: string };

export class Execution {
  private readonly draft: Draft;
  readonly events: Event[] = [];
  readonly at: string;
  readonly now: number;
  private readonly queue: Work[] = [];
  private head = 0;
  steps = 0;

  constructor(
    readonly definition: Definition,
    state: InstanceState,
    private readonly ctx: DecideContext,
  ) {
    this.draft = new Draft(state);
    this.now = typeof ctx.now === 'number' ? ctx.now : ctx.now.getTime();
    this.at = new Date(this.now).toISOString();
  }

  /** The working state: the state passed in plus every event emitted so far. */
  get state(): InstanceState {
    return this.draft.state;
  }

  newKey(): string {
    return this.ctx.newId();
  }

  /** Appends an event (stamping `v` and `at`) and applies it to the working state (`apply`, as `evolve` does). */
  emit(input: EventInput): void {
    const event = input as unknown as Event;
    (event as { v: 1 }).v = 1;
    (event as { at: string }).at = this.at;
    apply(this.draft, event);
    this.events.push(event);
  }

  schedule(work: Work): void {
    this.queue.push(work);
  }

  nextWork(): Work | undefined {
    if (this.head >= this.queue.length) return undefined;
    const work = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return work;
  }

  /** Work not yet done (used when a decide must stop early). */
  drainPending(): Work[] {
    const rest = this.queue.slice(this.head);
    this.queue.length = 0;
    this.head = 0;
    return rest;
  }

  node(elementId: string): Node {
    return elementId === this.definition.processId ? this.definition.root : this.definition.nodes[elementId];
  }

  nodeOf(instance: ElementInstance): Node {
    return this.node(instance.elementId);
  }

  instance(key: string): ElementInstance | undefined {
    return this.state.elements.get(key);
  }

  get rootKey(): string {
    return this.state.instanceKey as string;
  }

  // -------------------------------------------------------------------------------------
  // Variables

  /** The variables visible from an element instance. Shared with the state: never put it in an event (see `variablesCopy`). */
  variablesAt(key: string): Readonly<Record<string, JsonValue>> {
    return visibleVariables(this.state, key);
  }

  /** A copy of the visible variables, for an event (events must not share objects the draft may still change). */
  variablesCopy(key: string): Record<string, JsonValue> {
    return { ...visibleVariables(this.state, key) };
  }

  evaluate(expression: CompiledExpression, key: string, extra?: Readonly<Record<string, JsonValue>>): Evaluation {
    if (expression.literal) return expression.evaluate({});
    const variables = this.variablesAt(key);
    return expression.evaluate(extra === undefined ? variables : { ...variables, ...extra });
  }

  /** Sets variables in the scope `scopeKey` and outwards (nearest scope having each, else root). */
  setVariables(scopeKey: string, variables: Variables, cause?: string): void {
    let any = false;
    for (const _ in variables) {
      any = true;
      break;
    }
    if (!any) return;
    for (const [target, doc] of propagate(this.state, scopeKey, variables)) {
      this.emit(
        cause === undefined
          ? { type: 'VariablesSet', scopeKey: target, variables: doc }
          : { type: 'VariablesSet', scopeKey: target, variables: doc, elementInstanceKey: cause },
      );
    }
  }

  setLocal(scopeKey: string, variables: Variables): void {
    for (const _ in variables) {
      this.emit({ type: 'VariablesSet', scopeKey, variables });
      return;
    }
  }

  /** A problem with a document of variables a step produced (JSON, size), or null. */
  variablesProblem(variables: Variables): string | null {
    const problem = checkVariables(variables, this.definition.limits);
    return problem === null ? null : problem.message;
  }

  // -------------------------------------------------------------------------------------
  // Incidents

  raiseIncident(
    instance: ElementInstance,
    kind: IncidentKind,
    message: string,
    retry: 'job' | 'activate' | 'complete',
    jobKey?: string,
  ): void {
    this.emit({
      type: 'IncidentRaised',
      incidentKey: this.newKey(),
      elementInstanceKey: instance.key,
      elementId: instance.elementId,
      kind,
      message,
      retry,
      ...(jobKey === undefined ? {} : { jobKey }),
    });
  }
}
