/**
 * The process model: Baton's typed view of one BPMN 2.0 `definitions` document.
 *
 * Contract
 * - This model is the saved truth. BPMN XML is imported into it and exported from it
 *   (lib/bpmn/xml); React Flow nodes and edges are derived from it, never the other way.
 * - Elements, flows and artifacts are flat lists; nesting is expressed by `parentId`
 *   (the id of a process, a sub-process, or the collaboration for artifacts drawn on it).
 * - Anything of the source file that the model does not type is kept, so that an export
 *   loses nothing: vendor extension elements (`extensions`), unknown attributes (`attrs`,
 *   keyed `{namespaceUri}localName`), and other BPMN child content (`extras`, generic JSON).
 * - Baton's own settings (assignment, forms, retries, agent...) are typed fields here and
 *   live in XML as extension elements in the Baton namespace; Camunda 8 `zeebe:` (and the
 *   simple Camunda 7 attributes) are read into the same fields on import.
 */
import { z } from 'zod';

export const BATON_NS = 'https://baton.dev/schema/bpmn/1.0';

// ---------------------------------------------------------------------------------------
// Generic pieces

/** Any XML element kept verbatim (an extension element of any vendor). */
export type XmlElement = {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text?: string;
};
export const XmlElementSchema: z.ZodType<XmlElement> = z.lazy(() =>
  z.object({
    ns: z.string(),
    name: z.string().min(1),
    attrs: z.record(z.string(), z.string()),
    children: z.array(XmlElementSchema),
    text: z.string().optional(),
  }),
);

/** JSON-compatible value (for `extras`, the BPMN content the model does not type). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

const Attrs = z.record(z.string(), z.string());
const Extras = z.record(z.string(), JsonValueSchema);

/** Fields every BPMN element of the model carries. */
const ElementBase = {
  id: z.string().min(1),
  name: z.string().optional(),
  documentation: z.string().optional(),
  /** Vendor extension elements other than Baton's own, kept as they were. */
  extensions: z.array(XmlElementSchema).default([]),
  /** Unknown attributes, keyed `{namespaceUri}localName`. */
  attrs: Attrs.default({}),
  /** Untyped BPMN child content (e.g. ioSpecification), generic JSON from bpmn-moddle. */
  extras: Extras.optional(),
};

/** An expression as written in the file: FEEL (`=a > 1`), JUEL (`${a > 1}`), or a literal. */
export const ExpressionSchema = z.object({
  body: z.string(),
  /** The `language` of a formal expression when the file gives one. */
  language: z.string().optional(),
});
export type Expression = z.infer<typeof ExpressionSchema>;

// ---------------------------------------------------------------------------------------
// Baton settings (typed; stored in the Baton namespace)

export const RetryPolicySchema = z.object({
  attempts: z.number().int().min(1).max(100).default(3),
  /** ISO 8601 duration, e.g. PT1S. */
  initialBackoff: z.string().default('PT1S'),
  factor: z.number().min(1).max(10).default(2),
  maxBackoff: z.string().optional(),
  /** 0..1, the share of the backoff that is randomised. */
  jitter: z.number().min(0).max(1).default(0),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

export const JobSettingsSchema = z.object({
  /** Job type that workers subscribe to (zeebe:taskDefinition type). */
  type: z.string().min(1),
  retry: RetryPolicySchema.optional(),
  /** ISO 8601 duration after which an attempt counts as failed. */
  timeout: z.string().optional(),
});
export type JobSettings = z.infer<typeof JobSettingsSchema>;

export const HttpConnectorSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** FEEL template, e.g. `="https://api/" + orderId`. */
  url: z.string().min(1),
  headers: z.array(z.object({ name: z.string().min(1), value: z.string() })).default([]),
  body: z.string().optional(),
  /** Variable that receives the response ({ status, headers, body }). */
  resultVariable: z.string().optional(),
  /** Names of secrets referenced as `secrets.NAME` in templates. */
  secrets: z.array(z.string()).default([]),
});
export type HttpConnector = z.infer<typeof HttpConnectorSchema>;

export const AgentSettingsSchema = z.object({
  provider: z.string().optional(),
  model: z.string().optional(),
  systemPrompt: z.string().optional(),
  goal: z.string().optional(),
  tools: z.array(z.string()).default([]),
  actsAs: z.object({ roles: z.array(z.string()).default([]), groups: z.array(z.string()).default([]) }).default({ roles: [], groups: [] }),
  limits: z
    .object({
      maxModelCalls: z.number().int().positive().optional(),
      maxToolCalls: z.number().int().nonnegative().optional(),
      maxTokens: z.number().int().positive().optional(),
    })
    .default({}),
  /** JSON schema (as text) that the final answer must fit. */
  answerSchema: z.string().optional(),
  /** BPMN error code thrown on guardrail denial, exhausted budget or unfit answer. */
  escalationErrorCode: z.string().optional(),
  resultVariable: z.string().optional(),
});
export type AgentSettings = z.infer<typeof AgentSettingsSchema>;

