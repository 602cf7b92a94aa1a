/**
 * The map from element type to behaviour: one exhaustive switch, so a new type in the model
 * fails to compile here until it is decided.
 */
import type { NodeType } from '../definition';
import { adHocSubProcess } from './ad-hoc-sub-process';
import { boundaryEvent } from './boundary-event';
import { callActivity } from './call-activity';
import { eventBasedGateway } from './event-based-gateway';
import { exclusiveGateway } from './exclusive-gateway';
import { inclusiveGateway } from './inclusive-gateway';
import { intermediateCatchEvent } from './intermediate-catch-event';
import { jobTask } from './job-task';
import { multiInstanceBody } from './multi-instance';
import { parallelGateway } from './parallel-gateway';
import { processScope } from './process';
import { receiveTask } from './receive-task';
import { scriptTask } from './script-task';
import { startEvent } from './start-event';
import { subProcess } from './sub-process';
import { passThroughTask } from './tasks';
import { endEvent, intermediateThrowEvent } from './throw-events';
import type { Behavior } from './types';
import { userTask } from './user-task';

export type ElementInstanceType = NodeType | 'multiInstanceBody';

/** Compile rejects these; reaching one at run time is a bug in compile. */
const unsupported: Behavior = {
  activate(x, instance, node) {
    x.raiseIncident(instance, 'expression', `${node.type} ${node.id} is not executable`, 'activate');
  },
};

export function behaviorOf(type: string): Behavior {
  const t = type as ElementInstanceType;
  switch (t) {
    case 'process':
      return processScope;
    case 'multiInstanceBody':
      return multiInstanceBody;
    case 'startEvent':
      return startEvent;
    case 'endEvent':
      return endEvent;
    case 'intermediateCatchEvent':
      return intermediateCatchEvent;
    case 'intermediateThrowEvent':
      return intermediateThrowEvent;
    case 'boundaryEvent':
      return boundaryEvent;
    case 'task':
    case 'manualTask':
      return passThroughTask;
    case 'scriptTask':
      return scriptTask;
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      return jobTask;
    case 'userTask':
      return userTask;
    case 'receiveTask':
      return receiveTask;
    case 'callActivity':
      return callActivity;
    case 'subProcess':
    case 'transaction':
      return subProcess;
    case 'adHocSubProcess':
      return adHocSubProcess;
    case 'exclusiveGateway':
      return exclusiveGateway;
    case 'parallelGateway':
      return parallelGateway;
    case 'inclusiveGateway':
      return inclusiveGateway;
    case 'eventBasedGateway':
      return eventBasedGateway;
    case 'complexGateway':
      return unsupported;
    default: {
      const never: never = t;
      return never;
    }
  }
}
