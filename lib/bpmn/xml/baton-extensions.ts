/**
 * Baton's own BPMN extension vocabulary (namespace BATON_NS, prefix `baton`): read into
 * ElementSettings and written from them. Pure; works on XmlElement trees, not on moddle objects.
 *
 * The vocabulary (all inside a flow element's `bpmn:extensionElements`; lists are comma-separated):
 *
 *   <baton:taskDefinition type="payment" timeout="PT30S"/>
 *   <baton:retry attempts="3" initialBackoff="PT1S" factor="2" maxBackoff="PT1M" jitter="0.2"/>
 *   <baton:http method="POST" url="=..." resultVariable="response">
 *     <baton:header name="Accept" value="application/json"/>
 *     <baton:body>{ "id": 1 }</baton:body>
 *     <baton:secret name="API_KEY"/>
 *   </baton:http>
 *   <baton:agent provider="openai" model="gpt-4o" resultVariable="answer" escalationErrorCode="AGENT_FAILED">
 *     <baton:systemPrompt>...</baton:systemPrompt>  <baton:goal>...</baton:goal>
 *     <baton:tool name="lookupCustomer"/>  <baton:actsAs roles="clerk" groups="finance"/>
 *     <baton:limits maxModelCalls="10" maxToolCalls="20" maxTokens="50000"/>
 *     <baton:answerSchema>{ "type": "object" }</baton:answerSchema>
 *   </baton:agent>
 *   <baton:assignment assignee="=starter" candidateGroups="finance,compliance" candidateUsers=""
 *                     dueDate="P2D" followUpDate="P1D" priority="50"/>
 *   <baton:form formKey="...">
 *     <baton:field key="decision" label="Decision" type="select" required="true" min="" max=""
 *                  pattern="" defaultValue=""><baton:option value="approve" label="Approve"/></baton:field>
 *   </baton:form>
 *   <baton:visibleVariables names="amount,customer"/>
 *   <baton:fourEyes notStarter="true" notCompleterOf="Task_1,Task_2"/>
 *   <baton:escalationPolicy><baton:step after="P1D" action="remind" group="" priority=""/></baton:escalationPolicy>
 *   <baton:ioMapping><baton:input source="=a" target="b"/><baton:output source="=r" target="c"/></baton:ioMapping>
 *   <baton:script expression="=a + 1" resultVariable="sum"/>
 *   <baton:calledElement processId="child" version="3" propagateAllChildVariables="false"/>
 *   <baton:subscription correlationKey="=orderId"/>
 *   <baton:multiInstance collection="=items" elementVariable="item" outputCollection="results" outputElement="=r"/>
 *   <baton:sla target="PT4H"/>
 *
 * Every value is parsed with the zod schemas of model.ts; a value that does not parse is an
 * import error naming the element id and the attribute. Attribute names equal the schema keys.
 */
import type { z } from 'zod';
import type { Finding } from '../findings';
import {
  AgentSettingsSchema,
  AssignmentSchema,
  BATON_NS,
  EscalationPolicySchema,
  FormFieldSchema,
  FourEyesSchema,
  HttpConnectorSchema,
  IoMappingSchema,
  JobSettingsSchema,
  RetryPolicySchema,
  type XmlElement,
} from '../model';
import {
  CalledElementSettingsSchema,
  MultiInstanceSettingsSchema,
  ScriptSettingsSchema,
  type ElementSettings,
} from './element-settings';

type Raw = Record<string, unknown>;

export function isBatonElement(x: XmlElement): boolean {
  return x.ns === BATON_NS;
}

// ---------------------------------------------------------------------------------------
// Reading

export type BatonReadResult = {
  settings: ElementSettings;
  findings: Finding[];
  /** Baton elements this version does not know; kept as extensions so nothing is lost. */
  unknown: XmlElement[];
};

