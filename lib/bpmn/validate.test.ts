import { describe, expect, it } from 'vitest';
import type { Finding } from './findings';
import type { BpmnModel } from './model';
import { canPublish, EXECUTION_FINDING_CODES, EXECUTION_FINDINGS, validateForExecution, type ExecutionFindingCode } from './validate';
import { buildModel, chain, flow, type ElementInput, type ModelInput } from './test-support/model-builder';

// ---------------------------------------------------------------------------------------
// Helpers

const start: ElementInput = { id: 'start', type: 'startEvent' };
const end: ElementInput = { id: 'end', type: 'endEvent' };

function jobTask(id: string, extra: Partial<Extract<ElementInput, { type: 'serviceTask' }>> = {}): ElementInput {
  return { id, type: 'serviceTask', job: { type: 'noop' }, ...extra };
}

/** start → element → end, plus anything else given. */
function around(element: ElementInput, rest: ModelInput = {}): BpmnModel {
  return buildModel({
    ...rest,
    elements: [start, element, end, ...(rest.elements ?? [])],
    flows: [...chain('start', element.id, 'end'), ...(rest.flows ?? [])],
  });
}

function codes(findings: Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

// ---------------------------------------------------------------------------------------
// Good models

/** The bench process: start → script → xor (condition + default) → script → merge → parallel split/join → end. */
function benchModel(): BpmnModel {
  return buildModel({
    elements: [
      { id: 'start', type: 'startEvent', name: 'Start' },
      { id: 'score', type: 'scriptTask', expression: '=amount / 10', resultVariable: 'score' },
      { id: 'route', type: 'exclusiveGateway', default: 'fLow' },
      { id: 'high', type: 'scriptTask', expression: '="high"', resultVariable: 'band' },
      { id: 'low', type: 'scriptTask', expression: '="low"', resultVariable: 'band' },
      { id: 'merge', type: 'exclusiveGateway' },
      { id: 'split', type: 'parallelGateway' },
      jobTask('t1'),
      jobTask('t2'),
      jobTask('t3'),
      { id: 'join', type: 'parallelGateway' },
      { id: 'end', type: 'endEvent' },
    ],
    flows: [
      flow('f1', 'start', 'score'),
      flow('f2', 'score', 'route'),
      flow('fHigh', 'route', 'high', '=score > 50'),
      flow('fLow', 'route', 'low'),
      flow('fHigh2', 'high', 'merge'),
      flow('fLow2', 'low', 'merge'),
      flow('f3', 'merge', 'split'),
      flow('p1', 'split', 't1'),
      flow('p2', 'split', 't2'),
      flow('p3', 'split', 't3'),
      flow('q1', 't1', 'join'),
      flow('q2', 't2', 'join'),
      flow('q3', 't3', 'join'),
      flow('f9', 'join', 'end'),
    ],
  });
}

/** Order fulfilment: compensation handler, error boundary, timer catch, compensation throw. */
function orderFulfilmentModel(): BpmnModel {
  return buildModel({
    elements: [
      { id: 'order_placed', type: 'startEvent' },
      jobTask('reserve_inventory', { job: { type: 'inventory.reserve', timeout: 'PT30S', retry: { attempts: 3, initialBackoff: 'PT1S' } } }),
      { id: 'reservation_compensation', type: 'boundaryEvent', attachedToRef: 'reserve_inventory', eventDefinitions: [{ kind: 'compensate' }] },
      jobTask('release_inventory', { isForCompensation: true }),
      jobTask('charge_payment'),
      { id: 'payment_declined', type: 'boundaryEvent', attachedToRef: 'charge_payment', eventDefinitions: [{ kind: 'error', errorRef: 'payment_declined_error' }] },
      { id: 'undo_reservation', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'compensate', waitForCompletion: true }] },
      { id: 'order_cancelled', type: 'endEvent' },
      { id: 'dispatch_window', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT5M' } }] },
      jobTask('ship_order'),
      { id: 'order_shipped', type: 'endEvent' },
    ],
    flows: [
      ...chain('order_placed', 'reserve_inventory', 'charge_payment', 'dispatch_window', 'ship_order', 'order_shipped'),
      ...chain('payment_declined', 'undo_reservation', 'order_cancelled'),
    ],
    artifacts: [{ id: 'a_handler', type: 'association', sourceRef: 'reservation_compensation', targetRef: 'release_inventory' }],
    globals: { errors: [{ id: 'payment_declined_error', errorCode: 'PAYMENT_DECLINED' }] },
  });
}

