/**
 * The executable definition: one process of a model, compiled by `compile` (./compile.ts)
 * into nodes with everything `decide` needs precomputed — flows by source and target,
 * boundary events by host, scopes with their start events and event sub-processes,
 * compensation handlers, link targets, and expressions parsed once.
 *
 * Contract
 * - Read-only after compile; `decide` never changes it, so one definition serves every
 *   instance of a version.
 * - Only what validation and the core accept is here: behaviours may rely on it (a throw link
 *   has its catch, a throw error has a code, a job task has a type).
 */
import type { FlowElement, FlowElementType, JsonValue } from '@/lib/bpmn/model';
import type { TimerField, TimerSpec } from '@/lib/bpmn/timers';
import type { CompiledExpression } from './expressions';

export type Flow = {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: CompiledExpression;
};

export type CompiledTimer = {
  readonly field: TimerField;
  /** A static spec, or `dynamic` whose FEEL is `expression`, evaluated when the timer starts. */
  readonly spec: TimerSpec;
  readonly expression?: CompiledExpression;
};

/** What an event waits for or throws. */
export type Trigger =
  | { readonly kind: 'none' }
  | { readonly kind: 'message'; readonly messageName: CompiledExpression; readonly correlationKey?: CompiledExpression }
  | { readonly kind: 'timer'; readonly timer: CompiledTimer }
  | { readonly kind: 'signal'; readonly signalName: string }
  /** `code` null: a catch that takes every error. */
  | { readonly kind: 'error'; readonly code: string | null }
  | { readonly kind: 'escalation'; readonly code: string | null }
  | { readonly kind: 'compensate'; readonly activityId?: string; readonly waitForCompletion: boolean }
  | { readonly kind: 'link'; readonly linkName: string }
  | { readonly kind: 'terminate' };

export type Mapping = { readonly target: string; readonly source: CompiledExpression };

export type MultiInstanceSpec = {
  readonly sequential: boolean;
  readonly collection?: CompiledExpression;
  readonly cardinality?: CompiledExpression;
  readonly elementVariable?: string;
  readonly outputCollection?: string;
  readonly outputElement?: CompiledExpression;
  readonly completionCondition?: CompiledExpression;
};

export type JobSpec = {
  readonly type: string;
  readonly retries: number;
  readonly settings: {
    readonly timeout?: string;
    readonly retry?: { attempts: number; initialBackoff: string; factor: number; maxBackoff?: string; jitter: number };
    readonly http?: JsonValue;
    readonly agent?: JsonValue;
  };
};

export type UserTaskSpec = {
  readonly assignee?: CompiledExpression;
  readonly candidateGroups: readonly CompiledExpression[];
  readonly candidateUsers: readonly CompiledExpression[];
  readonly dueDate?: CompiledExpression;
  readonly followUpDate?: CompiledExpression;
  readonly priority?: CompiledExpression;
  readonly form?: { readonly formKey?: string; readonly fields: readonly JsonValue[] };
  readonly visibleVariables?: readonly string[];
  readonly fourEyes?: { readonly notStarter: boolean; readonly notCompleterOf: readonly string[] };
  /** Escalation steps in model order (elements/user-task-escalation.ts). */
  readonly escalation?: readonly EscalationStepSpec[];
};

export type EscalationStepSpec = {
  /** ISO 8601 duration after the task was created. */
  readonly after: string;
  readonly action: 'remind' | 'reassign' | 'raisePriority';
  readonly group?: string;
  readonly priority?: number;
};

export type ScopeInfo = {
  /** The none start event a scope begins with (process, embedded sub-process, ad-hoc: none). */
  readonly noneStartId?: string;
  /** Event sub-processes directly in this scope. */
  readonly eventSubProcessIds: readonly string[];
  /** Start events of those event sub-processes, in model order. */
  readonly eventStartIds: readonly string[];
  /** Link catch events of the scope by link name. */
  readonly linkCatch: Readonly<Record<string, string>>;
  /** Direct children. */
  readonly childIds: readonly string[];
};

export type NodeType = FlowElementType | 'process';

export type Node = {
  readonly id: string;
  readonly type: NodeType;
  readonly name?: string;
  /** The model element (absent for the process itself). */
  readonly element?: FlowElement;
  /** The enclosing process or sub-process; null for the process. */
  readonly scopeId: string | null;
  readonly incoming: readonly Flow[];
  readonly outgoing: readonly Flow[];
  readonly defaultFlow?: Flow;
  /** A parallel or inclusive gateway with more than one incoming flow: tokens wait there. */
  readonly join: boolean;
  /** Boundary events attached to this activity. */
  readonly boundaryIds: readonly string[];
  /** Boundary events: the host activity. */
  readonly attachedTo?: string;
  readonly trigger: Trigger;
  /** Boundary events and event sub-process starts: whether they interrupt. */
  readonly interrupting: boolean;
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
  readonly mi?: MultiInstanceSpec;
  /** The activity that compensates this one (via a compensation boundary event). */
  readonly compensationHandlerId?: string;
  /** The activity is a compensation handler: it runs only when compensation is thrown. */
  readonly forCompensation: boolean;
  /** Sub-processes that contain compensable activities (directly or deeper). */
  readonly containsCompensable: boolean;
  /** Event sub-process (`triggeredByEvent`). */
  readonly eventSubProcess: boolean;
  readonly scope?: ScopeInfo;
  /** Inclusive joins: elements of the scope from which a token can still reach this gateway. */
  readonly upstream?: ReadonlySet<string>;
  /** Inclusive joins: per incoming flow id, the elements of the scope from which a token can reach that flow. */
  readonly upstreamByFlow?: Readonly<Record<string, ReadonlySet<string>>>;
  readonly script?: { readonly expression: CompiledExpression; readonly resultVariable?: string };
  readonly job?: JobSpec;
  readonly userTask?: UserTaskSpec;
  readonly call?: {
    readonly processId: CompiledExpression;
    readonly version: 'latest' | number;
    readonly propagateAllChildVariables: boolean;
  };
  readonly adHoc?: { readonly completionCondition?: CompiledExpression; readonly cancelRemaining: boolean };
  /** Receive and send tasks: their message. */
  readonly message?: { readonly messageName: CompiledExpression; readonly correlationKey?: CompiledExpression };
};

export type Limits = {
  /** Largest serialized size of one variable value, in bytes (UTF-16 code units of its JSON). */
  readonly maxVariableBytes: number;
  /** Largest serialized size of all variables a command or a step sets at once. */
  readonly maxDocumentBytes: number;
  /** Synchronous steps one decide may take before it stops with an incident (a loop without wait). */
  readonly maxStepsPerDecide: number;
};

export const DEFAULT_LIMITS: Limits = {
  maxVariableBytes: 256 * 1024,
  maxDocumentBytes: 1024 * 1024,
  maxStepsPerDecide: 10_000,
};

export type Definition = {
  readonly processId: string;
  readonly name?: string;
  readonly root: Node;
  readonly nodes: Readonly<Record<string, Node>>;
  readonly flows: Readonly<Record<string, Flow>>;
  readonly noneStartId?: string;
  /** Process-level start events by trigger. */
  readonly messageStartIds: readonly string[];
  readonly signalStartIds: readonly string[];
  readonly timerStartIds: readonly string[];
  readonly limits: Limits;
};