export const AssignmentSchema = z.object({
  assignee: z.string().optional(),
  candidateGroups: z.array(z.string()).default([]),
  candidateUsers: z.array(z.string()).default([]),
  /** FEEL expression or ISO 8601 duration/date, from task creation. */
  dueDate: z.string().optional(),
  followUpDate: z.string().optional(),
  /** 0..100, or a FEEL expression. */
  priority: z.string().optional(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const FormFieldSchema = z.object({
  key: z.string().min(1),
  label: z.string().optional(),
  type: z.enum(['text', 'number', 'boolean', 'select', 'date', 'textarea']),
  required: z.boolean().default(false),
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string().optional() })).default([]),
  defaultValue: z.string().optional(),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const FourEyesSchema = z.object({
  /** The completer must not be the person who started the instance. */
  notStarter: z.boolean().default(false),
  /** The completer must not have completed any of these earlier user tasks (element ids). */
  notCompleterOf: z.array(z.string()).default([]),
});
export type FourEyes = z.infer<typeof FourEyesSchema>;

export const EscalationPolicySchema = z.object({
  steps: z.array(
    z.object({
      /** ISO 8601 duration after task creation. */
      after: z.string(),
      action: z.enum(['remind', 'reassign', 'raisePriority']),
      group: z.string().optional(),
      priority: z.number().int().min(0).max(100).optional(),
    }),
  ),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicySchema>;

export const VariableMappingSchema = z.object({ source: z.string(), target: z.string().min(1) });
export const IoMappingSchema = z.object({
  inputs: z.array(VariableMappingSchema).default([]),
  outputs: z.array(VariableMappingSchema).default([]),
});
export type IoMapping = z.infer<typeof IoMappingSchema>;

// ---------------------------------------------------------------------------------------
// Event definitions

const EventDefinitionBase = {
  id: z.string().optional(),
  extensions: z.array(XmlElementSchema).default([]),
  /** Unknown attributes (e.g. camunda:errorCodeVariable), keyed `{namespaceUri}localName`. */
  attrs: Attrs.optional(),
};

export const EventDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), ...EventDefinitionBase, messageRef: z.string().optional() }),
  z.object({
    kind: z.literal('timer'),
    ...EventDefinitionBase,
    timeDate: ExpressionSchema.optional(),
    timeDuration: ExpressionSchema.optional(),
    timeCycle: ExpressionSchema.optional(),
  }),
  z.object({ kind: z.literal('signal'), ...EventDefinitionBase, signalRef: z.string().optional() }),
  z.object({ kind: z.literal('error'), ...EventDefinitionBase, errorRef: z.string().optional() }),
  z.object({ kind: z.literal('escalation'), ...EventDefinitionBase, escalationRef: z.string().optional() }),
  z.object({
    kind: z.literal('compensate'),
    ...EventDefinitionBase,
    activityRef: z.string().optional(),
    waitForCompletion: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('conditional'), ...EventDefinitionBase, condition: ExpressionSchema.optional() }),
  z.object({ kind: z.literal('link'), ...EventDefinitionBase, linkName: z.string().optional() }),
  z.object({ kind: z.literal('terminate'), ...EventDefinitionBase }),
  z.object({ kind: z.literal('cancel'), ...EventDefinitionBase }),
]);
export type EventDefinition = z.infer<typeof EventDefinitionSchema>;
export type EventDefinitionKind = EventDefinition['kind'];

// ---------------------------------------------------------------------------------------
// Flow elements

const FlowNodeBase = {
  ...ElementBase,
  /** Id of the containing process or sub-process. */
  parentId: z.string().min(1),
  /** SLA target duration (ISO 8601), used by monitoring. */
  slaTarget: z.string().optional(),
};

const EventBase = {
  ...FlowNodeBase,
  eventDefinitions: z.array(EventDefinitionSchema).default([]),
  /** FEEL `=expr` for the correlation key of message catches. */
  correlationKey: z.string().optional(),
  ioMapping: IoMappingSchema.optional(),
};

