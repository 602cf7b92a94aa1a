/**
 * Variables: scopes, lookup, propagation and the size limit.
 *
 * Contract
 * - Scopes are element instances: the process (the instance key), sub-processes, multi-instance
 *   bodies and inner instances, and any element with input mappings. A lookup sees its own
 *   scope and every enclosing one; the inner one wins.
 * - Setting a variable without `local` updates the nearest scope that already has it, else the
 *   process scope (Zeebe's propagation). Input mappings set local variables; output mappings
 *   and task results propagate from the element's enclosing scope.
 * - Values are JSON only. `checkVariables` measures a document against the limits and names
 *   the offending variable; callers turn its answer into a rejection or an incident.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import type { Limits } from './definition';
import type { Variables } from './events';
import type { InstanceState } from './state';

type Vars = Readonly<Record<string, JsonValue>>;
const NONE: Vars = Object.freeze({});

/** The variables visible from an element instance (its own scope included). Do not mutate. */
export function visibleVariables(state: InstanceState, key: string): Vars {
  let single: Vars | undefined;
  let chain: Vars[] | undefined;
  for (let k: string | null = key; k !== null; k = state.elements.get(k)?.scopeKey ?? null) {
    const vars = state.variables.get(k);
    if (vars === undefined) continue;
    if (single === undefined) single = vars;
    else (chain ??= [single]).push(vars);
  }
  if (chain === undefined) return single ?? NONE;
  const merged: Record<string, JsonValue> = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(merged, chain[i]);
  return merged;
}

/**
 * Splits a document by the scope each variable lands in when set from `scopeKey` with
 * propagation: the nearest scope (from `scopeKey` outwards) that has it, else the root.
 */
export function propagate(state: InstanceState, scopeKey: string, variables: Variables): [string, Variables][] {
  const targets = new Map<string, Record<string, JsonValue>>();
  for (const name in variables) {
    let target: string | null = null;
    let root = scopeKey;
    for (let k: string | null = scopeKey; k !== null; k = state.elements.get(k)?.scopeKey ?? null) {
      root = k;
      const vars = state.variables.get(k);
      if (vars !== undefined && name in vars) {
        target = k;
        break;
      }
    }
    const key = target ?? root;
    let doc = targets.get(key);
    if (doc === undefined) targets.set(key, (doc = {}));
    doc[name] = variables[name];
  }
  return [...targets];
}

export type VariablesProblem = { code: 'INVALID_VARIABLES' | 'VARIABLES_TOO_LARGE'; message: string };

/** Checks that a document is JSON and within the limits; null when it is fine. */
export function checkVariables(variables: unknown, limits: Limits): VariablesProblem | null {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    return { code: 'INVALID_VARIABLES', message: 'variables must be a JSON object of name → value' };
  }
  let total = 2;
  for (const name in variables) {
    if (name === '') return { code: 'INVALID_VARIABLES', message: 'a variable name is empty' };
    const size = jsonSize((variables as Record<string, unknown>)[name], limits.maxVariableBytes);
    if (size === NOT_JSON) {
      return { code: 'INVALID_VARIABLES', message: `variable "${name}" is not a JSON value (only strings, finite numbers, booleans, null, arrays and objects)` };
    }
    if (size > limits.maxVariableBytes) {
      return {
        code: 'VARIABLES_TOO_LARGE',
        message: `variable "${name}" is larger than the limit of ${limits.maxVariableBytes} bytes of JSON`,
      };
    }
    total += name.length + 3 + size;
    if (total > limits.maxDocumentBytes) {
      return {
        code: 'VARIABLES_TOO_LARGE',
        message: `the variables set at once are larger than the limit of ${limits.maxDocumentBytes} bytes of JSON (at "${name}")`,
      };
    }
  }
  return null;
}

const NOT_JSON = -1;

/** Approximate JSON size of a value (strings counted without escapes), or NOT_JSON; stops early above `budget`. */
function jsonSize(value: unknown, budget: number): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isFinite(value) ? 8 : NOT_JSON;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      let size = 2;
      if (Array.isArray(value)) {
        for (const item of value) {
          const itemSize = jsonSize(item, budget - size);
          if (itemSize === NOT_JSON) return NOT_JSON;
          size += itemSize + 1;
          if (size > budget) return size;
        }
        return size;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return NOT_JSON;
      for (const key in value as Record<string, unknown>) {
        const itemSize = jsonSize((value as Record<string, unknown>)[key], budget - size);
        if (itemSize === NOT_JSON) return NOT_JSON;
        size += key.length + 4 + itemSize;
        if (size > budget) return size;
      }
      return size;
    }
    default:
      return NOT_JSON;
  }
}

export { NONE as NO_VARIABLES };
