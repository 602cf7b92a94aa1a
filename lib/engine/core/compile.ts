/**
 * `compile(model) → definition`: one executable process of a model, turned into the graph
 * `decide` runs (./definition.ts).
 *
 * Contract
 * - Pure; never throws. A model the engine cannot run gives `{ ok: false, findings }`, each
 *   finding naming the element (and saying why): everything validation rejects, and what the
 *   core itself cannot execute (see `coreFindings`).
 * - Expressions are classified, translated and parsed here, once; a bad one is a finding.
 */
import type { Finding } from '@/lib/bpmn/findings';
import type { BpmnModel, EventDefinition, Expression, FlowElement, JsonValue, Process } from '@/lib/bpmn/model';
import { isActivity } from '@/lib/bpmn/model';
import { validateForExecution } from '@/lib/bpmn/validate';
import { parseTimer, type TimerField } from '@/lib/bpmn/timers';
import {
  DEFAULT_LIMITS,
  type CompiledTimer,
  type Definition,
  type Flow,
  type JobSpec,
  type Limits,
  type Mapping,
  type MultiInstanceSpec,
  type Node,
  type ScopeInfo,
  type Trigger,
  type UserTaskSpec,
} from './definition';
import { compileExpression, type CompiledExpression, type CompileExpressionOptions } from './expressions';

export type CompileOptions = {
  /** The process to compile; defaults to the first executable process of the model. */
  processId?: string;
  limits?: Partial<Limits>;
  /**
   * The execution validation whose errors reject the model (default: lib/bpmn's
   * `validateForExecution`); only findings about the compiled process count.
   */
  validate?: (model: BpmnModel) => Finding[];
};

export type CompileResult =
  | { ok: true; definition: Definition; findings: Finding[] }
  | { ok: false; findings: Finding[] };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function compile(model: BpmnModel, options: CompileOptions = {}): CompileResult {
  const process = pickProcess(model, options.processId);
  if (process === undefined) {
    return {
      ok: false,
      findings: [
        error(
          'process.none-executable',
          options.processId === undefined
            ? 'the model has no executable process'
            : `the model has no process "${options.processId}"`,
        ),
      ],
    };
  }
  const compiler = new Compiler(model, process, { ...DEFAULT_LIMITS, ...options.limits });
  const validation = (options.validate ?? validateForExecution)(model).filter((f) => f.elementId === undefined || compiler.owns(f.elementId));
  const built = compiler.build();
  // Validation says it in the words the modeller sees; the core's own findings add only what
  // validation did not already report for that element.
  const reported = new Set(validation.filter((f) => f.severity === 'error').map((f) => f.elementId));
  const findings = dedupe([...validation, ...compiler.findings.filter((f) => !reported.has(f.elementId))]);
  if (findings.some((f) => f.severity === 'error') || built === undefined) return { ok: false, findings };
  return { ok: true, definition: built, findings };
}

function pickProcess(model: BpmnModel, processId: string | undefined): Process | undefined {
  if (processId !== undefined) return model.processes.find((p) => p.id === processId);
  return model.processes.find((p) => p.isExecutable);
}