export const MultiInstanceSchema = z.object({
  kind: z.literal('multiInstance'),
  id: z.string().optional(),
  isSequential: z.boolean().default(false),
  loopCardinality: z.string().optional(),
  /** FEEL expression yielding the collection to iterate. */
  collection: z.string().optional(),
  elementVariable: z.string().optional(),
  outputCollection: z.string().optional(),
  outputElement: z.string().optional(),
  completionCondition: z.string().optional(),
});
export const StandardLoopSchema = z.object({
  kind: z.literal('standardLoop'),
  id: z.string().optional(),
  loopCondition: z.string().optional(),
  testBefore: z.boolean().optional(),
  loopMaximum: z.number().int().optional(),
});
export const LoopSchema = z.discriminatedUnion('kind', [MultiInstanceSchema, StandardLoopSchema]);
export type MultiInstance = z.infer<typeof MultiInstanceSchema>;

const ActivityBase = {
  ...FlowNodeBase,
  default: z.string().optional(),
  isForCompensation: z.boolean().optional(),
  loop: LoopSchema.optional(),
  ioMapping: IoMappingSchema.optional(),
};

const JobActivity = {
  ...ActivityBase,
  job: JobSettingsSchema.optional(),
  http: HttpConnectorSchema.optional(),
  /** Present when this service task is an agent task. */
  agent: AgentSettingsSchema.optional(),
};

const SubProcessBase = {
  ...ActivityBase,
  triggeredByEvent: z.boolean().default(false),
};

const GatewayBase = {
  ...FlowNodeBase,
  gatewayDirection: z.enum(['Unspecified', 'Converging', 'Diverging', 'Mixed']).optional(),
};

export const FlowElementSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('startEvent'), ...EventBase, isInterrupting: z.boolean().default(true) }),
  z.object({ type: z.literal('endEvent'), ...EventBase }),
  z.object({ type: z.literal('intermediateCatchEvent'), ...EventBase }),
  z.object({ type: z.literal('intermediateThrowEvent'), ...EventBase }),
  z.object({
    type: z.literal('boundaryEvent'),
    ...EventBase,
    attachedToRef: z.string().min(1),
    cancelActivity: z.boolean().default(true),
  }),
  z.object({ type: z.literal('task'), ...ActivityBase }),
  z.object({ type: z.literal('manualTask'), ...ActivityBase }),
  z.object({
    type: z.literal('userTask'),
    ...ActivityBase,
    assignment: AssignmentSchema.optional(),
    form: z.object({ fields: z.array(FormFieldSchema).default([]), formKey: z.string().optional() }).optional(),
    /** Variables the assignee may see; absent means none beyond the form's own fields. */
    visibleVariables: z.array(z.string()).optional(),
    fourEyes: FourEyesSchema.optional(),
    escalationPolicy: EscalationPolicySchema.optional(),
  }),
  z.object({
    type: z.literal('scriptTask'),
    ...ActivityBase,
    scriptFormat: z.string().optional(),
    /** The script body of a BPMN script (e.g. JavaScript, Groovy): kept, not run. */
    script: z.string().optional(),
    /** FEEL expression whose result is stored in `resultVariable` (zeebe:script). */
    expression: z.string().optional(),
    resultVariable: z.string().optional(),
  }),
  z.object({ type: z.literal('serviceTask'), ...JobActivity }),
  z.object({ type: z.literal('sendTask'), ...JobActivity, messageRef: z.string().optional() }),
  z.object({ type: z.literal('businessRuleTask'), ...JobActivity }),
  z.object({
    type: z.literal('receiveTask'),
    ...ActivityBase,
    messageRef: z.string().optional(),
    correlationKey: z.string().optional(),
  }),
  z.object({
    type: z.literal('callActivity'),
    ...ActivityBase,
    calledElement: z.string().optional(),
    /** `latest` (default) or a pinned version number. */
    calledVersion: z.union([z.literal('latest'), z.number().int().positive()]).default('latest'),
    propagateAllChildVariables: z.boolean().optional(),
  }),
  z.object({ type: z.literal('subProcess'), ...SubProcessBase }),
  z.object({ type: z.literal('transaction'), ...SubProcessBase }),
  z.object({
    type: z.literal('adHocSubProcess'),
    ...SubProcessBase,
    completionCondition: z.string().optional(),
    ordering: z.enum(['Parallel', 'Sequential']).optional(),
    cancelRemainingInstances: z.boolean().optional(),
    /** An agent that plans the sub-process: its inner activities are the agent's tools. */
    agent: AgentSettingsSchema.optional(),
    /** The agent's job: timeout and retry policy (`type` is `agent`). */
    job: JobSettingsSchema.optional(),
  }),
  z.object({ type: z.literal('exclusiveGateway'), ...GatewayBase, default: z.string().optional() }),
  z.object({ type: z.literal('inclusiveGateway'), ...GatewayBase, default: z.string().optional() }),
  z.object({ type: z.literal('complexGateway'), ...GatewayBase, default: z.string().optional() }),
  z.object({ type: z.literal('parallelGateway'), ...GatewayBase }),
  z.object({
    type: z.literal('eventBasedGateway'),
    ...GatewayBase,
    instantiate: z.boolean().optional(),
    eventGatewayType: z.enum(['Exclusive', 'Parallel']).optional(),
  }),
]);
export type FlowElement = z.infer<typeof FlowElementSchema>;
export type FlowElementType = FlowElement['type'];
export type ElementOfType<T extends FlowElementType> = Extract<FlowElement, { type: T }>;

