/**
 * An agent planning an ad-hoc sub-process: the sub-process's inner activities are its tools.
 *
 * Contract
 * - `adHocToolsOf` gives one tool per inner activity (not events or gateways), named by the
 *   element id, described by its name and documentation; its arguments become local variables
 *   of the sub-process when the activity is activated.
 * - `runAdHocActivity` activates the activity with ActivateAdHocElements — the engine runs it
 *   as a normal BPMN activity (its own jobs, retries, incidents, user tasks) — and waits until
 *   that activation ends (completed or terminated), answering the sub-process's variables then.
 *   When the sub-process ended meanwhile (its completion condition), the wait stops with that.
 */
import { BpmnModelSchema, type BpmnModel, type FlowElement, type JsonValue } from '@/lib/bpmn/model';
import type { ToolDefinition } from '@/lib/agents/tool-definition';
import type { ToolRunResult } from '@/lib/agents/run-agent';
import { executeCommands } from '../execute-command';
import { listInstanceEvents } from '../list-instance-events';
import type { RuntimeContext } from '../runtime-context';

export const AD_HOC_TOOL_PREFIX = 'adhoc:';

const NOT_ACTIVITIES = new Set(['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'exclusiveGateway', 'inclusiveGateway', 'complexGateway', 'parallelGateway', 'eventBasedGateway']);

/** The element `elementId` of the version's model when it is an ad-hoc sub-process with an agent, with its model. */
export async function adHocOf(rt: RuntimeContext, instanceId: string, elementId: string): Promise<{ model: BpmnModel; element: FlowElement } | undefined> {
  const row = await rt.db.processInstance.findUnique({ where: { id: instanceId }, select: { version: { select: { modelJson: true } } } });
  if (row === null) return undefined;
  const parsed = BpmnModelSchema.safeParse(JSON.parse(row.version.modelJson));
  if (!parsed.success) return undefined;
  const element = parsed.data.elements.find((e) => e.id === elementId);
  return element?.type === 'adHocSubProcess' ? { model: parsed.data, element } : undefined;
}

export function adHocToolsOf(model: BpmnModel, adHocId: string): ToolDefinition[] {
  return model.elements
    .filter((e) => e.parentId === adHocId && !NOT_ACTIVITIES.has(e.type) && !('triggeredByEvent' in e && e.triggeredByEvent === true))
    .map((e) => {
      const doc = 'documentation' in e && typeof e.documentation === 'string' && e.documentation !== '' ? ` — ${e.documentation}` : '';
      return {
        id: e.id,
        name: e.id,
        description: `Activity "${e.name ?? e.id}" of the sub-process (${e.type})${doc}. Arguments become variables of the sub-process.`,
        inputSchema: { type: 'object', properties: {} },
        implementation: { kind: 'process', processKey: `${AD_HOC_TOOL_PREFIX}${e.id}` },
        guardrails: { allowedRoles: [], needsApproval: false, approverGroups: [] },
        enabled: true,
      };
    });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))), { once: true });
  });
}

export async function runAdHocActivity(options: {
  rt: RuntimeContext;
  instanceId: string;
  adHocInstanceKey: string;
  jobKey: string;
  activityId: string;
  input: Record<string, JsonValue>;
  actor: string;
  signal: AbortSignal;
  pollMs: number;
}): Promise<ToolRunResult> {
  const { rt, instanceId } = options;
  const [result] = await executeCommands(rt, [
    {
      instanceId,
      command: { type: 'ActivateAdHocElements', elementInstanceKey: options.adHocInstanceKey, elementIds: [options.activityId], ...(Object.keys(options.input).length > 0 ? { variables: options.input } : {}) },
      actor: options.actor,
    },
  ]);
  if (!result.ok) return { ok: false, error: `${options.activityId} could not be activated: ${result.message}` };
  const activated = result.events.find((e) => e.type === 'ElementActivated' && e.elementId === options.activityId);
  if (activated === undefined || activated.type !== 'ElementActivated') return { ok: false, error: `${options.activityId} was not activated` };
  const key = activated.elementInstanceKey;
  const ended = (types: readonly { type: string; elementInstanceKey?: string }[]) => types.find((e) => (e.type === 'ElementCompleted' || e.type === 'ElementTerminated') && e.elementInstanceKey === key);
  let end = ended(result.events);
  let seq = result.lastSeq;
  while (end === undefined) {
    await sleep(options.pollMs, options.signal);
    const page = await listInstanceEvents(rt.db, { instanceId, after: seq, limit: 1000 });
    seq = page.nextAfter;
    end = ended(page.items.map((item) => item.event));
    if (end === undefined && (await rt.db.job.count({ where: { id: options.jobKey } })) === 0) return { ok: false, error: 'the sub-process ended (its completion condition) before the activity did' };
  }
  const row = await rt.db.processInstance.findUniqueOrThrow({ where: { id: instanceId }, select: { snapshot: true } });
  const snapshot = JSON.parse(row.snapshot) as { variables?: [string, Record<string, JsonValue>][] };
  const variables: Record<string, JsonValue> = {};
  for (const [, scope] of snapshot.variables ?? []) Object.assign(variables, scope);
  return { ok: true, value: { activity: options.activityId, status: end.type === 'ElementCompleted' ? 'completed' : 'terminated', variables } };
}