/** Sub-process, event sub-process, links, messages with correlation, user task with form and four-eyes, call activity, multi-instance. */
function richModel(): BpmnModel {
  return buildModel({
    elements: [
      { id: 'start', type: 'startEvent', eventDefinitions: [{ kind: 'message', messageRef: 'Msg_order' }] },
      { id: 'review', type: 'userTask', form: { fields: [{ key: 'ok', type: 'boolean' }, { key: 'amount', type: 'number', min: 0, max: 10 }, { key: 'code', type: 'text', pattern: '^[A-Z]{3}$' }] } },
      {
        id: 'approve',
        type: 'userTask',
        fourEyes: { notCompleterOf: ['review'] },
        assignment: { candidateGroups: ['managers'], dueDate: 'P2D', priority: '=if urgent then 90 else 50', assignee: '=initiator' },
        escalationPolicy: { steps: [{ after: 'PT4H', action: 'remind' }] },
      },
      { id: 'sub', type: 'subProcess', loop: { kind: 'multiInstance', collection: '=items', elementVariable: 'item' } },
      { id: 'sub_start', type: 'startEvent', parentId: 'sub' },
      { id: 'sub_call', type: 'callActivity', parentId: 'sub', calledElement: 'ship-item', ioMapping: { inputs: [{ source: '=item.sku', target: 'sku' }, { source: 'express', target: 'mode' }], outputs: [] } },
      { id: 'sub_end', type: 'endEvent', parentId: 'sub' },
      { id: 'jump', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'link', linkName: 'tail' }] },
      { id: 'land', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'link', linkName: 'tail' }] },
      { id: 'wait', type: 'eventBasedGateway' },
      { id: 'paid', type: 'intermediateCatchEvent', correlationKey: '=orderId', eventDefinitions: [{ kind: 'message', messageRef: 'Msg_paid' }] },
      { id: 'too_late', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeDuration: { body: '=paymentWindow' } }] },
      { id: 'notify', type: 'serviceTask', http: { url: '="https://api.example.com/orders/" + orderId', method: 'POST', headers: [{ name: 'X-Source', value: 'baton' }] } },
      { id: 'end', type: 'endEvent' },
      { id: 'expired', type: 'endEvent', eventDefinitions: [{ kind: 'terminate' }] },
      { id: 'on_cancel', type: 'subProcess', triggeredByEvent: true },
      { id: 'cancel_start', type: 'startEvent', parentId: 'on_cancel', isInterrupting: true, eventDefinitions: [{ kind: 'signal', signalRef: 'Sig_cancel' }] },
      { id: 'cancel_end', type: 'endEvent', parentId: 'on_cancel' },
      { id: 'reminder', type: 'boundaryEvent', attachedToRef: 'approve', cancelActivity: false, eventDefinitions: [{ kind: 'timer', timeCycle: { body: 'R3/PT1H' } }] },
      { id: 'remind', type: 'sendTask', messageRef: 'Msg_reminder', job: { type: 'mail.send' } },
      { id: 'reminded', type: 'endEvent' },
    ],
    flows: [
      ...chain('start', 'review', 'approve', 'sub', 'jump'),
      ...chain('land', 'wait'),
      flow('to_paid', 'wait', 'paid'),
      flow('to_late', 'wait', 'too_late'),
      ...chain('paid', 'notify', 'end'),
      ...chain('too_late', 'expired'),
      ...chain('sub_start', 'sub_call', 'sub_end').map((f) => ({ ...f, parentId: 'sub' })),
      ...chain('cancel_start', 'cancel_end').map((f) => ({ ...f, parentId: 'on_cancel' })),
      ...chain('reminder', 'remind', 'reminded'),
    ],
    globals: {
      messages: [{ id: 'Msg_order' }, { id: 'Msg_paid' }, { id: 'Msg_reminder' }],
      signals: [{ id: 'Sig_cancel' }],
    },
  });
}