/** Reads the Baton extension elements among `items` (others are ignored) of element `elementId`. */
export function readBatonExtensions(items: XmlElement[], elementId: string): BatonReadResult {
  const result: BatonReadResult = { settings: {}, findings: [], unknown: [] };
  const reader = new BatonReader(elementId, result.findings);
  const baton = items.filter(isBatonElement);
  const byName = (name: string) => baton.find((x) => x.name === name);

  for (const x of baton) if (!KNOWN.has(x.name)) result.unknown.push(x);
  const s = result.settings;

  const task = byName('taskDefinition');
  const retryEl = byName('retry');
  if (task) {
    const retry = retryEl ? reader.parse(RetryPolicySchema, retryEl, retryRaw(retryEl)) : undefined;
    s.job = reader.parse(JobSettingsSchema, task, { type: task.attrs.type, timeout: task.attrs.timeout, retry });
  } else if (retryEl) {
    reader.fail(retryEl, `<baton:retry> on "${elementId}" needs a <baton:taskDefinition> with the job type beside it.`);
  }
  const http = byName('http');
  if (http) s.http = reader.parse(HttpConnectorSchema, http, httpRaw(http));
  const agent = byName('agent');
  if (agent) s.agent = reader.parse(AgentSettingsSchema, agent, agentRaw(agent));
  const assignment = byName('assignment');
  if (assignment) s.assignment = reader.parse(AssignmentSchema, assignment, assignmentRaw(assignment));
  const form = byName('form');
  if (form) s.form = readForm(form, reader);
  const visible = byName('visibleVariables');
  if (visible) s.visibleVariables = list(visible.attrs.names) ?? [];
  const fourEyes = byName('fourEyes');
  if (fourEyes) {
    s.fourEyes = reader.parse(FourEyesSchema, fourEyes, {
      notStarter: bool(fourEyes.attrs.notStarter),
      notCompleterOf: list(fourEyes.attrs.notCompleterOf),
    });
  }
  const escalation = byName('escalationPolicy');
  if (escalation) s.escalationPolicy = reader.parse(EscalationPolicySchema, escalation, escalationRaw(escalation));
  const io = byName('ioMapping');
  if (io) s.ioMapping = reader.parse(IoMappingSchema, io, ioRaw(io));
  const script = byName('script');
  if (script) s.script = reader.parse(ScriptSettingsSchema, script, { ...script.attrs });
  const called = byName('calledElement');
  if (called) s.calledElement = reader.parse(CalledElementSettingsSchema, called, calledRaw(called));
  const subscription = byName('subscription');
  if (subscription) s.correlationKey = subscription.attrs.correlationKey;
  const mi = byName('multiInstance');
  if (mi) s.multiInstance = reader.parse(MultiInstanceSettingsSchema, mi, { ...mi.attrs });
  const sla = byName('sla');
  if (sla) s.slaTarget = sla.attrs.target;
  return result;
}

const KNOWN = new Set([
  'taskDefinition', 'retry', 'http', 'agent', 'assignment', 'form', 'visibleVariables', 'fourEyes',
  'escalationPolicy', 'ioMapping', 'script', 'calledElement', 'subscription', 'multiInstance', 'sla',
]);

class BatonReader {
  constructor(
    private readonly elementId: string,
    private readonly findings: Finding[],
  ) {}

  /** Parses `raw` (built from `source`); on failure reports the first bad attribute. */
  parse<S extends z.ZodType>(schema: S, source: XmlElement, raw: Raw): z.infer<S> | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const attribute = issue.path.map(String).join('.');
    const where = attribute ? `attribute "${attribute}" of <baton:${source.name}>` : `<baton:${source.name}>`;
    this.fail(source, `The ${where} on "${this.elementId}" is not valid: ${issue.message}.`);
    return undefined;
  }

  fail(source: XmlElement, message: string): void {
    this.findings.push({
      level: 'import',
      severity: 'error',
      code: 'baton-extension-invalid',
      message,
      elementId: this.elementId,
    });
  }
}

function children(x: XmlElement, name: string): XmlElement[] {
  return x.children.filter((c) => c.ns === BATON_NS && c.name === name);
}

function childText(x: XmlElement, name: string): string | undefined {
  return children(x, name)[0]?.text;
}

