'use client';
/**
 * The properties of the selected element, edited through commands (setProperties, renameId,
 * changeType, setGlobal, reconnect), each field checked with zod as you type. With nothing
 * selected it shows the process; with several, how many.
 */
import { memo, useState, type ReactNode } from 'react';
import {
  JsonValueSchema,
  isActivity,
  type BpmnModel,
  type EventDefinition,
  type FlowElement,
  type FlowElementType,
  type FormField,
  type IoMapping,
  type JsonValue,
  type SequenceFlow,
} from '@/lib/bpmn/model';
import { allLanes, type GlobalCollection, type ModelCommand } from '@/lib/bpmn/commands';
import { CheckboxField, Section, SelectField, TextField } from './fields';
import {
  bpmnIdText,
  csvList,
  durationText,
  feelTemplateText,
  headersText,
  jsonText,
  mappingLines,
  feelText,
  optionalInt,
  optionalNumber,
  optionalText,
  regexText,
  requiredText,
  timerText,
  variableName,
} from './property-schemas';
import type { RunOptions } from './use-modeler-state';

type Run = (command: ModelCommand, options: RunOptions) => boolean;

/** Model values are JSON; this gives them the JsonValue type (and drops undefined members). */
function toJson(value: unknown): JsonValue {
  return JsonValueSchema.parse(JSON.parse(JSON.stringify(value)));
}

function settersFor(run: Run, id: string) {
  return { set: (field: string, value: unknown) => setProperty(run, id, field, value) };
}

export const PropertiesPanel = memo(function PropertiesPanel({ model, selection, run }: { model: BpmnModel; selection: ReadonlySet<string>; run: Run }) {
  const ids = [...selection];
  let body: ReactNode;
  if (ids.length > 1) body = <p className="text-xs text-gray-600">{ids.length} elements selected.</p>;
  else if (ids.length === 0) body = <ProcessProperties model={model} run={run} />;
  else body = <SelectedProperties key={ids[0]} model={model} id={ids[0]} run={run} />;
  return (
    <aside aria-label="Properties" className="h-full w-[300px] shrink-0 space-y-3 overflow-y-auto border-l border-gray-200 bg-white p-3" data-testid="properties-panel">
      <h3 className="text-sm font-semibold text-gray-900">Properties</h3>
      {body}
    </aside>
  );
});

function SelectedProperties({ model, id, run }: { model: BpmnModel; id: string; run: Run }) {
  const element = model.elements.find((e) => e.id === id);
  if (element) return <ElementProperties model={model} element={element} run={run} />;
  const flow = model.flows.find((f) => f.id === id);
  if (flow) return <FlowProperties model={model} flow={flow} run={run} />;
  const artifact = model.artifacts.find((a) => a.id === id);
  if (artifact?.type === 'textAnnotation') {
    return (
      <>
        <IdField id={id} run={run} />
        <TextField label="Text" value={artifact.text ?? ''} schema={optionalText} multiline onCommit={(v) => setProperty(run, id, 'text', v)} testId="prop-text" />
      </>
    );
  }
  const lane = allLanes(model).find((l) => l.lane.id === id)?.lane;
  const participant = model.collaboration?.participants.find((p) => p.id === id);
  const messageFlow = model.collaboration?.messageFlows.find((m) => m.id === id);
  const named = lane ?? participant ?? messageFlow ?? (artifact ? artifact : undefined);
  if (named) {
    return (
      <>
        <p className="text-xs text-gray-500">{lane ? 'Lane' : participant ? 'Pool' : messageFlow ? 'Message flow' : artifact?.type}</p>
        <IdField id={id} run={run} />
        <TextField label="Name" value={named.name ?? ''} schema={optionalText} onCommit={(v) => setProperty(run, id, 'name', v)} testId="prop-name" />
      </>
    );
  }
  return <p className="text-xs text-gray-600">Nothing to edit here.</p>;
}

/** Sets one property (not a hook despite the name: a plain helper for callbacks). */
function setProperty(run: Run, id: string, field: string, value: unknown) {
  run({ kind: 'setProperties', id, properties: { [field]: value === undefined ? null : toJson(value) } }, { label: `Edit ${field}`, coalesceKey: `${id}:${field}` });
}