describe('validateForExecution: good models', () => {
  it('given the bench process, when validated, then there are no findings', () => {
    expect(validateForExecution(benchModel())).toEqual([]);
  });

  it('given the order fulfilment process with compensation, when validated, then there are no findings', () => {
    expect(validateForExecution(orderFulfilmentModel())).toEqual([]);
  });

  it('given a process using sub-processes, events, links, forms and connectors well, when validated, then there are no findings', () => {
    expect(validateForExecution(richModel())).toEqual([]);
  });

  it('given a JUEL condition that translates, when validated, then it is accepted', () => {
    const model = benchModel();
    const high = model.flows.find((f) => f.id === 'fHigh');
    if (high) high.condition = { body: '${score > 50 && approved}' };
    expect(validateForExecution(model)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// One scenario per finding code

type Scenario = {
  code: ExecutionFindingCode;
  given: string;
  model: () => BpmnModel;
  /** The element the finding is about; undefined for model-wide findings. */
  elementId: string | undefined;
  /** Words the message must contain. */
  says: string;
};

const scenarios: Scenario[] = [
  // Processes and structure
  {
    code: 'process.none-executable',
    given: 'a model whose only process is not executable',
    model: () => buildModel({ processes: [{ id: 'Process_1', isExecutable: false }], elements: [start, end], flows: chain('start', 'end') }),
    elementId: undefined,
    says: 'No process is marked executable',
  },
  {
    code: 'process.no-start-event',
    given: 'a process with only an event sub-process',
    model: () =>
      buildModel({
        elements: [
          { id: 'esp', type: 'subProcess', triggeredByEvent: true },
          { id: 'esp_start', type: 'startEvent', parentId: 'esp', eventDefinitions: [{ kind: 'message', messageRef: 'Msg_1' }] },
          { id: 'esp_end', type: 'endEvent', parentId: 'esp' },
        ],
        flows: [{ ...flow('f', 'esp_start', 'esp_end'), parentId: 'esp' }],
        globals: { messages: [{ id: 'Msg_1' }] },
      }),
    elementId: 'Process_1',
    says: 'cannot be started',
  },
  {
    code: 'element.unknown-parent',
    given: 'a task inside a sub-process that does not exist',
    model: () => around(jobTask('task'), { elements: [jobTask('lost', { parentId: 'Nowhere' })] }),
    elementId: 'lost',
    says: 'is inside "Nowhere"',
  },
  {
    code: 'element.unsupported',
    given: 'a complex gateway',
    model: () => around({ id: 'complex', type: 'complexGateway' }),
    elementId: 'complex',
    says: 'Complex gateway complex: complex gateways are not supported',
  },
  {
    code: 'element.unreachable',
    given: 'a task that no flow leads to',
    model: () => around(jobTask('task'), { elements: [jobTask('orphan'), { id: 'end2', type: 'endEvent' }], flows: chain('orphan', 'end2') }),
    elementId: 'orphan',
    says: 'can never run',
  },
  {
    code: 'element.implicit-end',
    given: 'a task without outgoing flow',
    model: () => buildModel({ elements: [start, jobTask('task')], flows: chain('start', 'task') }),
    elementId: 'task',
    says: 'implicit end',
  },
  {
    code: 'sub-process.no-start-event',
    given: 'an embedded sub-process without a start event',
    model: () => around({ id: 'sub', type: 'subProcess' }, { elements: [jobTask('inner', { parentId: 'sub' })] }),
    elementId: 'sub',
    says: 'has no start event',
  },
  {
    code: 'boundary.not-attached',
    given: 'a boundary event attached to a gateway',
    model: () =>
      around(
        { id: 'gw', type: 'exclusiveGateway' },
        { elements: [{ id: 'b', type: 'boundaryEvent', attachedToRef: 'gw', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1M' } }] }, { id: 'e2', type: 'endEvent' }], flows: chain('b', 'e2') },
      ),
    elementId: 'b',
    says: 'which is not an activity',
  },

  // Sequence flows and gateways
  {
    code: 'flow.unknown-source',
    given: 'a flow from an element that does not exist',
    model: () => around(jobTask('task'), { flows: [flow('ghost', 'missing', 'task')] }),
    elementId: 'ghost',
    says: 'starts at "missing", which does not exist',
  },
  {
    code: 'flow.unknown-target',
    given: 'a flow to an element that does not exist',
    model: () => around(jobTask('task'), { flows: [flow('ghost', 'task', 'missing')] }),
    elementId: 'ghost',
    says: 'ends at "missing", which does not exist',
  },
  {
    code: 'flow.crosses-boundary',
    given: 'a flow from inside a sub-process to an end event outside',
    model: () =>
      around(
        { id: 'sub', type: 'subProcess' },
        {
          elements: [{ id: 'sub_start', type: 'startEvent', parentId: 'sub' }, jobTask('inner', { parentId: 'sub' })],
          flows: [{ ...flow('inner_flow', 'sub_start', 'inner'), parentId: 'sub' }, flow('escape', 'inner', 'end')],
        },
      ),
    elementId: 'escape',
    says: 'cannot cross a sub-process boundary',
  },
  {
    code: 'flow.invalid-source',
    given: 'a flow out of an end event',
    model: () => around(jobTask('task'), { elements: [jobTask('after')], flows: [flow('out_of_end', 'end', 'after')] }),
    elementId: 'out_of_end',
    says: 'an end event cannot have outgoing sequence flows',
  },
  {
    code: 'flow.invalid-target',
    given: 'a flow into a start event',
    model: () => around(jobTask('task'), { flows: [flow('back_to_start', 'task', 'start')] }),
    elementId: 'back_to_start',
    says: 'a start event cannot have incoming sequence flows',
  },
  {
    code: 'flow.condition-not-allowed',
    given: 'a conditional flow out of a parallel gateway',
    model: () => around({ id: 'split', type: 'parallelGateway' }, { elements: [{ id: 'end2', type: 'endEvent' }], flows: [flow('cond', 'split', 'end2', '=a > 1')] }),
    elementId: 'cond',
    says: 'flows out of a parallel gateway are all taken',
  },
  {
    code: 'flow.invalid-condition',
    given: 'an exclusive gateway flow whose FEEL condition does not parse',
    model: () =>
      around({ id: 'gw', type: 'exclusiveGateway', default: 'gw-end' }, { elements: [{ id: 'end2', type: 'endEvent' }], flows: [flow('broken', 'gw', 'end2', '=amount >')] }),
    elementId: 'broken',
    says: 'The condition "amount >" of sequence flow broken is not valid FEEL: FEEL syntax error at position 9',
  },
  {
    code: 'flow.condition-on-default',
    given: 'a default flow with a condition',
    model: () =>
      withCondition(
        around({ id: 'gw', type: 'exclusiveGateway', default: 'gw-end' }, { elements: [{ id: 'end2', type: 'endEvent' }], flows: [flow('other', 'gw', 'end2', '=a > 1')] }),
        'gw-end',
        '=true',
      ),
    elementId: 'gw-end',
    says: 'its condition is ignored',
  },
  {
    code: 'flow.default-not-outgoing',
    given: 'a gateway whose default flow leaves another element',
    model: () => around({ id: 'gw', type: 'exclusiveGateway', default: 'start-gw' }),
    elementId: 'gw',
    says: 'but that flow does not leave it',
  },
  {
    code: 'gateway.no-outgoing',
    given: 'a gateway without outgoing flow',
    model: () => buildModel({ elements: [start, { id: 'gw', type: 'exclusiveGateway' }], flows: chain('start', 'gw') }),
    elementId: 'gw',
    says: 'a gateway must lead somewhere',
  },
  {
    code: 'gateway.flow-without-condition',
    given: 'an exclusive gateway with an unconditioned non-default flow',
    model: () =>
      around({ id: 'gw', type: 'exclusiveGateway' }, { elements: [{ id: 'end2', type: 'endEvent' }], flows: [flow('cond', 'gw', 'end2', '=a > 1')] }),
    elementId: 'gw-end',
    says: 'without a condition and is not its default flow',
  },
  {
    code: 'event-gateway.invalid-target',
    given: 'an event-based gateway followed by a service task',
    model: () =>
      around(
        { id: 'gw', type: 'eventBasedGateway' },
        {
          elements: [{ id: 'timer', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] }, { id: 'end2', type: 'endEvent' }],
          flows: [flow('to_timer', 'gw', 'timer'), ...chain('timer', 'end2')],
        },
      ),
    elementId: 'end',
    says: 'may follow an event-based gateway',
  },
  {
    code: 'event-gateway.too-few-targets',
    given: 'an event-based gateway with one outgoing flow',
    model: () =>
      buildModel({
        elements: [start, { id: 'gw', type: 'eventBasedGateway' }, { id: 'timer', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] }, end],
        flows: chain('start', 'gw', 'timer', 'end'),
      }),
    elementId: 'gw',
    says: 'has only one outgoing flow',
  },

  // Events
  {
    code: 'timer.no-value',
    given: 'a timer event without date, duration or cycle',
    model: () => around({ id: 'timer', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer' }] }),
    elementId: 'timer',
    says: 'without a date, duration or cycle',
  },
  {
    code: 'timer.several-values',
    given: 'a timer with both a date and a duration',
    model: () =>
      around({ id: 'timer', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeDate: { body: '2026-12-01T10:00:00Z' }, timeDuration: { body: 'PT1H' } }] }),
    elementId: 'timer',
    says: 'has a timer with date and duration at once',
  },
  {
    code: 'timer.invalid',
    given: 'a timer duration that is not ISO 8601',
    model: () => around({ id: 'timer', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT10X' } }] }),
    elementId: 'timer',
    says: '"PT10X" is not an ISO 8601 duration',
  },
  {
    code: 'timer.cycle-not-allowed',
    given: 'an intermediate timer catch event with a cycle',
    model: () => around({ id: 'timer', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer', timeCycle: { body: 'R3/PT1H' } }] }),
    elementId: 'timer',
    says: 'cycles are for start events and non-interrupting boundary events',
  },
  {
    code: 'message.missing-ref',
    given: 'a receive task without a message',
    model: () => around({ id: 'receive', type: 'receiveTask' }),
    elementId: 'receive',
    says: 'names no message',
  },
  {
    code: 'message.unknown-ref',
    given: 'a message catch event naming a message that does not exist',
    model: () => around({ id: 'catch', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'message', messageRef: 'Msg_missing' }] }),
    elementId: 'catch',
    says: 'refers to the message "Msg_missing", which does not exist',
  },
  {
    code: 'message.invalid-correlation-key',
    given: 'a receive task whose correlation key is not valid FEEL',
    model: () => around({ id: 'receive', type: 'receiveTask', messageRef: 'Msg_1', correlationKey: '=order.' }, { globals: { messages: [{ id: 'Msg_1' }] } }),
    elementId: 'receive',
    says: 'invalid correlation key',
  },
  {
    code: 'error.missing-ref',
    given: 'an error end event without an error',
    model: () => buildModel({ elements: [start, { id: 'fail', type: 'endEvent', eventDefinitions: [{ kind: 'error' }] }], flows: chain('start', 'fail') }),
    elementId: 'fail',
    says: 'names no error',
  },
  {
    code: 'error.unknown-ref',
    given: 'an error boundary event naming an error that does not exist',
    model: () =>
      around(jobTask('task'), {
        elements: [{ id: 'b', type: 'boundaryEvent', attachedToRef: 'task', eventDefinitions: [{ kind: 'error', errorRef: 'Err_missing' }] }, { id: 'e2', type: 'endEvent' }],
        flows: chain('b', 'e2'),
      }),
    elementId: 'b',
    says: 'refers to the error "Err_missing"',
  },
  {
    code: 'escalation.missing-ref',
    given: 'an escalation throw event without an escalation',
    model: () => around({ id: 'raise', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'escalation' }] }),
    elementId: 'raise',
    says: 'names no escalation',
  },
  {
    code: 'escalation.unknown-ref',
    given: 'an escalation end event naming an escalation that does not exist',
    model: () => buildModel({ elements: [start, { id: 'raise', type: 'endEvent', eventDefinitions: [{ kind: 'escalation', escalationRef: 'Esc_missing' }] }], flows: chain('start', 'raise') }),
    elementId: 'raise',
    says: 'refers to the escalation "Esc_missing"',
  },
  {
    code: 'signal.missing-ref',
    given: 'a signal catch event without a signal',
    model: () => around({ id: 'wait', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'signal' }] }),
    elementId: 'wait',
    says: 'names no signal: choose which signal it waits for',
  },
  {
    code: 'signal.unknown-ref',
    given: 'a signal throw event naming a signal that does not exist',
    model: () => around({ id: 'send', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'signal', signalRef: 'Sig_missing' }] }),
    elementId: 'send',
    says: 'refers to the signal "Sig_missing"',
  },
  {
    code: 'link.missing-name',
    given: 'a link throw event without a name',
    model: () => buildModel({ elements: [start, { id: 'jump', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'link' }] }], flows: chain('start', 'jump') }),
    elementId: 'jump',
    says: 'has no link name',
  },
  {
    code: 'link.no-catch',
    given: 'a link throw event without a matching catch in its scope',
    model: () => buildModel({ elements: [start, { id: 'jump', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'link', linkName: 'nowhere' }] }], flows: chain('start', 'jump') }),
    elementId: 'jump',
    says: 'no link catch event of that name is in the same scope',
  },
  {
    code: 'link.duplicate-catch',
    given: 'two link catch events with the same name in one scope',
    model: () =>
      buildModel({
        elements: [
          start,
          { id: 'jump', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'link', linkName: 'next' }] },
          { id: 'land1', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'link', linkName: 'next' }] },
          { id: 'land2', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'link', linkName: 'next' }] },
          end,
          { id: 'end2', type: 'endEvent' },
        ],
        flows: [...chain('start', 'jump'), ...chain('land1', 'end'), ...chain('land2', 'end2')],
      }),
    elementId: 'land2',
    says: 'link names must be unique',
  },
  {
    code: 'compensation.no-handler',
    given: 'a compensation boundary event without an associated handler',
    model: () => around(jobTask('task'), { elements: [{ id: 'comp', type: 'boundaryEvent', attachedToRef: 'task', eventDefinitions: [{ kind: 'compensate' }] }] }),
    elementId: 'comp',
    says: 'has no compensation activity',
  },
  {
    code: 'compensation.unknown-activity',
    given: 'a compensation throw event naming an activity that does not exist',
    model: () => around({ id: 'undo', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'compensate', activityRef: 'ghost' }] }),
    elementId: 'undo',
    says: 'compensates "ghost"',
  },

  // Tasks and activities
  {
    code: 'task.no-implementation',
    given: 'a service task without job type, connector or agent',
    model: () => around({ id: 'task', type: 'serviceTask' }),
    elementId: 'task',
    says: 'has no implementation',
  },
  {
    code: 'script.no-expression',
    given: 'a script task with neither expression nor script',
    model: () => around({ id: 'script', type: 'scriptTask' }),
    elementId: 'script',
    says: 'neither a FEEL expression nor a script',
  },
  {
    code: 'script.unsupported-format',
    given: 'a script task with a JavaScript script',
    model: () => around({ id: 'script', type: 'scriptTask', scriptFormat: 'javascript', script: 'next()' }),
    elementId: 'script',
    says: 'has a javascript script: not supported: Baton runs FEEL script tasks',
  },
  {
    code: 'script.invalid-expression',
    given: 'a script task whose FEEL does not parse',
    model: () => around({ id: 'script', type: 'scriptTask', expression: '=amount /', resultVariable: 'x' }),
    elementId: 'script',
    says: '"amount /" is not valid FEEL',
  },
  {
    code: 'script.no-result-variable',
    given: 'a FEEL script task without a result variable',
    model: () => around({ id: 'script', type: 'scriptTask', expression: '=amount / 10' }),
    elementId: 'script',
    says: 'has no result variable',
  },
  {
    code: 'call-activity.no-called-element',
    given: 'a call activity without a called process',
    model: () => around({ id: 'call', type: 'callActivity' }),
    elementId: 'call',
    says: 'does not say which process it calls',
  },
  {
    code: 'multi-instance.no-collection',
    given: 'a multi-instance task without collection or cardinality',
    model: () => around(jobTask('task', { loop: { kind: 'multiInstance' } })),
    elementId: 'task',
    says: 'neither an input collection nor a loop cardinality',
  },
  {
    code: 'multi-instance.invalid-expression',
    given: 'a multi-instance task whose completion condition is not valid FEEL',
    model: () => around(jobTask('task', { loop: { kind: 'multiInstance', collection: '=items', completionCondition: '=done &&' } })),
    elementId: 'task',
    says: 'invalid completion condition',
  },
  {
    code: 'mapping.invalid-source',
    given: 'an input mapping whose FEEL source does not parse',
    model: () => around(jobTask('task', { ioMapping: { inputs: [{ source: '=order.', target: 'orderId' }], outputs: [] } })),
    elementId: 'task',
    says: 'input mapping to "orderId" whose source is invalid',
  },
  {
    code: 'mapping.invalid-target',
    given: 'an output mapping to something that is not a variable name',
    model: () => around(jobTask('task', { ioMapping: { inputs: [], outputs: [{ source: '=result', target: 'order total' }] } })),
    elementId: 'task',
    says: 'which is not a variable name',
  },
  {
    code: 'form.duplicate-key',
    given: 'a user task form with two fields of the same key',
    model: () => around({ id: 'review', type: 'userTask', form: { fields: [{ key: 'ok', type: 'boolean' }, { key: 'ok', type: 'text' }] } }),
    elementId: 'review',
    says: 'more than one form field with the key "ok"',
  },
  {
    code: 'form.min-greater-than-max',
    given: 'a form field whose minimum exceeds its maximum',
    model: () => around({ id: 'review', type: 'userTask', form: { fields: [{ key: 'amount', type: 'number', min: 10, max: 1 }] } }),
    elementId: 'review',
    says: 'minimum 10 greater than maximum 1',
  },
  {
    code: 'form.invalid-pattern',
    given: 'a form field with an invalid regular expression',
    model: () => around({ id: 'review', type: 'userTask', form: { fields: [{ key: 'code', type: 'text', pattern: '[A-Z' }] } }),
    elementId: 'review',
    says: 'invalid pattern "[A-Z"',
  },
  {
    code: 'escalation.incomplete-step',
    given: 'an escalation step that reassigns to no group',
    model: () => around({ id: 'approve', type: 'userTask', escalationPolicy: { steps: [{ after: 'PT1H', action: 'reassign' }] } }),
    elementId: 'approve',
    says: 'names no group',
  },
  {
    code: 'four-eyes.unknown-task',
    given: 'a four-eyes rule naming an unknown task',
    model: () => around({ id: 'approve', type: 'userTask', fourEyes: { notCompleterOf: ['ghost'] } }),
    elementId: 'approve',
    says: 'naming "ghost", which is not a user task',
  },
  {
    code: 'assignment.invalid-value',
    given: 'a user task with a due date that is neither duration, date nor FEEL',
    model: () => around({ id: 'approve', type: 'userTask', assignment: { dueDate: 'tomorrow' } }),
    elementId: 'approve',
    says: 'invalid due date: "tomorrow" is neither an ISO 8601 duration',
  },
  {
    code: 'http.invalid-template',
    given: 'an HTTP connector whose URL template is not valid FEEL',
    model: () => around({ id: 'call', type: 'serviceTask', http: { url: '="https://api/" +' } }),
    elementId: 'call',
    says: 'invalid HTTP URL',
  },
  {
    code: 'agent.no-provider',
    given: 'an agent task that names no provider',
    model: () => around({ id: 'agent', type: 'serviceTask', agent: { tools: [], actsAs: { roles: [], groups: [] }, limits: {}, escalationErrorCode: 'E' } }),
    elementId: 'agent',
    says: 'names no LLM provider',
  },
  {
    code: 'agent.invalid-template',
    given: 'an agent task whose goal is not valid FEEL',
    model: () => around({ id: 'agent', type: 'serviceTask', agent: { provider: 'p', goal: '="a" +', tools: [], actsAs: { roles: [], groups: [] }, limits: {}, escalationErrorCode: 'E' } }),
    elementId: 'agent',
    says: 'The goal of',
  },
  {
    code: 'agent.invalid-answer-schema',
    given: 'an agent task whose answer schema is not JSON',
    model: () => around({ id: 'agent', type: 'serviceTask', agent: { provider: 'p', answerSchema: '{type:', tools: [], actsAs: { roles: [], groups: [] }, limits: {}, escalationErrorCode: 'E' } }),
    elementId: 'agent',
    says: 'answer schema',
  },
  {
    code: 'agent.no-escalation',
    given: 'an agent task without an escalation error code',
    model: () => around({ id: 'agent', type: 'serviceTask', agent: { provider: 'p', tools: [], actsAs: { roles: [], groups: [] }, limits: {} } }),
    elementId: 'agent',
    says: 'no escalation error code',
  },
  {
    code: 'duration.invalid',
    given: 'a job timeout that is not an ISO 8601 duration',
    model: () => around(jobTask('task', { job: { type: 'noop', timeout: '30s' } })),
    elementId: 'task',
    says: 'invalid job timeout: "30s" is not an ISO 8601 duration',
  },
];

