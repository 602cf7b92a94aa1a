/**
 * The token invariants of an instance state, as a list of violations (empty when it is sound).
 * Checked by the property tests and the corpus runner after every command; cheap enough for
 * a runtime to check a snapshot it loads.
 *
 * - Every token is counted exactly once: a scope's `children` equals its active child
 *   instances, its `flows` equals the tokens waiting at its joins.
 * - Nothing is open for an element that is gone (jobs, user tasks, timers, subscriptions,
 *   incidents, calls all belong to active element instances).
 * - Nothing is stuck: every active element waits for something (its own job, task, timer,
 *   subscription, call, incident, running compensation), and every active scope holds a token.
 * - An ended instance has nothing active or open.
 */
import type { InstanceState } from './state';

const SCOPE_TYPES = new Set(['process', 'subProcess', 'transaction', 'multiInstanceBody', 'adHocSubProcess']);

export function invariantViolations(state: InstanceState): string[] {
  const problems: string[] = [];
  const children = new Map<string, number>();
  for (const instance of state.elements.values()) {
    if (instance.scopeKey === null) continue;
    if (!state.elements.has(instance.scopeKey)) problems.push(`${instance.elementId} (${instance.key}) is in scope ${instance.scopeKey}, which is not active`);
    children.set(instance.scopeKey, (children.get(instance.scopeKey) ?? 0) + 1);
  }
  const waitingAtJoins = new Map<string, number>();
  for (const [key, tokens] of state.joins) {
    const scopeKey = key.slice(0, key.lastIndexOf(' '));
    if (!state.elements.has(scopeKey)) problems.push(`tokens wait at join ${key} of a scope that is not active`);
    let count = 0;
    for (const flowId in tokens) count += tokens[flowId];
    waitingAtJoins.set(scopeKey, (waitingAtJoins.get(scopeKey) ?? 0) + count);
  }
  for (const instance of state.elements.values()) {
    const actual = children.get(instance.key) ?? 0;
    if (instance.children !== actual) problems.push(`${instance.elementId} (${instance.key}) counts ${instance.children} children but has ${actual}`);
    const waiting = waitingAtJoins.get(instance.key) ?? 0;
    if (instance.flows !== waiting) problems.push(`${instance.elementId} (${instance.key}) counts ${instance.flows} taken flows but ${waiting} tokens wait at its joins`);
  }
  const owners = new Set<string>();
  const owned = (what: string, key: string, owner: string) => {
    owners.add(owner);
    if (!state.elements.has(owner)) problems.push(`${what} ${key} belongs to ${owner}, which is not active`);
  };
  for (const job of state.jobs.values()) owned('job', job.jobKey, job.elementInstanceKey);
  for (const task of state.userTasks.values()) owned('user task', task.taskKey, task.elementInstanceKey);
  for (const timer of state.timers.values()) owned('timer', timer.timerKey, timer.elementInstanceKey);
  for (const subscription of state.subscriptions.values()) owned('subscription', subscription.subscriptionKey, subscription.elementInstanceKey);
  for (const incident of state.incidents.values()) owned('incident', incident.incidentKey, incident.elementInstanceKey);
  for (const call of state.calls.values()) owned('call', call.callKey, call.elementInstanceKey);

  if (state.status !== 'active') {
    const open = state.elements.size + state.jobs.size + state.userTasks.size + state.timers.size + state.subscriptions.size + state.calls.size;
    if (open > 0) problems.push(`the instance is ${state.status} but ${open} elements or work items are still open`);
    return problems;
  }
  for (const instance of state.elements.values()) {
    if (owners.has(instance.key) || state.compensations.has(instance.key)) continue;
    if (SCOPE_TYPES.has(instance.elementType)) {
      if (instance.elementType === 'adHocSubProcess') continue;
      if (instance.children + instance.flows === 0) problems.push(`scope ${instance.elementId} (${instance.key}) is active without any token`);
      continue;
    }
    problems.push(`${instance.elementId} (${instance.elementType}, ${instance.key}) is active but waits for nothing`);
  }
  return problems;
}