/** A number attribute; text that is not a number stays NaN so the schema reports it. */
function num(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** `true`/`false`; anything else is passed through for the schema to refuse. */
function bool(value: string | undefined): boolean | string | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function retryRaw(x: XmlElement): Raw {
  const a = x.attrs;
  return {
    attempts: num(a.attempts),
    initialBackoff: a.initialBackoff,
    factor: num(a.factor),
    maxBackoff: a.maxBackoff,
    jitter: num(a.jitter),
  };
}

function httpRaw(x: XmlElement): Raw {
  return {
    method: x.attrs.method,
    url: x.attrs.url,
    resultVariable: x.attrs.resultVariable,
    headers: children(x, 'header').map((h) => ({ name: h.attrs.name, value: h.attrs.value ?? '' })),
    body: childText(x, 'body'),
    secrets: children(x, 'secret').map((s) => s.attrs.name),
  };
}

function agentRaw(x: XmlElement): Raw {
  const a = x.attrs;
  const actsAs = children(x, 'actsAs')[0];
  const limits = children(x, 'limits')[0];
  return {
    provider: a.provider,
    model: a.model,
    resultVariable: a.resultVariable,
    escalationErrorCode: a.escalationErrorCode,
    systemPrompt: childText(x, 'systemPrompt'),
    goal: childText(x, 'goal'),
    answerSchema: childText(x, 'answerSchema'),
    tools: children(x, 'tool').map((t) => t.attrs.name),
    actsAs: actsAs ? { roles: list(actsAs.attrs.roles), groups: list(actsAs.attrs.groups) } : undefined,
    limits: limits
      ? {
          maxModelCalls: num(limits.attrs.maxModelCalls),
          maxToolCalls: num(limits.attrs.maxToolCalls),
          maxTokens: num(limits.attrs.maxTokens),
        }
      : undefined,
  };
}

function assignmentRaw(x: XmlElement): Raw {
  const a = x.attrs;
  return {
    assignee: a.assignee,
    candidateGroups: list(a.candidateGroups),
    candidateUsers: list(a.candidateUsers),
    dueDate: a.dueDate,
    followUpDate: a.followUpDate,
    priority: a.priority,
  };
}

function readForm(x: XmlElement, reader: BatonReader): ElementSettings['form'] {
  const fields = children(x, 'field').map((f) =>
    reader.parse(FormFieldSchema, f, {
      key: f.attrs.key,
      label: f.attrs.label,
      type: f.attrs.type,
      required: bool(f.attrs.required),
      min: num(f.attrs.min),
      max: num(f.attrs.max),
      pattern: f.attrs.pattern,
      defaultValue: f.attrs.defaultValue,
      options: children(f, 'option').map((o) => ({ value: o.attrs.value, label: o.attrs.label })),
    }),
  );
  const parsed = fields.filter((f): f is NonNullable<typeof f> => f !== undefined);
  if (parsed.length !== fields.length) return undefined;
  return { fields: parsed, ...(x.attrs.formKey !== undefined ? { formKey: x.attrs.formKey } : {}) };
}

function escalationRaw(x: XmlElement): Raw {
  return {
    steps: children(x, 'step').map((s) => ({
      after: s.attrs.after,
      action: s.attrs.action,
      group: s.attrs.group,
      priority: num(s.attrs.priority),
    })),
  };
}

function ioRaw(x: XmlElement): Raw {
  const mapping = (c: XmlElement) => ({ source: c.attrs.source ?? '', target: c.attrs.target });
  return { inputs: children(x, 'input').map(mapping), outputs: children(x, 'output').map(mapping) };
}

function calledRaw(x: XmlElement): Raw {
  const v = x.attrs.version;
  return {
    processId: x.attrs.processId,
    version: v === undefined || v === 'latest' ? v : num(v),
    propagateAllChildVariables: bool(x.attrs.propagateAllChildVariables),
  };
}

// ---------------------------------------------------------------------------------------
// Writing

/** The Baton extension elements for the settings (an empty list when there are none). */
export function writeBatonExtensions(s: ElementSettings): XmlElement[] {
  const out: XmlElement[] = [];
  if (s.job) {
    out.push(el('taskDefinition', { type: s.job.type, timeout: s.job.timeout }));
    if (s.job.retry) out.push(el('retry', stringAttrs(s.job.retry)));
  }
  if (s.http) out.push(writeHttp(s.http));
  if (s.agent) out.push(writeAgent(s.agent));
  if (s.assignment) {
    const a = s.assignment;
    out.push(
      el('assignment', {
        assignee: a.assignee,
        candidateGroups: joined(a.candidateGroups),
        candidateUsers: joined(a.candidateUsers),
        dueDate: a.dueDate,
        followUpDate: a.followUpDate,
        priority: a.priority,
      }),
    );
  }
  if (s.form) out.push(writeForm(s.form));
  if (s.visibleVariables) out.push(el('visibleVariables', { names: s.visibleVariables.join(',') }));
  if (s.fourEyes) {
    out.push(el('fourEyes', { notStarter: String(s.fourEyes.notStarter), notCompleterOf: joined(s.fourEyes.notCompleterOf) }));
  }
  if (s.escalationPolicy) {
    out.push(el('escalationPolicy', {}, s.escalationPolicy.steps.map((step) => el('step', stringAttrs(step)))));
  }
  if (s.ioMapping && (s.ioMapping.inputs.length > 0 || s.ioMapping.outputs.length > 0)) {
    out.push(
      el('ioMapping', {}, [
        ...s.ioMapping.inputs.map((m) => el('input', { source: m.source, target: m.target })),
        ...s.ioMapping.outputs.map((m) => el('output', { source: m.source, target: m.target })),
      ]),
    );
  }
  if (s.script && (s.script.expression !== undefined || s.script.resultVariable !== undefined)) {
    out.push(el('script', { expression: s.script.expression, resultVariable: s.script.resultVariable }));
  }
  const c = s.calledElement;
  if (c && ((c.version !== undefined && c.version !== 'latest') || c.propagateAllChildVariables !== undefined)) {
    out.push(
      el('calledElement', {
        processId: c.processId,
        version: c.version === undefined ? undefined : String(c.version),
        propagateAllChildVariables: c.propagateAllChildVariables === undefined ? undefined : String(c.propagateAllChildVariables),
      }),
    );
  }
  if (s.correlationKey !== undefined) out.push(el('subscription', { correlationKey: s.correlationKey }));
  const mi = s.multiInstance;
  if (mi && Object.values(mi).some((v) => v !== undefined)) out.push(el('multiInstance', stringAttrs(mi)));
  if (s.slaTarget !== undefined) out.push(el('sla', { target: s.slaTarget }));
  return out;
}

function writeHttp(h: NonNullable<ElementSettings['http']>): XmlElement {
  return el('http', { method: h.method, url: h.url, resultVariable: h.resultVariable }, [
    ...h.headers.map((x) => el('header', { name: x.name, value: x.value })),
    ...(h.body !== undefined ? [textEl('body', h.body)] : []),
    ...h.secrets.map((name) => el('secret', { name })),
  ]);
}

function writeAgent(a: NonNullable<ElementSettings['agent']>): XmlElement {
  const limits = stringAttrs(a.limits);
  return el(
    'agent',
    { provider: a.provider, model: a.model, resultVariable: a.resultVariable, escalationErrorCode: a.escalationErrorCode },
    [
      ...(a.systemPrompt !== undefined ? [textEl('systemPrompt', a.systemPrompt)] : []),
      ...(a.goal !== undefined ? [textEl('goal', a.goal)] : []),
      ...a.tools.map((name) => el('tool', { name })),
      ...(a.actsAs.roles.length > 0 || a.actsAs.groups.length > 0
        ? [el('actsAs', { roles: joined(a.actsAs.roles), groups: joined(a.actsAs.groups) })]
        : []),
      ...(Object.keys(limits).length > 0 ? [el('limits', limits)] : []),
      ...(a.answerSchema !== undefined ? [textEl('answerSchema', a.answerSchema)] : []),
    ],
  );
}

function writeForm(f: NonNullable<ElementSettings['form']>): XmlElement {
  return el(
    'form',
    { formKey: f.formKey },
    f.fields.map((field) => {
      const { options, ...rest } = field;
      return el('field', stringAttrs(rest), options.map((o) => el('option', { value: o.value, label: o.label })));
    }),
  );
}

function el(name: string, attrs: Record<string, string | undefined>, kids: XmlElement[] = []): XmlElement {
  const defined: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) defined[k] = v;
  return { ns: BATON_NS, name, attrs: defined, children: kids };
}

function textEl(name: string, text: string): XmlElement {
  return { ns: BATON_NS, name, attrs: {}, children: [], text };
}

/** Scalar fields as attribute text (undefined left out). */
function stringAttrs(obj: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** A comma list, or undefined for an empty one (reads back as the empty default). */
function joined(values: string[]): string | undefined {
  return values.length > 0 ? values.join(',') : undefined;
}
