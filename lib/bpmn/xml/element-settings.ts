/**
 * The execution settings of one flow element, independent of where they were written: Baton's
 * extension elements, Camunda 8 `zeebe:` elements or Camunda 7 attributes all read into this
 * shape (baton-extensions.ts, vendor-extensions.ts), and Baton's elements are written from it.
 *
 * Contract: which element types carry which setting is decided here (`applySettings` /
 * `settingsOf`), mirroring the fields of model.ts.
 */
import { z } from 'zod';
import type { Finding } from '../findings';
import {
  AgentSettingsSchema,
  AssignmentSchema,
  EscalationPolicySchema,
  FormFieldSchema,
  FourEyesSchema,
  HttpConnectorSchema,
  IoMappingSchema,
  JobSettingsSchema,
  MultiInstanceSchema,
  type FlowElement,
  type FlowElementSchema,
} from '../model';

export const UserTaskFormSchema = z.object({ fields: z.array(FormFieldSchema).default([]), formKey: z.string().optional() });
export const CalledVersionSchema = z.union([z.literal('latest'), z.number().int().positive()]);
export const ScriptSettingsSchema = z.object({ expression: z.string().optional(), resultVariable: z.string().optional() });
export const CalledElementSettingsSchema = z.object({
  processId: z.string().optional(),
  version: CalledVersionSchema.optional(),
  propagateAllChildVariables: z.boolean().optional(),
});
export const MultiInstanceSettingsSchema = MultiInstanceSchema.pick({
  collection: true,
  elementVariable: true,
  outputCollection: true,
  outputElement: true,
});

export type ElementSettings = {
  job?: z.infer<typeof JobSettingsSchema>;
  http?: z.infer<typeof HttpConnectorSchema>;
  agent?: z.infer<typeof AgentSettingsSchema>;
  assignment?: z.infer<typeof AssignmentSchema>;
  form?: z.infer<typeof UserTaskFormSchema>;
  visibleVariables?: string[];
  fourEyes?: z.infer<typeof FourEyesSchema>;
  escalationPolicy?: z.infer<typeof EscalationPolicySchema>;
  ioMapping?: z.infer<typeof IoMappingSchema>;
  script?: z.infer<typeof ScriptSettingsSchema>;
  calledElement?: z.infer<typeof CalledElementSettingsSchema>;
  correlationKey?: string;
  multiInstance?: z.infer<typeof MultiInstanceSettingsSchema>;
  slaTarget?: string;
};
export type SettingKey = keyof ElementSettings;

/** Later sources win per setting; `script`, `calledElement` and `multiInstance` merge per field. */
export function mergeSettings(...sources: ElementSettings[]): ElementSettings {
  const out: ElementSettings = {};
  for (const s of sources) {
    const { script, calledElement, multiInstance, ...whole } = s;
    Object.assign(out, definedOnly(whole));
    if (script) out.script = { ...out.script, ...definedOnly(script) };
    if (calledElement) out.calledElement = { ...out.calledElement, ...definedOnly(calledElement) };
    if (multiInstance) out.multiInstance = { ...out.multiInstance, ...definedOnly(multiInstance) };
  }
  return out;
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type FlowElementInput = z.input<typeof FlowElementSchema>;

const EVENT_TYPES = new Set(['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent']);
const JOB_TYPES = new Set(['serviceTask', 'sendTask', 'businessRuleTask']);
const NOT_ACTIVITIES = new Set([...EVENT_TYPES, 'exclusiveGateway', 'inclusiveGateway', 'complexGateway', 'parallelGateway', 'eventBasedGateway']);

/** Which element types carry a setting. */
function carries(type: FlowElementInput['type'], key: SettingKey): boolean {
  switch (key) {
    case 'job':
    case 'agent':
      return JOB_TYPES.has(type) || type === 'adHocSubProcess';
    case 'http':
      return JOB_TYPES.has(type);
    case 'assignment':
    case 'form':
    case 'visibleVariables':
    case 'fourEyes':
    case 'escalationPolicy':
      return type === 'userTask';
    case 'ioMapping':
      return EVENT_TYPES.has(type) || !NOT_ACTIVITIES.has(type);
    case 'script':
      return type === 'scriptTask';
    case 'calledElement':
      return type === 'callActivity';
    case 'correlationKey':
      return EVENT_TYPES.has(type) || type === 'receiveTask';
    case 'multiInstance':
      return !NOT_ACTIVITIES.has(type);
    case 'slaTarget':
      return true;
  }
}

/**
 * Puts the settings on the element (a new object). A setting the element type does not carry
 * is reported as a warning and left out.
 */
export function applySettings(el: FlowElementInput, s: ElementSettings, findings: Finding[]): FlowElementInput {
  const out: Record<string, unknown> = { ...el };
  for (const key of Object.keys(s) as SettingKey[]) {
    if (s[key] === undefined) continue;
    if (!carries(el.type, key)) {
      findings.push({
        level: 'import',
        severity: 'warning',
        code: 'extension-ignored',
        message: `The ${key} setting on ${el.type} "${el.id}" does not apply to that kind of element and was left out.`,
        elementId: el.id,
      });
      continue;
    }
    applyOne(out, key, s);
  }
  return out as FlowElementInput;
}

function applyOne(out: Record<string, unknown>, key: SettingKey, s: ElementSettings): void {
  switch (key) {
    case 'script':
      if (s.script?.expression !== undefined) out.expression = s.script.expression;
      if (s.script?.resultVariable !== undefined) out.resultVariable = s.script.resultVariable;
      return;
    case 'calledElement':
      if (s.calledElement?.processId !== undefined) out.calledElement = s.calledElement.processId;
      if (s.calledElement?.version !== undefined) out.calledVersion = s.calledElement.version;
      if (s.calledElement?.propagateAllChildVariables !== undefined) {
        out.propagateAllChildVariables = s.calledElement.propagateAllChildVariables;
      }
      return;
    case 'multiInstance': {
      const loop = out.loop as { kind?: string } | undefined;
      if (loop?.kind === 'multiInstance') out.loop = { ...loop, ...definedOnly(s.multiInstance ?? {}) };
      return;
    }
    default:
      out[key] = s[key];
  }
}

/** The settings an element carries, for writing them back as Baton extension elements. */
export function settingsOf(el: FlowElement): ElementSettings {
  const s: ElementSettings = { slaTarget: el.slaTarget };
  if ('ioMapping' in el) s.ioMapping = el.ioMapping;
  if ('correlationKey' in el) s.correlationKey = el.correlationKey;
  if ('loop' in el && el.loop?.kind === 'multiInstance') {
    const { collection, elementVariable, outputCollection, outputElement } = el.loop;
    s.multiInstance = { collection, elementVariable, outputCollection, outputElement };
  }
  switch (el.type) {
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      return { ...s, job: el.job, http: el.http, agent: el.agent };
    case 'userTask':
      return {
        ...s,
        assignment: el.assignment,
        form: el.form,
        visibleVariables: el.visibleVariables,
        fourEyes: el.fourEyes,
        escalationPolicy: el.escalationPolicy,
      };
    case 'adHocSubProcess':
      return { ...s, job: el.job, agent: el.agent };
    case 'scriptTask':
      return { ...s, script: { expression: el.expression, resultVariable: el.resultVariable } };
    case 'callActivity':
      return {
        ...s,
        calledElement: {
          processId: el.calledElement,
          version: el.calledVersion,
          propagateAllChildVariables: el.propagateAllChildVariables,
        },
      };
    default:
      return s;
  }
}