function withCondition(model: BpmnModel, flowId: string, body: string): BpmnModel {
  return { ...model, flows: model.flows.map((f) => (f.id === flowId ? { ...f, condition: { body } } : f)) };
}

describe('validateForExecution: one scenario per finding code', () => {
  it.each(scenarios.map((scenario) => [scenario.given, scenario.code, scenario.elementId ?? 'the model', scenario] as const))(
    'given %s, when validated, then it reports %s on %s',
    (_given, code, _on, scenario) => {
      const findings = validateForExecution(scenario.model());
      const matching = findings.filter((found) => found.code === code);
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({ level: 'execution', severity: EXECUTION_FINDINGS[code].severity });
      expect(matching[0].elementId).toBe(scenario.elementId);
      expect(matching[0].message).toContain(scenario.says);
    },
  );

  it('given the catalogue of codes, when compared with the scenarios, then every code has a scenario', () => {
    const covered = new Set(scenarios.map((scenario) => scenario.code));
    expect(EXECUTION_FINDING_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Rule details

describe('validateForExecution: reachability', () => {
  it('given a task inside a sub-process, when validated, then it is reachable from the sub-process start event', () => {
    const model = around(
      { id: 'sub', type: 'subProcess' },
      {
        elements: [{ id: 'sub_start', type: 'startEvent', parentId: 'sub' }, jobTask('inner', { parentId: 'sub' }), { id: 'sub_end', type: 'endEvent', parentId: 'sub' }],
        flows: chain('sub_start', 'inner', 'sub_end').map((f) => ({ ...f, parentId: 'sub' })),
      },
    );
    expect(validateForExecution(model)).toEqual([]);
  });

  it('given a path that starts at a boundary event, when validated, then the path is reachable', () => {
    const model = around(jobTask('task'), {
      elements: [
        { id: 'late', type: 'boundaryEvent', attachedToRef: 'task', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] },
        jobTask('escalate'),
        { id: 'escalated', type: 'endEvent' },
      ],
      flows: chain('late', 'escalate', 'escalated'),
    });
    expect(validateForExecution(model)).toEqual([]);
  });

  it('given an unreachable sub-process with children, when validated, then only the sub-process is reported unreachable', () => {
    const model = around(jobTask('task'), {
      elements: [{ id: 'sub', type: 'subProcess' }, { id: 'sub_start', type: 'startEvent', parentId: 'sub' }, { id: 'sub_end', type: 'endEvent', parentId: 'sub' }, { id: 'end2', type: 'endEvent' }],
      flows: [...chain('sub', 'end2'), { ...flow('inner', 'sub_start', 'sub_end'), parentId: 'sub' }],
    });
    const unreachable = validateForExecution(model).filter((found) => found.code === 'element.unreachable');
    expect(unreachable.map((found) => found.elementId)).toEqual(['sub']);
  });

  it('given an unreachable loop of tasks, when validated, then it is reported once, at its first element', () => {
    const model = around(jobTask('task'), { elements: [jobTask('a'), jobTask('b')], flows: [flow('ab', 'a', 'b'), flow('ba', 'b', 'a')] });
    const unreachable = validateForExecution(model).filter((found) => found.code === 'element.unreachable');
    expect(unreachable.map((found) => found.elementId)).toEqual(['a']);
  });

  it('given a link throw and catch, when validated, then the elements after the catch are reachable', () => {
    const model = buildModel({
      elements: [
        start,
        { id: 'jump', type: 'intermediateThrowEvent', eventDefinitions: [{ kind: 'link', linkName: 'next' }] },
        { id: 'land', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'link', linkName: 'next' }] },
        end,
      ],
      flows: [...chain('start', 'jump'), ...chain('land', 'end')],
    });
    expect(validateForExecution(model)).toEqual([]);
  });

  it('given a compensation handler with no boundary event, when validated, then it is unreachable for that reason', () => {
    const model = around(jobTask('task'), { elements: [jobTask('undo', { isForCompensation: true })] });
    expect(validateForExecution(model)).toEqual([
      expect.objectContaining({ code: 'element.unreachable', elementId: 'undo', message: expect.stringContaining('no compensation boundary event is associated with it') }),
    ]);
  });
});

describe('validateForExecution: conditions and gateways', () => {
  const decision = (conditionBody: string, language?: string) =>
    around(
      { id: 'gw', type: 'exclusiveGateway', default: 'gw-end' },
      { elements: [{ id: 'end2', type: 'endEvent' }], flows: [{ ...flow('cond', 'gw', 'end2'), condition: { body: conditionBody, language } }] },
    );

  it('given a JUEL condition with a method call, when validated, then it reports flow.invalid-condition naming the expression', () => {
    expect(validateForExecution(decision('${execution.getVariable("ok")}'))).toEqual([
      expect.objectContaining({
        code: 'flow.invalid-condition',
        elementId: 'cond',
        message: 'The condition of sequence flow cond cannot be used: JUEL expression "${execution.getVariable("ok")}" is not supported: method calls cannot be translated to FEEL.',
      }),
    ]);
  });

  it('given a condition in JavaScript, when validated, then it reports flow.invalid-condition naming the language', () => {
    expect(validateForExecution(decision('ok === true', 'javascript'))).toEqual([
      expect.objectContaining({ code: 'flow.invalid-condition', message: expect.stringContaining('expression language "javascript" is not supported') }),
    ]);
  });

  it('given a condition body without "=", when validated, then it is read as FEEL', () => {
    expect(validateForExecution(decision('amount > 100'))).toEqual([]);
  });

  it('given a FEEL condition written with "==", when validated, then it says FEEL uses "="', () => {
    expect(validateForExecution(decision('=status == "open"'))).toEqual([
      expect.objectContaining({ code: 'flow.invalid-condition', message: expect.stringContaining('"==" is not FEEL: write "="') }),
    ]);
  });

  it('given a conditional flow out of a task, when validated, then conditional flows out of activities are not supported', () => {
    const model = around(jobTask('task'), { elements: [{ id: 'end2', type: 'endEvent' }], flows: [flow('cond', 'task', 'end2', '=a > 1')] });
    expect(validateForExecution(model)).toEqual([
      expect.objectContaining({ code: 'flow.condition-not-allowed', elementId: 'cond', message: expect.stringContaining('conditional flows out of activities are not supported') }),
    ]);
  });

  it('given an exclusive gateway with a single unconditioned flow, when validated, then it is fine', () => {
    expect(validateForExecution(around({ id: 'gw', type: 'exclusiveGateway' }))).toEqual([]);
  });

  it('given an inclusive gateway with two unconditioned flows, when validated, then both are reported', () => {
    const model = around({ id: 'gw', type: 'inclusiveGateway' }, { elements: [{ id: 'end2', type: 'endEvent' }], flows: [flow('other', 'gw', 'end2')] });
    const reported = validateForExecution(model).filter((found) => found.code === 'gateway.flow-without-condition');
    expect(reported.map((found) => found.elementId)).toEqual(['gw-end', 'other']);
  });

  it('given a default flow that does not exist, when validated, then flow.default-not-outgoing says so', () => {
    expect(validateForExecution(around({ id: 'gw', type: 'exclusiveGateway', default: 'nope' }))).toEqual([
      expect.objectContaining({ code: 'flow.default-not-outgoing', elementId: 'gw', message: expect.stringContaining('"nope" as its default flow, which does not exist') }),
    ]);
  });
});

describe('validateForExecution: timers and events', () => {
  const timerStart = (definition: Record<string, { body: string }>) =>
    buildModel({ elements: [{ id: 'start', type: 'startEvent', eventDefinitions: [{ kind: 'timer', ...definition }] }, end], flows: chain('start', 'end') });

  it.each([['0 9 * * MON-FRI'], ['R/PT1H'], ['R5/2026-01-01T00:00:00Z/P1D'], ['=schedule']])(
    'given a timer start event with the cycle %s, when validated, then it is fine',
    (cycle) => {
      expect(validateForExecution(timerStart({ timeCycle: { body: cycle } }))).toEqual([]);
    },
  );

  it('given a timer date without offset, when validated, then the finding explains the missing offset', () => {
    expect(validateForExecution(timerStart({ timeDate: { body: '2026-12-01T10:00:00' } }))).toEqual([
      expect.objectContaining({ code: 'timer.invalid', elementId: 'start', message: expect.stringContaining('has no time zone offset') }),
    ]);
  });

  it('given a dynamic timer that is not valid FEEL, when validated, then it reports timer.invalid with the FEEL error', () => {
    expect(validateForExecution(timerStart({ timeDate: { body: '=now() +' } }))).toEqual([
      expect.objectContaining({ code: 'timer.invalid', message: expect.stringContaining('is not valid FEEL') }),
    ]);
  });

  it('given an error boundary event without error reference, when validated, then it catches all errors and is fine', () => {
    const model = around(jobTask('task'), {
      elements: [{ id: 'b', type: 'boundaryEvent', attachedToRef: 'task', eventDefinitions: [{ kind: 'error' }] }, { id: 'e2', type: 'endEvent' }],
      flows: chain('b', 'e2'),
    });
    expect(validateForExecution(model)).toEqual([]);
  });

  it('given a conditional intermediate catch event, when validated, then it is reported as unsupported', () => {
    const model = around({ id: 'wait', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'conditional', condition: { body: '=ready' } }] });
    expect(validateForExecution(model)).toEqual([
      expect.objectContaining({ code: 'element.unsupported', elementId: 'wait', message: 'Intermediate catch event wait: conditional intermediate catch events are not supported.' }),
    ]);
  });

  it('given a message start event in an embedded sub-process, when validated, then it is reported as unsupported there', () => {
    const model = around(
      { id: 'sub', type: 'subProcess' },
      {
        elements: [{ id: 'sub_start', type: 'startEvent', parentId: 'sub', eventDefinitions: [{ kind: 'message', messageRef: 'M' }] }, { id: 'sub_end', type: 'endEvent', parentId: 'sub' }],
        flows: [{ ...flow('inner', 'sub_start', 'sub_end'), parentId: 'sub' }],
        globals: { messages: [{ id: 'M' }] },
      },
    );
    expect(validateForExecution(model)).toEqual([expect.objectContaining({ code: 'element.unsupported', elementId: 'sub_start' })]);
  });
});

