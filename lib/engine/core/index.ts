/**
 * Baton's engine core: BPMN 2.0 execution semantics as a pure, event-sourced state machine.
 *
 *   compile(model) → definition
 *   decide(definition, state, command, ctx) → events (and the state after them)
 *   evolve(state, event) → state
 *   replay(events) / stateAt(events, n) / checkDeterminism(definition, recording)
 *
 * No I/O, no clock, no randomness: the runtime (lib/engine/runtime) loads, decides, appends
 * the events and writes the work they ask for in one transaction.
 */
export { compile, type CompileOptions, type CompileResult } from './compile';
export { decide, type DecideContext, type DecideResult } from './decide';
export { evolve } from './evolve';
export { replay, stateAt, checkDeterminism, canonical, type RecordedCommand, type Divergence } from './replay';
export { EMPTY_STATE, isEnded, outcomeOf, toSnapshot, fromSnapshot, type StateSnapshot } from './state';
export type { InstanceState, ElementInstance, JobState, TimerState, UserTaskState, SubscriptionState, IncidentState } from './state';
export { EventSchema, upgradeEvent, type Event, type EventType, type EventOf } from './events';
export { CommandSchema, REJECTION_CODES, type Command, type CommandType, type Rejection, type RejectionCode } from './commands';
export type { Definition, Node, Flow } from './definition';
export { DEFAULT_LIMITS, type Limits } from './definition';
export { nextRetryDelayMs, jobIdempotencyKey } from './retry';
export { invariantViolations } from './invariants';
export { Harness, type HarnessOptions } from './harness';
export { startTimersOf, type StartTimer } from './start-timers';