export const SequenceFlowSchema = z.object({
  ...ElementBase,
  parentId: z.string().min(1),
  sourceRef: z.string().min(1),
  targetRef: z.string().min(1),
  condition: ExpressionSchema.optional(),
});
export type SequenceFlow = z.infer<typeof SequenceFlowSchema>;

// ---------------------------------------------------------------------------------------
// Artifacts and data (drawn, not executed)

export const ArtifactSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('textAnnotation'), ...ElementBase, parentId: z.string(), text: z.string().optional() }),
  z.object({
    type: z.literal('association'),
    ...ElementBase,
    parentId: z.string(),
    sourceRef: z.string(),
    targetRef: z.string(),
    associationDirection: z.enum(['None', 'One', 'Both']).optional(),
  }),
  z.object({ type: z.literal('group'), ...ElementBase, parentId: z.string(), categoryValueRef: z.string().optional() }),
  z.object({ type: z.literal('dataObject'), ...ElementBase, parentId: z.string(), isCollection: z.boolean().optional() }),
  z.object({ type: z.literal('dataObjectReference'), ...ElementBase, parentId: z.string(), dataObjectRef: z.string().optional() }),
  z.object({ type: z.literal('dataStoreReference'), ...ElementBase, parentId: z.string(), dataStoreRef: z.string().optional() }),
]);
export type Artifact = z.infer<typeof ArtifactSchema>;

// ---------------------------------------------------------------------------------------
// Processes, lanes, collaboration, global definitions

export type Lane = { id: string; name?: string; flowNodeRefs: string[]; childLanes: Lane[]; extensions: XmlElement[]; attrs: Record<string, string> };
export const LaneSchema: z.ZodType<Lane> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    flowNodeRefs: z.array(z.string()),
    childLanes: z.array(LaneSchema),
    extensions: z.array(XmlElementSchema),
    attrs: Attrs,
  }),
);

export const ProcessSchema = z.object({
  ...ElementBase,
  isExecutable: z.boolean().default(false),
  /** SLA target duration (ISO 8601) of a whole instance, used by monitoring (`<baton:sla target>` on the process). */
  slaTarget: z.string().optional(),
  laneSets: z.array(z.object({ id: z.string().optional(), name: z.string().optional(), lanes: z.array(LaneSchema) })).default([]),
});
export type Process = z.infer<typeof ProcessSchema>;

export const CollaborationSchema = z.object({
  ...ElementBase,
  participants: z.array(
    z.object({ ...ElementBase, processRef: z.string().optional() }),
  ),
  messageFlows: z.array(
    z.object({ ...ElementBase, sourceRef: z.string(), targetRef: z.string(), messageRef: z.string().optional() }),
  ),
});
export type Collaboration = z.infer<typeof CollaborationSchema>;

export const GlobalsSchema = z.object({
  messages: z.array(z.object({ ...ElementBase })).default([]),
  errors: z.array(z.object({ ...ElementBase, errorCode: z.string().optional() })).default([]),
  escalations: z.array(z.object({ ...ElementBase, escalationCode: z.string().optional() })).default([]),
  signals: z.array(z.object({ ...ElementBase })).default([]),
  /** Other root elements (itemDefinition, dataStore, category...), generic JSON. */
  other: z.array(JsonValueSchema).default([]),
});
export type Globals = z.infer<typeof GlobalsSchema>;

// ---------------------------------------------------------------------------------------
// Diagram interchange (positions)

export const PointSchema = z.object({ x: z.number(), y: z.number() });
export type Point = z.infer<typeof PointSchema>;
export const BoundsSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type Bounds = z.infer<typeof BoundsSchema>;

