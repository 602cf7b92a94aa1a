/**
 * The one small interface every element family implements (./registry.ts maps types to them).
 *
 * Contract
 * - `activate` runs after ElementActivated, the input mappings and the boundary events: it
 *   starts the element's work (a job, a user task, a subscription...) or completes the element
 *   at once (`completeElement` in ../tokens.ts).
 * - `childrenDone` (scopes): the last child ended and no token waits in the scope.
 * - `settle` (scopes that decide for themselves, e.g. ad-hoc): called whenever a child ended
 *   without passing its token on; replaces `childrenDone`.
 * - `terminate`: the instance is being terminated; withdraw the work it asked for. Timers,
 *   subscriptions and incidents it owns are closed by ../tokens.ts.
 */
import type { Node } from '../definition';
import type { Execution } from '../execution';
import type { ElementInstance } from '../state';

export type Behavior = {
  activate(x: Execution, instance: ElementInstance, node: Node): void;
  childrenDone?(x: Execution, instance: ElementInstance, node: Node): void;
  settle?(x: Execution, instance: ElementInstance, node: Node): void;
  terminate?(x: Execution, instance: ElementInstance, node: Node): void;
};