function IdField({ id, run }: { id: string; run: Run }) {
  return (
    <TextField
      label="Id"
      value={id}
      schema={bpmnIdText}
      monospace
      testId="prop-id"
      hint="Unique in the document; references follow a change."
      onCommit={(newId) => {
        if (newId !== id) run({ kind: 'renameId', id, newId }, { label: 'Change id', select: [newId] });
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------
// Process

function ProcessProperties({ model, run }: { model: BpmnModel; run: Run }) {
  const process = model.processes.find((p) => p.isExecutable) ?? model.processes[0];
  if (!process) return <p className="text-xs text-gray-600">This model has no process yet: drop an element on the canvas.</p>;
  const { set } = settersFor(run, process.id);
  return (
    <>
      <p className="text-xs text-gray-500">Process (select an element to edit it)</p>
      <TextField label="Process id" value={process.id} schema={bpmnIdText} monospace onCommit={(newId) => newId !== process.id && run({ kind: 'renameId', id: process.id, newId }, { label: 'Change id' })} testId="prop-process-id" />
      <TextField label="Name" value={process.name ?? ''} schema={optionalText} onCommit={(v) => set('name', v)} testId="prop-process-name" />
      <CheckboxField label="Executable" checked={process.isExecutable} onChange={(v) => set('isExecutable', v)} />
      <GlobalsEditor model={model} run={run} />
    </>
  );
}

function GlobalsEditor({ model, run }: { model: BpmnModel; run: Run }) {
  const lists: { collection: GlobalCollection; title: string; code?: 'errorCode' | 'escalationCode' }[] = [
    { collection: 'messages', title: 'Messages' },
    { collection: 'errors', title: 'Errors', code: 'errorCode' },
    { collection: 'escalations', title: 'Escalations', code: 'escalationCode' },
    { collection: 'signals', title: 'Signals' },
  ];
  return (
    <>
      {lists.map(({ collection, title, code }) => {
        const items: { id: string; name?: string; errorCode?: string; escalationCode?: string }[] = model.globals[collection];
        if (items.length === 0) return null;
        return (
          <Section key={collection} title={title}>
            {items.map((g) => (
              <div key={g.id} className="space-y-1 rounded border border-gray-100 p-1.5">
                <p className="font-mono text-[11px] text-gray-500">{g.id}</p>
                <TextField label="Name" value={g.name ?? ''} schema={optionalText} onCommit={(v) => run({ kind: 'setGlobal', collection, id: g.id, name: v ?? '' }, { label: 'Edit name', coalesceKey: `${g.id}:name` })} />
                {code && <TextField label="Code" value={g[code] ?? ''} schema={optionalText} onCommit={(v) => run({ kind: 'setGlobal', collection, id: g.id, code: v ?? '' }, { label: 'Edit code', coalesceKey: `${g.id}:code` })} />}
              </div>
            ))}
          </Section>
        );
      })}
    </>
  );
}

// ---------------------------------------------------------------------------------------
// Sequence flows

function FlowProperties({ model, flow, run }: { model: BpmnModel; flow: SequenceFlow; run: Run }) {
  const { set } = settersFor(run, flow.id);
  const source = model.elements.find((e) => e.id === flow.sourceRef);
  const canBeDefault = source !== undefined && 'default' in source || (source !== undefined && (isActivity(source) || ['exclusiveGateway', 'inclusiveGateway', 'complexGateway'].includes(source.type)));
  const isDefault = source !== undefined && 'default' in source && source.default === flow.id;
  const conditional = source !== undefined && source.type !== 'parallelGateway' && source.type !== 'eventBasedGateway';
  const nodes = model.elements.filter((e) => e.parentId === flow.parentId || e.id === flow.sourceRef || e.id === flow.targetRef);
  return (
    <>
      <p className="text-xs text-gray-500">Sequence flow</p>
      <IdField id={flow.id} run={run} />
      <TextField label="Name" value={flow.name ?? ''} schema={optionalText} onCommit={(v) => set('name', v)} testId="prop-name" />
      <SelectField label="From" value={flow.sourceRef} options={nodes.map((n) => ({ value: n.id, label: n.name ? `${n.name} (${n.id})` : n.id }))} onChange={(to) => run({ kind: 'reconnect', id: flow.id, end: 'source', to }, { label: 'Reconnect' })} testId="prop-flow-source" />
      <SelectField label="To" value={flow.targetRef} options={nodes.map((n) => ({ value: n.id, label: n.name ? `${n.name} (${n.id})` : n.id }))} onChange={(to) => run({ kind: 'reconnect', id: flow.id, end: 'target', to }, { label: 'Reconnect' })} testId="prop-flow-target" />
      {conditional && (
        <TextField
          label="Condition (FEEL)"
          value={flow.condition?.body ?? ''}
          schema={feelText({ optional: true })}
          validateStored
          monospace
          placeholder="=amount > 100"
          testId="prop-condition"
          hint="Checked as you type; empty means unconditional."
          onCommit={(body) => set('condition', body.trim() === '' ? undefined : { ...flow.condition, body })}
        />
      )}
      {canBeDefault && source && (
        <CheckboxField
          label="Default flow of its source"
          checked={isDefault}
          testId="prop-default-flow"
          onChange={(checked) =>
            run({ kind: 'setProperties', id: source.id, properties: { default: checked ? flow.id : null } }, { label: 'Default flow' })
          }
        />
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------
// Flow elements

const TYPE_CHOICES: { family: string; choices: { value: string; label: string; type: FlowElementType; agent?: boolean }[] }[] = [
  {
    family: 'activity',
    choices: [
      { value: 'task', label: 'Task', type: 'task' },
      { value: 'userTask', label: 'User task', type: 'userTask' },
      { value: 'agentTask', label: 'Agent task', type: 'serviceTask', agent: true },
      { value: 'serviceTask', label: 'Service task', type: 'serviceTask', agent: false },
      { value: 'scriptTask', label: 'Script task', type: 'scriptTask' },
      { value: 'sendTask', label: 'Send task', type: 'sendTask' },
      { value: 'receiveTask', label: 'Receive task', type: 'receiveTask' },
      { value: 'manualTask', label: 'Manual task', type: 'manualTask' },
      { value: 'businessRuleTask', label: 'Business rule task', type: 'businessRuleTask' },
      { value: 'callActivity', label: 'Call activity', type: 'callActivity' },
    ],
  },
  {
    family: 'container',
    choices: [
      { value: 'subProcess', label: 'Sub-process', type: 'subProcess' },
      { value: 'adHocSubProcess', label: 'Ad-hoc sub-process', type: 'adHocSubProcess' },
      { value: 'transaction', label: 'Transaction', type: 'transaction' },
    ],
  },
  {
    family: 'gateway',
    choices: [
      { value: 'exclusiveGateway', label: 'Exclusive gateway', type: 'exclusiveGateway' },
      { value: 'parallelGateway', label: 'Parallel gateway', type: 'parallelGateway' },
      { value: 'inclusiveGateway', label: 'Inclusive gateway', type: 'inclusiveGateway' },
      { value: 'eventBasedGateway', label: 'Event-based gateway', type: 'eventBasedGateway' },
      { value: 'complexGateway', label: 'Complex gateway', type: 'complexGateway' },
    ],
  },
  {
    family: 'event',
    choices: [
      { value: 'startEvent', label: 'Start event', type: 'startEvent' },
      { value: 'intermediateCatchEvent', label: 'Intermediate catch event', type: 'intermediateCatchEvent' },
      { value: 'intermediateThrowEvent', label: 'Intermediate throw event', type: 'intermediateThrowEvent' },
      { value: 'endEvent', label: 'End event', type: 'endEvent' },
    ],
  },
];

const EVENT_DEFINITIONS: EventDefinition['kind'][] = ['message', 'timer', 'signal', 'error', 'escalation', 'compensate', 'conditional', 'link', 'terminate', 'cancel'];

function familyOf(element: FlowElement): string {
  if (element.type === 'subProcess' || element.type === 'transaction' || element.type === 'adHocSubProcess') return 'container';
  if (element.type.endsWith('Gateway')) return 'gateway';
  if (element.type.endsWith('Event')) return 'event';
  return 'activity';
}

function typeValue(element: FlowElement): string {
  if (element.type === 'serviceTask' && element.agent) return 'agentTask';
  return element.type;
}

function ElementProperties({ model, element, run }: { model: BpmnModel; element: FlowElement; run: Run }) {
  const { set } = settersFor(run, element.id);
  const family = familyOf(element);
  const choices = TYPE_CHOICES.find((c) => c.family === family)?.choices ?? [];
  return (
    <>
      {element.type === 'boundaryEvent' ? (
        <p className="text-xs text-gray-500">Boundary event on {element.attachedToRef}</p>
      ) : (
        <SelectField
          label="Type"
          value={typeValue(element)}
          options={choices.map((c) => ({ value: c.value, label: c.label }))}
          testId="prop-type"
          onChange={(value) => {
            const choice = choices.find((c) => c.value === value);
            if (choice) run({ kind: 'changeType', id: element.id, type: choice.type, ...(choice.agent !== undefined ? { agent: choice.agent } : {}) }, { label: 'Change type' });
          }}
        />
      )}
      <IdField id={element.id} run={run} />
      <TextField label="Name" value={element.name ?? ''} schema={optionalText} onCommit={(v) => set('name', v)} testId="prop-name" />
      <TextField label="Documentation" value={element.documentation ?? ''} schema={optionalText} multiline onCommit={(v) => set('documentation', v)} />
      {'eventDefinitions' in element && <EventSettings model={model} element={element} run={run} />}
      {element.type === 'userTask' && <UserTaskSettings model={model} element={element} run={run} />}
      {(element.type === 'serviceTask' || element.type === 'sendTask' || element.type === 'businessRuleTask') && <JobSettings element={element} run={run} />}
      {element.type === 'serviceTask' && element.agent && <AgentSettings element={element} run={run} />}
      {element.type === 'scriptTask' && (
        <Section title="Script">
          <TextField label="FEEL expression" value={element.expression ?? ''} schema={feelText({ optional: true })} validateStored monospace onCommit={(v) => set('expression', v.trim() === '' ? undefined : v)} testId="prop-script" />
          <TextField label="Result variable" value={element.resultVariable ?? ''} schema={optionalText} onCommit={(v) => set('resultVariable', v)} />
        </Section>
      )}
      {(element.type === 'receiveTask' || element.type === 'sendTask') && <MessageRef model={model} element={element} run={run} />}
      {element.type === 'callActivity' && (
        <Section title="Called process">
          <TextField label="Process id or model key" value={element.calledElement ?? ''} schema={optionalText} onCommit={(v) => set('calledElement', v)} testId="prop-called-element" />
          <TextField
            label="Version (empty: latest)"
            value={element.calledVersion === 'latest' ? '' : String(element.calledVersion)}
            schema={optionalInt(1, 1_000_000)}
            onCommit={(v) => set('calledVersion', v ?? 'latest')}
          />
          <CheckboxField label="Propagate all child variables" checked={element.propagateAllChildVariables === true} onChange={(v) => set('propagateAllChildVariables', v || undefined)} />
        </Section>
      )}
      {'loop' in element || isActivity(element) ? <MultiInstanceSettings element={element} run={run} /> : null}
      {'ioMapping' in element && <MappingsEditor element={element} run={run} />}
      {element.type === 'boundaryEvent' && (
        <CheckboxField label="Interrupting (cancels the activity)" checked={element.cancelActivity} onChange={(v) => set('cancelActivity', v)} />
      )}
      {element.type === 'startEvent' && model.elements.some((e) => e.id === element.parentId && e.type === 'subProcess' && e.triggeredByEvent) && (
        <CheckboxField label="Interrupting" checked={element.isInterrupting} onChange={(v) => set('isInterrupting', v)} />
      )}
      {element.type === 'subProcess' && (
        <CheckboxField label="Event sub-process" checked={element.triggeredByEvent} onChange={(v) => set('triggeredByEvent', v)} />
      )}
      {element.type === 'adHocSubProcess' && (
        <TextField label="Completion condition (FEEL)" value={element.completionCondition ?? ''} schema={feelText({ optional: true })} monospace onCommit={(v) => set('completionCondition', v.trim() === '' ? undefined : v)} />
      )}
      {isActivity(element) && (
        <TextField label="SLA target (ISO 8601 duration)" value={element.slaTarget ?? ''} schema={durationText} placeholder="PT4H" onCommit={(v) => set('slaTarget', v.trim() === '' ? undefined : v.trim())} />
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------
// Events

type EventEl = Extract<FlowElement, { eventDefinitions: EventDefinition[] }>;

function EventSettings({ model, element, run }: { model: BpmnModel; element: EventEl; run: Run }) {
  const { set } = settersFor(run, element.id);
  const definition = element.eventDefinitions[0];
  const kind = element.eventDefinitions.length === 0 ? 'none' : element.eventDefinitions.length > 1 ? 'multiple' : definition.kind;
  const setDefinition = (next: EventDefinition) => set('eventDefinitions', [next, ...element.eventDefinitions.slice(1)]);
  return (
    <Section title="Event">
      {kind !== 'multiple' && (
        <SelectField
          label="Trigger"
          value={kind}
          testId="prop-event-definition"
          options={[{ value: 'none', label: 'None' }, ...EVENT_DEFINITIONS.map((k) => ({ value: k, label: k[0].toUpperCase() + k.slice(1) }))]}
          onChange={(value) =>
            run({ kind: 'changeType', id: element.id, type: element.type, eventDefinition: value as EventDefinition['kind'] | 'none' }, { label: 'Change trigger' })
          }
        />
      )}
      {definition?.kind === 'timer' && <TimerEditor definition={definition} onChange={setDefinition} />}
      {definition?.kind === 'message' && (
        <>
          <GlobalRefField model={model} collection="messages" value={definition.messageRef} label="Message" onChange={(messageRef) => setDefinition({ ...definition, messageRef })} run={run} />
          {element.type !== 'endEvent' && element.type !== 'intermediateThrowEvent' && (
            <TextField label="Correlation key (FEEL)" value={element.correlationKey ?? ''} schema={feelText({ optional: true })} monospace placeholder="=orderId" onCommit={(v) => set('correlationKey', v.trim() === '' ? undefined : v)} testId="prop-correlation-key" />
          )}
        </>
      )}
      {definition?.kind === 'error' && (
        <GlobalRefField model={model} collection="errors" value={definition.errorRef} label="Error" onChange={(errorRef) => setDefinition({ ...definition, errorRef })} run={run} />
      )}
      {definition?.kind === 'escalation' && (
        <GlobalRefField model={model} collection="escalations" value={definition.escalationRef} label="Escalation" onChange={(escalationRef) => setDefinition({ ...definition, escalationRef })} run={run} />
      )}
      {definition?.kind === 'signal' && (
        <GlobalRefField model={model} collection="signals" value={definition.signalRef} label="Signal" onChange={(signalRef) => setDefinition({ ...definition, signalRef })} run={run} />
      )}
      {definition?.kind === 'conditional' && (
        <TextField label="Condition (FEEL)" value={definition.condition?.body ?? ''} schema={feelText()} validateStored monospace onCommit={(body) => setDefinition({ ...definition, condition: { body } })} />
      )}
      {definition?.kind === 'link' && (
        <TextField label="Link name" value={definition.linkName ?? ''} schema={optionalText} onCommit={(linkName) => setDefinition({ ...definition, linkName })} />
      )}
    </Section>
  );
}

type TimerField = 'timeDate' | 'timeDuration' | 'timeCycle';
function TimerEditor({ definition, onChange }: { definition: Extract<EventDefinition, { kind: 'timer' }>; onChange: (d: EventDefinition) => void }) {
  const field: TimerField = definition.timeDate ? 'timeDate' : definition.timeCycle ? 'timeCycle' : 'timeDuration';
  const value = definition[field]?.body ?? '';
  const base = { ...definition };
  delete base.timeDate;
  delete base.timeDuration;
  delete base.timeCycle;
  return (
    <>
      <SelectField<TimerField>
        label="Timer"
        value={field}
        options={[
          { value: 'timeDuration', label: 'Duration (e.g. PT1H)' },
          { value: 'timeDate', label: 'Date (e.g. 2026-12-01T10:00:00Z)' },
          { value: 'timeCycle', label: 'Cycle (e.g. R3/PT10M)' },
        ]}
        onChange={(next) => onChange({ ...base, [next]: { body: value } })}
      />
      <TextField label="Value" value={value} schema={timerText(field)} validateStored monospace testId="prop-timer" onCommit={(body) => onChange({ ...base, [field]: { body: body.trim() } })} />
    </>
  );
}

/** Picks a message (error, escalation, signal) by name, creating it when the name is new. */
function GlobalRefField({
  model,
  collection,
  value,
  label,
  onChange,
  run,
}: {
  model: BpmnModel;
  collection: GlobalCollection;
  value: string | undefined;
  label: string;
  onChange: (ref: string | undefined) => void;
  run: Run;
}) {
  const items: { id: string; name?: string; errorCode?: string; escalationCode?: string }[] = model.globals[collection];
  const current = items.find((g) => g.id === value);
  const code = collection === 'errors' ? current?.errorCode : collection === 'escalations' ? current?.escalationCode : undefined;
  return (
    <>
      <SelectField
        label={label}
        value={value ?? ''}
        testId={`prop-${collection}-ref`}
        options={[{ value: '', label: '(none)' }, ...items.map((g) => ({ value: g.id, label: g.name ? `${g.name} (${g.id})` : g.id }))]}
        onChange={(ref) => onChange(ref === '' ? undefined : ref)}
      />
      <NewGlobal
        label={label}
        testId={`prop-${collection}`}
        onCreate={(name) => {
          const id = `${label.replace(/\s/g, '')}_${name.replace(/[^\w]/g, '_')}`;
          if (run({ kind: 'setGlobal', collection, id, name }, { label: `New ${label.toLowerCase()}` })) onChange(id);
        }}
      />
      {current && (collection === 'errors' || collection === 'escalations') && (
        <TextField
          label={`${label} code`}
          value={code ?? ''}
          schema={optionalText}
          testId={`prop-${collection}-code`}
          onCommit={(v) => run({ kind: 'setGlobal', collection, id: current.id, code: v ?? '' }, { label: 'Edit code', coalesceKey: `${current.id}:code` })}
        />
      )}
    </>
  );
}

/** A name field and a button that creates a new message (error, escalation, signal) with that name. */
function NewGlobal({ label, testId, onCreate }: { label: string; testId: string; onCreate: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <div className="flex items-end gap-1">
      <label className="flex-1 space-y-0.5">
        <span className="block text-[11px] font-medium text-gray-600">New {label.toLowerCase()}</span>
        <input className="w-full rounded border border-gray-300 px-2 py-1 text-xs" value={name} placeholder="Name" data-testid={`${testId}-new`} onChange={(e) => setName(e.target.value)} />
      </label>
      <button
        type="button"
        className="rounded border border-gray-300 px-2 py-1 text-[11px] hover:bg-gray-50 disabled:opacity-50"
        data-testid={`${testId}-create`}
        disabled={name.trim() === ''}
        onClick={() => {
          onCreate(name.trim());
          setName('');
        }}
      >
        Create
      </button>
    </div>
  );
}

function MessageRef({ model, element, run }: { model: BpmnModel; element: Extract<FlowElement, { type: 'receiveTask' | 'sendTask' }>; run: Run }) {
  const { set } = settersFor(run, element.id);
  return (
    <Section title="Message">
      <GlobalRefField model={model} collection="messages" value={element.messageRef} label="Message" onChange={(ref) => set('messageRef', ref)} run={run} />
      {element.type === 'receiveTask' && (
        <TextField label="Correlation key (FEEL)" value={element.correlationKey ?? ''} schema={feelText({ optional: true })} monospace onCommit={(v) => set('correlationKey', v.trim() === '' ? undefined : v)} />
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------
// User tasks

function UserTaskSettings({ model, element, run }: { model: BpmnModel; element: Extract<FlowElement, { type: 'userTask' }>; run: Run }) {
  const { set } = settersFor(run, element.id);
  const assignment = element.assignment ?? { candidateGroups: [], candidateUsers: [] };
  const setAssignment = (patch: Partial<typeof assignment>) => set('assignment', { ...assignment, ...patch });
  const fourEyes = element.fourEyes ?? { notStarter: false, notCompleterOf: [] };
  const otherUserTasks = model.elements.filter((e) => e.type === 'userTask' && e.id !== element.id);
  return (
    <>
      <Section title="Assignment" testId="section-assignment">
        <TextField label="Assignee" value={assignment.assignee ?? ''} schema={optionalText} placeholder="ann@example.com or =initiator" onCommit={(v) => setAssignment({ assignee: v })} testId="prop-assignee" />
        <TextField label="Candidate groups (comma separated)" value={assignment.candidateGroups.join(', ')} schema={csvList} onCommit={(v) => setAssignment({ candidateGroups: v })} testId="prop-candidate-groups" />
        <TextField label="Candidate users (comma separated)" value={assignment.candidateUsers.join(', ')} schema={csvList} onCommit={(v) => setAssignment({ candidateUsers: v })} />
        <TextField label="Due (duration, date or FEEL)" value={assignment.dueDate ?? ''} schema={optionalText} placeholder="P2D" onCommit={(v) => setAssignment({ dueDate: v })} />
        <TextField label="Follow-up (duration, date or FEEL)" value={assignment.followUpDate ?? ''} schema={optionalText} onCommit={(v) => setAssignment({ followUpDate: v })} />
        <TextField label="Priority (0–100 or FEEL)" value={assignment.priority ?? ''} schema={optionalText} onCommit={(v) => setAssignment({ priority: v })} />
      </Section>
      <FormEditor element={element} run={run} />
      <Section title="Visible to the assignee">
        <TextField
          label="Variables (comma separated)"
          value={(element.visibleVariables ?? []).join(', ')}
          schema={csvList}
          hint="Besides the form's own fields; empty means none."
          onCommit={(v) => set('visibleVariables', v.length > 0 ? v : undefined)}
          testId="prop-visible-variables"
        />
      </Section>
      <Section title="Four eyes">
        <CheckboxField label="Not the person who started the instance" checked={fourEyes.notStarter} onChange={(v) => set('fourEyes', { ...fourEyes, notStarter: v })} testId="prop-four-eyes-starter" />
        {otherUserTasks.map((t) => (
          <CheckboxField
            key={t.id}
            label={`Not who completed ${t.name ?? t.id}`}
            checked={fourEyes.notCompleterOf.includes(t.id)}
            onChange={(v) => set('fourEyes', { ...fourEyes, notCompleterOf: v ? [...fourEyes.notCompleterOf, t.id] : fourEyes.notCompleterOf.filter((x) => x !== t.id) })}
          />
        ))}
      </Section>
    </>
  );
}

const FIELD_TYPES: FormField['type'][] = ['text', 'number', 'boolean', 'select', 'date', 'textarea'];

function FormEditor({ element, run }: { element: Extract<FlowElement, { type: 'userTask' }>; run: Run }) {
  const { set } = settersFor(run, element.id);
  const fields = element.form?.fields ?? [];
  const setFields = (next: FormField[]) => set('form', { ...element.form, fields: next });
  const update = (index: number, patch: Partial<FormField>) => setFields(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <Section title="Form" testId="section-form">
      {fields.map((field, index) => (
        <div key={index} className="space-y-1 rounded border border-gray-200 p-1.5" data-testid="form-field">
          <div className="grid grid-cols-2 gap-1">
            <TextField label="Key" value={field.key} schema={variableName} onCommit={(key) => update(index, { key })} testId={`form-field-${index}-key`} />
            <SelectField label="Type" value={field.type} options={FIELD_TYPES.map((t) => ({ value: t, label: t }))} onChange={(type) => update(index, { type })} testId={`form-field-${index}-type`} />
          </div>
          <TextField label="Label" value={field.label ?? ''} schema={optionalText} onCommit={(label) => update(index, { label })} />
          <CheckboxField label="Required" checked={field.required} onChange={(required) => update(index, { required })} />
          {(field.type === 'number' || field.type === 'text' || field.type === 'textarea') && (
            <div className="grid grid-cols-2 gap-1">
              <TextField label={field.type === 'number' ? 'Min' : 'Min length'} value={field.min === undefined ? '' : String(field.min)} schema={optionalNumber} onCommit={(min) => update(index, { min })} />
              <TextField label={field.type === 'number' ? 'Max' : 'Max length'} value={field.max === undefined ? '' : String(field.max)} schema={optionalNumber} onCommit={(max) => update(index, { max })} />
            </div>
          )}
          {(field.type === 'text' || field.type === 'textarea') && (
            <TextField label="Pattern (regular expression)" value={field.pattern ?? ''} schema={regexText} monospace onCommit={(pattern) => update(index, { pattern: pattern === '' ? undefined : pattern })} />
          )}
          {field.type === 'select' && (
            <TextField
              label="Options (comma separated)"
              value={field.options.map((o) => o.value).join(', ')}
              schema={csvList}
              onCommit={(values) => update(index, { options: values.map((value) => ({ value })) })}
            />
          )}
          <button type="button" className="text-[11px] text-red-700 hover:underline" onClick={() => setFields(fields.filter((_, i) => i !== index))}>
            Remove field
          </button>
        </div>
      ))}
      <button
        type="button"
        className="rounded border border-gray-300 px-2 py-0.5 text-[11px] hover:bg-gray-50"
        data-testid="form-add-field"
        onClick={() => setFields([...fields, { key: `field${fields.length + 1}`, type: 'text', required: false, options: [] }])}
      >
        Add field
      </button>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------
// Jobs and agents

type JobEl = Extract<FlowElement, { type: 'serviceTask' | 'sendTask' | 'businessRuleTask' }>;

function JobSettings({ element, run }: { element: JobEl; run: Run }) {
  const { set } = settersFor(run, element.id);
  const job = element.job;
  const retry = job?.retry ?? { attempts: 3, initialBackoff: 'PT1S', factor: 2, jitter: 0 };
  const setJob = (patch: Record<string, unknown>) => set('job', { type: job?.type ?? '', ...job, ...patch });
  const http = element.http;
  const setHttp = (patch: Record<string, unknown>) => set('http', { method: 'GET', url: '', headers: [], secrets: [], ...http, ...patch });
  return (
    <>
      <Section title="Job" testId="section-job">
        <TextField label="Job type" value={job?.type ?? ''} schema={optionalText} placeholder="send-invoice" onCommit={(type) => (type ? setJob({ type }) : set('job', undefined))} testId="prop-job-type" />
        {job && (
          <>
            <div className="grid grid-cols-2 gap-1">
              <TextField label="Retries" value={String(retry.attempts)} schema={optionalInt(1, 100)} onCommit={(attempts) => setJob({ retry: { ...retry, attempts: attempts ?? 3 } })} testId="prop-retries" />
              <TextField label="Backoff factor" value={String(retry.factor)} schema={optionalNumber.refine((v) => v === undefined || (v >= 1 && v <= 10), 'Between 1 and 10')} onCommit={(factor) => setJob({ retry: { ...retry, factor: factor ?? 2 } })} />
            </div>
            <div className="grid grid-cols-2 gap-1">
              <TextField label="First backoff" value={retry.initialBackoff} schema={durationText} onCommit={(v) => setJob({ retry: { ...retry, initialBackoff: v.trim() || 'PT1S' } })} testId="prop-backoff" />
              <TextField label="Max backoff" value={retry.maxBackoff ?? ''} schema={durationText} onCommit={(v) => setJob({ retry: { ...retry, maxBackoff: v.trim() || undefined } })} />
            </div>
            <TextField label="Timeout (ISO 8601 duration)" value={job.timeout ?? ''} schema={durationText} placeholder="PT30S" onCommit={(v) => setJob({ timeout: v.trim() || undefined })} testId="prop-timeout" />
          </>
        )}
      </Section>
      {!element.agent && (
        <Section title="HTTP connector" testId="section-http">
          <CheckboxField label="Call an HTTP endpoint" checked={http !== undefined} onChange={(v) => (v ? setHttp({ url: 'https://' }) : set('http', undefined))} testId="prop-http-enabled" />
          {http && (
            <>
              <SelectField label="Method" value={http.method} options={(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((m) => ({ value: m, label: m }))} onChange={(method) => setHttp({ method })} />
              <TextField label="URL (text or FEEL template)" value={http.url} schema={feelTemplateText.pipe(requiredText('A URL'))} monospace onCommit={(url) => setHttp({ url })} testId="prop-http-url" />
              <TextField
                label="Headers (one per line, Name: value)"
                value={http.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}
                schema={headersText}
                multiline
                monospace
                onCommit={(headers) => setHttp({ headers })}
              />
              <TextField label="Body (FEEL template)" value={http.body ?? ''} schema={feelTemplateText} multiline monospace onCommit={(body) => setHttp({ body: body || undefined })} />
              <TextField label="Result variable" value={http.resultVariable ?? ''} schema={optionalText} onCommit={(resultVariable) => setHttp({ resultVariable })} />
              <TextField label="Secrets used (comma separated)" value={http.secrets.join(', ')} schema={csvList} onCommit={(secrets) => setHttp({ secrets })} />
            </>
          )}
        </Section>
      )}
    </>
  );
}

function AgentSettings({ element, run }: { element: Extract<FlowElement, { type: 'serviceTask' }>; run: Run }) {
  const { set } = settersFor(run, element.id);
  const agent = element.agent;
  if (!agent) return null;
  const setAgent = (patch: Record<string, unknown>) => set('agent', { ...agent, ...patch });
  return (
    <Section title="Agent" testId="section-agent">
      <div className="grid grid-cols-2 gap-1">
        <TextField label="Provider" value={agent.provider ?? ''} schema={optionalText} placeholder="openai" onCommit={(provider) => setAgent({ provider })} testId="prop-agent-provider" />
        <TextField label="Model" value={agent.model ?? ''} schema={optionalText} onCommit={(model) => setAgent({ model })} testId="prop-agent-model" />
      </div>
      <TextField label="Goal" value={agent.goal ?? ''} schema={optionalText} multiline onCommit={(goal) => setAgent({ goal })} testId="prop-agent-goal" />
      <TextField label="System prompt" value={agent.systemPrompt ?? ''} schema={optionalText} multiline onCommit={(systemPrompt) => setAgent({ systemPrompt })} />
      <TextField label="Tools (comma separated)" value={agent.tools.join(', ')} schema={csvList} onCommit={(tools) => setAgent({ tools })} testId="prop-agent-tools" />
      <TextField label="Acts as roles" value={agent.actsAs.roles.join(', ')} schema={csvList} onCommit={(roles) => setAgent({ actsAs: { ...agent.actsAs, roles } })} />
      <TextField label="Acts as groups" value={agent.actsAs.groups.join(', ')} schema={csvList} onCommit={(groups) => setAgent({ actsAs: { ...agent.actsAs, groups } })} />
      <div className="grid grid-cols-3 gap-1">
        <TextField label="Max model calls" value={agent.limits.maxModelCalls?.toString() ?? ''} schema={optionalInt(1, 10_000)} onCommit={(maxModelCalls) => setAgent({ limits: { ...agent.limits, maxModelCalls } })} />
        <TextField label="Max tool calls" value={agent.limits.maxToolCalls?.toString() ?? ''} schema={optionalInt(0, 10_000)} onCommit={(maxToolCalls) => setAgent({ limits: { ...agent.limits, maxToolCalls } })} />
        <TextField label="Max tokens" value={agent.limits.maxTokens?.toString() ?? ''} schema={optionalInt(1, 10_000_000)} onCommit={(maxTokens) => setAgent({ limits: { ...agent.limits, maxTokens } })} />
      </div>
      <TextField label="Answer schema (JSON schema)" value={agent.answerSchema ?? ''} schema={jsonText} multiline monospace onCommit={(answerSchema) => setAgent({ answerSchema })} />
      <TextField label="Error code on denial or failure" value={agent.escalationErrorCode ?? ''} schema={optionalText} onCommit={(escalationErrorCode) => setAgent({ escalationErrorCode })} />
      <TextField label="Result variable" value={agent.resultVariable ?? ''} schema={optionalText} onCommit={(resultVariable) => setAgent({ resultVariable })} testId="prop-agent-result" />
    </Section>
  );
}

// ---------------------------------------------------------------------------------------
// Multi-instance and mappings

type LoopEl = Extract<FlowElement, { loop?: unknown }>;

function MultiInstanceSettings({ element, run }: { element: FlowElement; run: Run }) {
  const { set } = settersFor(run, element.id);
  if (!('loop' in element) && !isActivity(element)) return null;
  const loop = (element as LoopEl).loop;
  const mi = loop?.kind === 'multiInstance' ? loop : undefined;
  const mode = !loop ? 'none' : loop.kind === 'standardLoop' ? 'loop' : loop.isSequential ? 'sequential' : 'parallel';
  const setMi = (patch: Record<string, unknown>) => set('loop', { kind: 'multiInstance', isSequential: false, ...mi, ...patch });
  return (
    <Section title="Multi-instance" testId="section-multi-instance">
      <SelectField
        label="Runs"
        value={mode}
        testId="prop-multi-instance"
        options={[
          { value: 'none', label: 'Once' },
          { value: 'parallel', label: 'Parallel multi-instance' },
          { value: 'sequential', label: 'Sequential multi-instance' },
          ...(mode === 'loop' ? [{ value: 'loop', label: 'Standard loop' }] : []),
        ]}
        onChange={(next) => {
          if (next === 'none') set('loop', undefined);
          else if (next === 'parallel' || next === 'sequential') setMi({ isSequential: next === 'sequential' });
        }}
      />
      {mi && (
        <>
          <TextField label="Collection (FEEL)" value={mi.collection ?? ''} schema={feelText({ optional: true })} monospace placeholder="=approvers" onCommit={(v) => setMi({ collection: v.trim() || undefined })} testId="prop-mi-collection" />
          <TextField label="Element variable" value={mi.elementVariable ?? ''} schema={optionalText} onCommit={(elementVariable) => setMi({ elementVariable })} />
          <TextField label="Cardinality (FEEL)" value={mi.loopCardinality ?? ''} schema={feelText({ optional: true })} monospace onCommit={(v) => setMi({ loopCardinality: v.trim() || undefined })} />
          <TextField label="Output collection" value={mi.outputCollection ?? ''} schema={optionalText} onCommit={(outputCollection) => setMi({ outputCollection })} />
          <TextField label="Output element (FEEL)" value={mi.outputElement ?? ''} schema={feelText({ optional: true })} monospace onCommit={(v) => setMi({ outputElement: v.trim() || undefined })} />
          <TextField label="Completion condition (FEEL)" value={mi.completionCondition ?? ''} schema={feelText({ optional: true })} monospace onCommit={(v) => setMi({ completionCondition: v.trim() || undefined })} />
        </>
      )}
    </Section>
  );
}

function MappingsEditor({ element, run }: { element: FlowElement; run: Run }) {
  const { set } = settersFor(run, element.id);
  const mapping: IoMapping = ('ioMapping' in element && element.ioMapping) || { inputs: [], outputs: [] };
  const text = (list: IoMapping['inputs']) => list.map((m) => `${m.target} = ${m.source}`).join('\n');
  return (
    <Section title="Input / output mappings" testId="section-mappings">
      <TextField label="Inputs (one per line: variable = FEEL)" value={text(mapping.inputs)} schema={mappingLines} multiline monospace onCommit={(inputs) => set('ioMapping', inputs.length + mapping.outputs.length > 0 ? { ...mapping, inputs } : undefined)} testId="prop-inputs" />
      <TextField label="Outputs (one per line: variable = FEEL)" value={text(mapping.outputs)} schema={mappingLines} multiline monospace onCommit={(outputs) => set('ioMapping', outputs.length + mapping.inputs.length > 0 ? { ...mapping, outputs } : undefined)} testId="prop-outputs" />
    </Section>
  );
}