describe('validateForExecution: scope and order', () => {
  it('given a collaboration with a non-executable pool, when validated, then only the executable process is checked', () => {
    const model = buildModel({
      processes: [{ id: 'Process_1', isExecutable: true }, { id: 'Customer', isExecutable: false }],
      elements: [start, end, { id: 'customer_task', type: 'serviceTask', parentId: 'Customer' }],
      flows: chain('start', 'end'),
    });
    expect(validateForExecution(model)).toEqual([]);
  });

  it('given no executable process, when validated, then the other problems are still reported', () => {
    const model = buildModel({ processes: [{ id: 'Process_1' }], elements: [start, { id: 'task', type: 'serviceTask' }, end], flows: chain('start', 'task', 'end') });
    expect(codes(validateForExecution(model))).toEqual(['process.none-executable', 'task.no-implementation']);
  });

  it('given problems on several elements, when validated, then findings follow the element order of the model', () => {
    const model = buildModel({
      elements: [start, { id: 'script', type: 'scriptTask' }, { id: 'call', type: 'callActivity' }, { id: 'task', type: 'serviceTask' }, end],
      flows: [...chain('start', 'script', 'call', 'task', 'end'), flow('ghost', 'task', 'missing')],
    });
    expect(validateForExecution(model).map((found) => [found.elementId, found.code])).toEqual([
      ['script', 'script.no-expression'],
      ['call', 'call-activity.no-called-element'],
      ['task', 'task.no-implementation'],
      ['ghost', 'flow.unknown-target'],
    ]);
  });
});

describe('canPublish', () => {
  const warning: Finding = { level: 'execution', severity: 'warning', code: 'element.implicit-end', message: 'w' };
  const importError: Finding = { level: 'import', severity: 'error', code: 'duplicate-id', message: 'e' };

  it('given only warnings, when asked, then the model can be published', () => {
    expect(canPublish([warning])).toBe(true);
    expect(canPublish([])).toBe(true);
  });

  it('given an error of either level, when asked, then the model cannot be published', () => {
    expect(canPublish([warning, importError])).toBe(false);
    expect(canPublish(validateForExecution(around({ id: 'task', type: 'serviceTask' })))).toBe(false);
  });
});