export const ShapeSchema = z.object({
  id: z.string().optional(),
  bpmnElement: z.string(),
  bounds: BoundsSchema,
  isExpanded: z.boolean().optional(),
  isHorizontal: z.boolean().optional(),
  isMarkerVisible: z.boolean().optional(),
  /** `attrs`: unknown attributes of the label (e.g. `color:color`), keyed like `attrs`. */
  label: z.object({ bounds: BoundsSchema.optional(), attrs: Attrs.optional() }).optional(),
  /** Unknown attributes such as colours (`{uri}stroke`). */
  attrs: Attrs.default({}),
});
export type Shape = z.infer<typeof ShapeSchema>;

export const EdgeSchema = z.object({
  id: z.string().optional(),
  bpmnElement: z.string(),
  waypoints: z.array(PointSchema),
  /** `attrs`: unknown attributes of the label (e.g. `color:color`), keyed like `attrs`. */
  label: z.object({ bounds: BoundsSchema.optional(), attrs: Attrs.optional() }).optional(),
  attrs: Attrs.default({}),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const DiagramSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  plane: z.object({ id: z.string().optional(), bpmnElement: z.string().optional() }),
  shapes: z.array(ShapeSchema),
  edges: z.array(EdgeSchema),
  /** Untyped diagram content (label styles, resolution; the plane's under `plane`), generic JSON. */
  extras: Extras.optional(),
});
export type Diagram = z.infer<typeof DiagramSchema>;

// ---------------------------------------------------------------------------------------
// The document

export const BpmnModelSchema = z.object({
  definitions: z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    targetNamespace: z.string().default('http://bpmn.io/schema/bpmn'),
    exporter: z.string().optional(),
    exporterVersion: z.string().optional(),
    /** Namespace declarations of the source file, prefix -> URI (vendor prefixes kept). */
    namespaces: z.record(z.string(), z.string()).default({}),
    attrs: Attrs.default({}),
    extensions: z.array(XmlElementSchema).default([]),
    /** Untyped content of `definitions` (imports, expressionLanguage...), generic JSON. */
    extras: Extras.optional(),
  }),
  processes: z.array(ProcessSchema),
  collaboration: CollaborationSchema.optional(),
  elements: z.array(FlowElementSchema),
  flows: z.array(SequenceFlowSchema),
  artifacts: z.array(ArtifactSchema).default([]),
  globals: GlobalsSchema.default({ messages: [], errors: [], escalations: [], signals: [], other: [] }),
  diagrams: z.array(DiagramSchema).default([]),
});
export type BpmnModel = z.infer<typeof BpmnModelSchema>;
export type BpmnModelInput = z.input<typeof BpmnModelSchema>;

// ---------------------------------------------------------------------------------------
// Element families (used by validation, the engine and the canvas)

export const EVENT_TYPES = ['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent'] as const;
export const GATEWAY_TYPES = ['exclusiveGateway', 'inclusiveGateway', 'complexGateway', 'parallelGateway', 'eventBasedGateway'] as const;
export const SUBPROCESS_TYPES = ['subProcess', 'transaction', 'adHocSubProcess'] as const;
export const ACTIVITY_TYPES = [
  'task', 'manualTask', 'userTask', 'scriptTask', 'serviceTask', 'sendTask', 'businessRuleTask', 'receiveTask', 'callActivity',
  ...SUBPROCESS_TYPES,
] as const;

export type EventElement = Extract<FlowElement, { eventDefinitions: EventDefinition[] }>;
export type ActivityElement = ElementOfType<(typeof ACTIVITY_TYPES)[number]>;
export type GatewayElement = ElementOfType<(typeof GATEWAY_TYPES)[number]>;
export type SubProcessElement = ElementOfType<(typeof SUBPROCESS_TYPES)[number]>;

export function isEvent(el: FlowElement): el is EventElement {
  return (EVENT_TYPES as readonly string[]).includes(el.type);
}
export function isActivity(el: FlowElement): el is ActivityElement {
  return (ACTIVITY_TYPES as readonly string[]).includes(el.type);
}
export function isGateway(el: FlowElement): el is GatewayElement {
  return (GATEWAY_TYPES as readonly string[]).includes(el.type);
}
export function isSubProcess(el: FlowElement): el is SubProcessElement {
  return (SUBPROCESS_TYPES as readonly string[]).includes(el.type);
}
/** An agent task is a service task with Baton's agent settings. */
export function isAgentTask(el: FlowElement): boolean {
  return el.type === 'serviceTask' && el.agent !== undefined;
}
