/**
 * Script tasks: a FEEL expression, evaluated in the task's scope; the result goes into the
 * result variable (propagated like a job result). A failure to evaluate, or a result over the
 * size limit, is an incident on the task; resolving it evaluates again.
 */
import { applyResult, completeElement } from '../tokens';
import type { Behavior } from './types';

export const scriptTask: Behavior = {
  activate(x, instance, node) {
    const script = node.script;
    if (script === undefined) {
      completeElement(x, instance.key);
      return;
    }
    const result = x.evaluate(script.expression, instance.key);
    if (!result.ok) {
      x.raiseIncident(instance, 'expression', `the script of ${node.id} failed: ${result.reason}`, 'activate');
      return;
    }
    if (script.resultVariable !== undefined) {
      const variables = { [script.resultVariable]: result.value };
      const problem = x.variablesProblem(variables);
      if (problem !== null) {
        x.raiseIncident(instance, 'variables', `the result of ${node.id}: ${problem}`, 'activate');
        return;
      }
      applyResult(x, instance.key, node, variables);
    }
    completeElement(x, instance.key);
  },
};