function error(code: string, message: string, elementId?: string): Finding {
  return { level: 'execution', severity: 'error', code, message, ...(elementId === undefined ? {} : { elementId }) };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code} ${f.elementId ?? ''} ${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(element: { id: string; name?: string; type: string }): string {
  return element.name ? `${element.type} "${element.name}" (${element.id})` : `${element.type} ${element.id}`;
}

class Compiler {
  readonly findings: Finding[] = [];
  private readonly elements = new Map<string, FlowElement>();
  private readonly flowsBySource = new Map<string, Flow[]>();
  private readonly flowsByTarget = new Map<string, Flow[]>();
  private readonly flows: Record<string, Flow> = {};
  private readonly childrenOf = new Map<string, FlowElement[]>();

  constructor(
    private readonly model: BpmnModel,
    private readonly process: Process,
    private readonly limits: Limits,
  ) {
    const byId = new Map(model.elements.map((el) => [el.id, el]));
    const inProcess = (el: FlowElement): boolean => {
      let parentId = el.parentId;
      for (let depth = 0; depth < 100; depth++) {
        if (parentId === process.id) return true;
        const parent = byId.get(parentId);
        if (parent === undefined) return false;
        parentId = parent.parentId;
      }
      return false;
    };
    for (const el of model.elements) {
      if (!inProcess(el)) continue;
      this.elements.set(el.id, el);
      const siblings = this.childrenOf.get(el.parentId) ?? [];
      siblings.push(el);
      this.childrenOf.set(el.parentId, siblings);
    }
  }

  owns(elementId: string): boolean {
    return elementId === this.process.id || this.elements.has(elementId) || this.model.flows.some((f) => f.id === elementId && this.elements.has(f.sourceRef));
  }

  private fail(code: string, message: string, elementId?: string): void {
    this.findings.push(error(code, message, elementId));
  }

  private expr(text: string, owner: string, what: string, options: CompileExpressionOptions = {}): CompiledExpression | undefined {
    const compiled = compileExpression(text, options);
    if (!compiled.ok) {
      this.fail('expression.invalid', `${what} of ${owner} is not valid: ${compiled.reason}`, owner);
      return undefined;
    }
    return compiled.expression;
  }

  build(): Definition | undefined {
    // Flows of this process.
    for (const f of this.model.flows) {
      if (!this.elements.has(f.sourceRef) && !this.elements.has(f.targetRef)) continue;
      if (!this.elements.has(f.sourceRef) || !this.elements.has(f.targetRef)) {
        this.fail('flow.unknown-target', `sequence flow ${f.id} connects an element that is not in process ${this.process.id}`, f.id);
        continue;
      }
      const flow: Mutable<Flow> = { id: f.id, sourceId: f.sourceRef, targetId: f.targetRef };
      if (f.condition !== undefined && f.condition.body.trim() !== '') {
        const condition = this.condition(f.condition, f.id);
        if (condition !== undefined) flow.condition = condition;
      }
      this.flows[f.id] = flow;
      push(this.flowsBySource, f.sourceRef, flow);
      push(this.flowsByTarget, f.targetRef, flow);
    }

    // Compensation handlers: association from a compensation boundary event to the handler.
    const handlerOfBoundary = new Map<string, string>();
    for (const artifact of this.model.artifacts) {
      if (artifact.type !== 'association') continue;
      const source = this.elements.get(artifact.sourceRef);
      const target = this.elements.get(artifact.targetRef);
      if (source?.type === 'boundaryEvent' && target !== undefined && isActivity(target)) handlerOfBoundary.set(source.id, target.id);
      else if (target?.type === 'boundaryEvent' && source !== undefined && isActivity(source)) handlerOfBoundary.set(target.id, source.id);
    }

    const nodes: Record<string, Node> = {};
    const boundariesOf = new Map<string, string[]>();
    const handlerOfActivity = new Map<string, string>();
    for (const el of this.elements.values()) {
      if (el.type === 'boundaryEvent') {
        push(boundariesOf, el.attachedToRef, el.id);
        const isCompensation = el.eventDefinitions[0]?.kind === 'compensate';
        if (isCompensation) {
          const handler = handlerOfBoundary.get(el.id);
          if (handler === undefined) this.fail('compensation.no-handler', `${describe(el)} has no associated compensation activity`, el.id);
          else handlerOfActivity.set(el.attachedToRef, handler);
        }
        if (!this.elements.has(el.attachedToRef)) {
          this.fail('boundary.not-attached', `${describe(el)} is attached to ${el.attachedToRef}, which is not an activity of the process`, el.id);
        }
      }
    }

    for (const el of this.elements.values()) {
      const node = this.node(el, boundariesOf.get(el.id) ?? [], handlerOfActivity.get(el.id));
      if (node !== undefined) nodes[el.id] = node;
    }
    const rootScope = this.scopeInfo(this.process.id);
    const root: Node = {
      id: this.process.id,
      type: 'process',
      name: this.process.name,
      scopeId: null,
      incoming: [],
      outgoing: [],
      join: false,
      boundaryIds: [],
      trigger: { kind: 'none' },
      interrupting: false,
      inputs: [],
      outputs: [],
      forCompensation: false,
      containsCompensable: false,
      eventSubProcess: false,
      scope: rootScope,
    };

    // Scopes of sub-processes, and what contains compensable activities.
    for (const node of Object.values(nodes)) {
      if (node.type === 'subProcess' || node.type === 'transaction' || node.type === 'adHocSubProcess') {
        (node as Mutable<Node>).scope = this.scopeInfo(node.id);
      }
    }
    for (const node of Object.values(nodes)) {
      if (node.compensationHandlerId === undefined) continue;
      let parent = node.scopeId === null ? undefined : nodes[node.scopeId];
      while (parent !== undefined) {
        (parent as Mutable<Node>).containsCompensable = true;
        parent = parent.scopeId === null ? undefined : nodes[parent.scopeId];
      }
    }

    // Starts of the process.
    const starts = (this.childrenOf.get(this.process.id) ?? []).filter((el) => el.type === 'startEvent');
    const messageStartIds: string[] = [];
    const signalStartIds: string[] = [];
    const timerStartIds: string[] = [];
    let noneStartId: string | undefined;
    for (const start of starts) {
      const kind = nodes[start.id]?.trigger.kind;
      if (kind === 'none') noneStartId ??= start.id;
      else if (kind === 'message') messageStartIds.push(start.id);
      else if (kind === 'signal') signalStartIds.push(start.id);
      else if (kind === 'timer') timerStartIds.push(start.id);
    }
    if (starts.length === 0) this.fail('process.no-start-event', `process ${this.process.id} has no start event`, this.process.id);

    // Link throws need their catch in the same scope.
    for (const node of Object.values(nodes)) {
      if (node.type === 'intermediateThrowEvent' && node.trigger.kind === 'link') {
        const scope = node.scopeId === this.process.id ? rootScope : nodes[node.scopeId ?? '']?.scope;
        if (scope?.linkCatch[node.trigger.linkName] === undefined) {
          this.fail('link.no-catch', `${describe(node.element!)} throws link "${node.trigger.linkName}" but no link catch event of that name is in its scope`, node.id);
        }
      }
    }

    // Inclusive joins: which elements can still send a token, to which incoming flow.
    for (const node of Object.values(nodes)) {
      if (node.type !== 'inclusiveGateway' || !node.join) continue;
      const byFlow = this.upstreamOf(node, nodes, rootScope);
      const all = new Set<string>();
      for (const ids of Object.values(byFlow)) for (const id of ids) all.add(id);
      (node as Mutable<Node>).upstream = all;
      (node as Mutable<Node>).upstreamByFlow = byFlow;
    }

    if (this.findings.length > 0) return undefined;
    return {
      processId: this.process.id,
      name: this.process.name,
      root,
      nodes,
      flows: this.flows,
      noneStartId,
      messageStartIds,
      signalStartIds,
      timerStartIds,
      limits: this.limits,
    };
  }

  private condition(expression: Expression, owner: string): CompiledExpression | undefined {
    return this.expr(expression.body, owner, 'the condition', { bare: 'feel', language: expression.language });
  }

  private scopeInfo(scopeId: string): ScopeInfo {
    const children = this.childrenOf.get(scopeId) ?? [];
    const eventSubProcesses = children.filter((el) => el.type === 'subProcess' && el.triggeredByEvent);
    const eventStartIds: string[] = [];
    for (const esp of eventSubProcesses) {
      const espStarts = (this.childrenOf.get(esp.id) ?? []).filter((el) => el.type === 'startEvent');
      if (espStarts.length !== 1) {
        this.fail('sub-process.no-start-event', `event sub-process ${esp.id} must have exactly one start event`, esp.id);
      }
      for (const start of espStarts) eventStartIds.push(start.id);
    }
    const linkCatch: Record<string, string> = {};
    for (const el of children) {
      if (el.type === 'intermediateCatchEvent' && el.eventDefinitions[0]?.kind === 'link') {
        linkCatch[linkNameOf(el, el.eventDefinitions[0])] = el.id;
      }
    }
    const noneStart = children.find((el) => el.type === 'startEvent' && el.eventDefinitions.length === 0);
    return {
      noneStartId: noneStart?.id,
      eventSubProcessIds: eventSubProcesses.map((el) => el.id),
      eventStartIds,
      linkCatch,
      childIds: children.map((el) => el.id),
    };
  }

  private node(el: FlowElement, boundaryIds: string[], compensationHandlerId: string | undefined): Node | undefined {
    const before = this.findings.length;
    this.checkSupport(el);
    const incoming = this.flowsByTarget.get(el.id) ?? [];
    const outgoing = this.flowsBySource.get(el.id) ?? [];
    const defaultId = 'default' in el ? el.default : undefined;
    const defaultFlow = defaultId === undefined ? undefined : outgoing.find((f) => f.id === defaultId);
    const node: Mutable<Node> = {
      id: el.id,
      type: el.type,
      name: el.name,
      element: el,
      scopeId: el.parentId,
      incoming,
      outgoing,
      join: (el.type === 'parallelGateway' || el.type === 'inclusiveGateway') && incoming.length > 1,
      boundaryIds,
      trigger: { kind: 'none' },
      interrupting: true,
      inputs: [],
      outputs: [],
      forCompensation: 'isForCompensation' in el && el.isForCompensation === true,
      containsCompensable: false,
      eventSubProcess: el.type === 'subProcess' && el.triggeredByEvent,
    };
    if (defaultFlow !== undefined) node.defaultFlow = defaultFlow;
    if (compensationHandlerId !== undefined) node.compensationHandlerId = compensationHandlerId;

    if ('eventDefinitions' in el) {
      const definition = el.eventDefinitions[0];
      if (definition !== undefined) {
        const trigger = this.trigger(el, definition);
        if (trigger !== undefined) node.trigger = trigger;
      }
      if (el.type === 'boundaryEvent') {
        node.attachedTo = el.attachedToRef;
        node.interrupting = el.cancelActivity || definition?.kind === 'error';
      }
      if (el.type === 'startEvent') node.interrupting = el.isInterrupting;
    }
    if ('ioMapping' in el && el.ioMapping !== undefined) {
      node.inputs = this.mappings(el.ioMapping.inputs, el.id, 'an input mapping');
      node.outputs = this.mappings(el.ioMapping.outputs, el.id, 'an output mapping');
    }
    if ('loop' in el && el.loop?.kind === 'multiInstance') node.mi = this.multiInstance(el, el.loop);

    switch (el.type) {
      case 'scriptTask': {
        if (el.expression === undefined) {
          this.fail(
            'script.unsupported-format',
            `${describe(el)} has ${el.script !== undefined ? `a ${el.scriptFormat ?? 'non-FEEL'} script` : 'no expression'}: Baton runs FEEL script tasks (an expression and a result variable)`,
            el.id,
          );
          break;
        }
        const expression = this.expr(el.expression, el.id, 'the script expression', { bare: 'feel' });
        if (expression !== undefined) node.script = { expression, resultVariable: el.resultVariable };
        break;
      }
      case 'serviceTask':
      case 'sendTask':
      case 'businessRuleTask': {
        const job = jobSpecOf(el);
        if (job !== undefined) node.job = job;
        else if (el.type === 'sendTask' && el.messageRef !== undefined) {
          node.message = { messageName: this.messageName(el.messageRef, el.id) };
        } else {
          this.fail('task.no-implementation', `${describe(el)} has no job type, HTTP connector or agent settings`, el.id);
        }
        break;
      }
      case 'receiveTask': {
        if (el.messageRef === undefined) {
          this.fail('message.missing-ref', `${describe(el)} names no message`, el.id);
          break;
        }
        const correlationKey = el.correlationKey === undefined ? undefined : this.expr(el.correlationKey, el.id, 'the correlation key', { bare: 'feel' });
        node.message = { messageName: this.messageName(el.messageRef, el.id), ...(correlationKey ? { correlationKey } : {}) };
        break;
      }
      case 'userTask':
        node.userTask = this.userTask(el);
        break;
      case 'callActivity': {
        if (el.calledElement === undefined || el.calledElement.trim() === '') {
          this.fail('call-activity.no-called-element', `${describe(el)} names no process to call`, el.id);
          break;
        }
        const processId = this.expr(el.calledElement, el.id, 'the called element', { bare: 'literal' });
        if (processId !== undefined) {
          node.call = { processId, version: el.calledVersion, propagateAllChildVariables: el.propagateAllChildVariables ?? true };
        }
        break;
      }
      case 'adHocSubProcess': {
        const completionCondition =
          el.completionCondition === undefined ? undefined : this.expr(el.completionCondition, el.id, 'the completion condition', { bare: 'feel' });
        node.adHoc = { ...(completionCondition ? { completionCondition } : {}), cancelRemaining: el.cancelRemainingInstances ?? true };
        // An agent plans the sub-process: a job of type `agent` opens with it (ad-hoc-sub-process.ts).
        if (el.agent !== undefined) {
          const retry = el.job?.retry;
          node.job = {
            type: 'agent',
            retries: retry?.attempts ?? 3,
            settings: { agent: el.agent as unknown as JsonValue, ...(el.job?.timeout !== undefined ? { timeout: el.job.timeout } : {}), ...(retry !== undefined ? { retry } : {}) },
          };
        }
        break;
      }
      case 'exclusiveGateway':
      case 'inclusiveGateway': {
        if (outgoing.length === 0) this.fail('gateway.no-outgoing', `${describe(el)} has no outgoing flow`, el.id);
        break;
      }
      case 'subProcess':
      case 'transaction': {
        const starts = (this.childrenOf.get(el.id) ?? []).filter((child) => child.type === 'startEvent');
        if (!(el.type === 'subProcess' && el.triggeredByEvent) && !starts.some((s) => s.eventDefinitions.length === 0)) {
          this.fail('sub-process.no-start-event', `${describe(el)} has no none start event to begin with`, el.id);
        }
        break;
      }
      default:
        break;
    }
    return this.findings.length > before ? undefined : node;
  }

  /** What the core executes (validation reports the same in its own words; see lib/bpmn/support). */
  private checkSupport(el: FlowElement): void {
    const unsupported = (why: string) => this.fail('element.unsupported', `${describe(el)}: ${why}`, el.id);
    if (el.type === 'complexGateway') unsupported('complex gateways are not supported');
    if (el.type === 'transaction') unsupported('transaction sub-processes are not supported');
    if ('loop' in el && el.loop?.kind === 'standardLoop') unsupported('standard loops are not supported: use a sequential multi-instance');
    if (el.type === 'eventBasedGateway' && (el.instantiate || el.eventGatewayType === 'Parallel')) {
      unsupported('only exclusive, non-instantiating event-based gateways are supported');
    }
    if (!('eventDefinitions' in el)) return;
    if (el.eventDefinitions.length > 1) {
      unsupported('events with more than one event definition are not supported');
      return;
    }
    const kind = el.eventDefinitions[0]?.kind ?? 'none';
    const parent = this.elements.get(el.parentId);
    const allowed: Record<string, readonly string[]> = {
      startEvent:
        parent === undefined
          ? ['none', 'timer', 'message', 'signal']
          : parent.type === 'subProcess' && parent.triggeredByEvent
            ? ['timer', 'message', 'signal', 'error', 'escalation']
            : ['none'],
      intermediateCatchEvent: ['timer', 'message', 'signal', 'link'],
      intermediateThrowEvent: ['none', 'message', 'signal', 'escalation', 'compensate', 'link'],
      boundaryEvent: ['timer', 'message', 'signal', 'error', 'escalation', 'compensate'],
      endEvent: ['none', 'message', 'signal', 'error', 'escalation', 'compensate', 'terminate'],
    };
    if (!allowed[el.type].includes(kind)) unsupported(`${kind} ${el.type}s are not supported here`);
  }

  private trigger(el: FlowElement, definition: EventDefinition): Trigger | undefined {
    switch (definition.kind) {
      case 'message': {
        if (definition.messageRef === undefined) {
          this.fail('message.missing-ref', `${describe(el)} names no message`, el.id);
          return undefined;
        }
        const key = 'correlationKey' in el ? el.correlationKey : undefined;
        const correlationKey = key === undefined || key.trim() === '' ? undefined : this.expr(key, el.id, 'the correlation key', { bare: 'feel' });
        return { kind: 'message', messageName: this.messageName(definition.messageRef, el.id), ...(correlationKey ? { correlationKey } : {}) };
      }
      case 'timer': {
        const timer = this.timer(el, definition);
        return timer === undefined ? undefined : { kind: 'timer', timer };
      }
      case 'signal': {
        if (definition.signalRef === undefined) {
          this.fail('signal.missing-ref', `${describe(el)} names no signal`, el.id);
          return undefined;
        }
        const signal = this.model.globals.signals.find((s) => s.id === definition.signalRef);
        return { kind: 'signal', signalName: signal?.name ?? definition.signalRef };
      }
      case 'error': {
        if (definition.errorRef === undefined) {
          if (el.type === 'endEvent') this.fail('error.missing-ref', `${describe(el)} names no error to throw`, el.id);
          return { kind: 'error', code: null };
        }
        const found = this.model.globals.errors.find((e) => e.id === definition.errorRef);
        if (found === undefined) {
          this.fail('error.unknown-ref', `${describe(el)} names error ${definition.errorRef}, which does not exist`, el.id);
          return undefined;
        }
        const code = found.errorCode ?? found.name ?? found.id;
        return { kind: 'error', code: el.type === 'endEvent' || found.errorCode !== undefined ? code : null };
      }
      case 'escalation': {
        if (definition.escalationRef === undefined) {
          if (el.type === 'endEvent' || el.type === 'intermediateThrowEvent') {
            this.fail('escalation.missing-ref', `${describe(el)} names no escalation to throw`, el.id);
          }
          return { kind: 'escalation', code: null };
        }
        const found = this.model.globals.escalations.find((e) => e.id === definition.escalationRef);
        if (found === undefined) {
          this.fail('escalation.unknown-ref', `${describe(el)} names escalation ${definition.escalationRef}, which does not exist`, el.id);
          return undefined;
        }
        const isThrow = el.type === 'endEvent' || el.type === 'intermediateThrowEvent';
        return { kind: 'escalation', code: isThrow || found.escalationCode !== undefined ? (found.escalationCode ?? found.name ?? found.id) : null };
      }
      case 'compensate': {
        if (definition.activityRef !== undefined && !this.elements.has(definition.activityRef)) {
          this.fail('compensation.unknown-activity', `${describe(el)} compensates ${definition.activityRef}, which does not exist`, el.id);
          return undefined;
        }
        return {
          kind: 'compensate',
          ...(definition.activityRef !== undefined ? { activityId: definition.activityRef } : {}),
          waitForCompletion: definition.waitForCompletion ?? true,
        };
      }
      case 'link':
        return { kind: 'link', linkName: linkNameOf(el, definition) };
      case 'terminate':
        return { kind: 'terminate' };
      case 'conditional':
      case 'cancel':
        return undefined;
    }
  }

  private timer(el: FlowElement, definition: Extract<EventDefinition, { kind: 'timer' }>): CompiledTimer | undefined {
    const fields: [TimerField, Expression | undefined][] = [
      ['timeDate', definition.timeDate],
      ['timeDuration', definition.timeDuration],
      ['timeCycle', definition.timeCycle],
    ];
    const given = fields.filter(([, value]) => value !== undefined && value.body.trim() !== '');
    if (given.length !== 1) {
      this.fail(given.length === 0 ? 'timer.no-value' : 'timer.several-values', `${describe(el)} needs exactly one of a timer date, duration or cycle`, el.id);
      return undefined;
    }
    const [field, value] = given[0] as [TimerField, Expression];
    const parsed = parseTimer(field, value.body);
    if (!parsed.ok) {
      this.fail('timer.invalid', `${describe(el)}: ${parsed.reason}`, el.id);
      return undefined;
    }
    if (parsed.spec.kind === 'dynamic') {
      const expression = this.expr(parsed.spec.feel, el.id, 'the timer expression', { bare: 'feel' });
      return expression === undefined ? undefined : { field, spec: parsed.spec, expression };
    }
    return { field, spec: parsed.spec };
  }

  private messageName(messageRef: string, owner: string): CompiledExpression {
    const message = this.model.globals.messages.find((m) => m.id === messageRef);
    const name = message?.name ?? messageRef;
    return this.expr(name, owner, 'the message name', { bare: 'literal' }) ?? literal(name);
  }

  private mappings(list: readonly { source: string; target: string }[], owner: string, what: string): Mapping[] {
    const result: Mapping[] = [];
    for (const mapping of list) {
      const source = this.expr(mapping.source, owner, `${what} (${mapping.target})`, { bare: 'literal' });
      if (source !== undefined) result.push({ target: mapping.target, source });
    }
    return result;
  }

  private multiInstance(el: FlowElement, loop: NonNullable<Extract<FlowElement, { type: 'task' }>['loop']> & { kind: 'multiInstance' }): MultiInstanceSpec | undefined {
    const compileOptional = (text: string | undefined, what: string) =>
      text === undefined || text.trim() === '' ? undefined : this.expr(text, el.id, what, { bare: 'feel' });
    const collection = compileOptional(loop.collection, 'the multi-instance collection');
    const cardinality = compileOptional(loop.loopCardinality, 'the loop cardinality');
    if (collection === undefined && cardinality === undefined) {
      if (loop.collection === undefined && loop.loopCardinality === undefined) {
        this.fail('multi-instance.no-collection', `${describe(el)} is multi-instance without a collection or a cardinality`, el.id);
      }
      return undefined;
    }
    const spec: Mutable<MultiInstanceSpec> = { sequential: loop.isSequential };
    if (collection !== undefined) spec.collection = collection;
    if (cardinality !== undefined) spec.cardinality = cardinality;
    if (loop.elementVariable !== undefined) spec.elementVariable = loop.elementVariable;
    if (loop.outputCollection !== undefined) spec.outputCollection = loop.outputCollection;
    const outputElement = compileOptional(loop.outputElement, 'the output element');
    if (outputElement !== undefined) spec.outputElement = outputElement;
    const completionCondition = compileOptional(loop.completionCondition, 'the completion condition');
    if (completionCondition !== undefined) spec.completionCondition = completionCondition;
    return spec;
  }

  private userTask(el: Extract<FlowElement, { type: 'userTask' }>): UserTaskSpec {
    const a = el.assignment;
    const value = (text: string | undefined, what: string) =>
      text === undefined || text.trim() === '' ? undefined : this.expr(text, el.id, what, { bare: 'literal' });
    const spec: Mutable<UserTaskSpec> = {
      candidateGroups: (a?.candidateGroups ?? []).flatMap((g) => value(g, 'a candidate group') ?? []),
      candidateUsers: (a?.candidateUsers ?? []).flatMap((u) => value(u, 'a candidate user') ?? []),
    };
    const assignee = value(a?.assignee, 'the assignee');
    if (assignee) spec.assignee = assignee;
    const dueDate = value(a?.dueDate, 'the due date');
    if (dueDate) spec.dueDate = dueDate;
    const followUpDate = value(a?.followUpDate, 'the follow-up date');
    if (followUpDate) spec.followUpDate = followUpDate;
    const priority = value(a?.priority, 'the priority');
    if (priority) spec.priority = priority;
    if (el.form !== undefined) spec.form = { formKey: el.form.formKey, fields: el.form.fields };
    if (el.visibleVariables !== undefined) spec.visibleVariables = el.visibleVariables;
    if (el.fourEyes !== undefined) spec.fourEyes = el.fourEyes;
    if (el.escalationPolicy !== undefined && el.escalationPolicy.steps.length > 0) spec.escalation = el.escalationPolicy.steps;
    return spec;
  }

  /**
   * For each incoming flow of the gateway, the elements of its scope from which a token can
   * reach that flow without passing the gateway: backwards over sequence flows, from boundary
   * events to their hosts, from link catches to their throws.
   */
  private upstreamOf(gateway: Node, nodes: Record<string, Node>, rootScope: ScopeInfo): Record<string, ReadonlySet<string>> {
    const linkThrowsByCatch = new Map<string, string[]>();
    for (const node of Object.values(nodes)) {
      if (node.type === 'intermediateThrowEvent' && node.trigger.kind === 'link' && node.scopeId === gateway.scopeId) {
        const scope = node.scopeId === this.process.id ? undefined : nodes[node.scopeId ?? ''];
        const catchId = (scope?.scope ?? rootScope).linkCatch[node.trigger.linkName];
        if (catchId !== undefined) push(linkThrowsByCatch, catchId, node.id);
      }
    }
    const byFlow: Record<string, ReadonlySet<string>> = {};
    for (const flow of gateway.incoming) {
      const seen = new Set<string>();
      const queue = [flow.sourceId];
      while (queue.length > 0) {
        const id = queue.pop() as string;
        if (id === gateway.id || seen.has(id)) continue;
        seen.add(id);
        const node = nodes[id];
        if (node === undefined) continue;
        for (const f of node.incoming) queue.push(f.sourceId);
        if (node.attachedTo !== undefined) queue.push(node.attachedTo);
        for (const throwId of linkThrowsByCatch.get(id) ?? []) queue.push(throwId);
      }
      byFlow[flow.id] = seen;
    }
    return byFlow;
  }
}

function jobSpecOf(el: Extract<FlowElement, { type: 'serviceTask' | 'sendTask' | 'businessRuleTask' }>): JobSpec | undefined {
  const retry = el.job?.retry;
  const settings: Mutable<JobSpec['settings']> = {};
  if (el.job?.timeout !== undefined) settings.timeout = el.job.timeout;
  if (retry !== undefined) settings.retry = retry;
  let type: string | undefined;
  if (el.agent !== undefined) {
    type = 'agent';
    settings.agent = el.agent as unknown as JsonValue;
  } else if (el.job !== undefined) {
    type = el.job.type;
  } else if (el.http !== undefined) {
    type = 'http';
  }
  if (el.http !== undefined) settings.http = el.http as unknown as JsonValue;
  if (type === undefined) return undefined;
  return { type, retries: retry?.attempts ?? 3, settings };
}

function linkNameOf(el: FlowElement, definition: EventDefinition): string {
  return (definition.kind === 'link' ? definition.linkName : undefined) ?? el.name ?? el.id;
}

function literal(text: string): CompiledExpression {
  return { source: text, feel: JSON.stringify(text), literal: true, evaluate: () => ({ ok: true, value: text }) };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
