/**
 * Held tool calls become inbox tasks through the engine's normal user-task path: each hold
 * starts an instance of the built-in process `baton-agent-tool-approval` (one user task for
 * the tool's approver groups, showing the tool, its scoped arguments and the asking agent),
 * and the agent continues with the person's decision when that instance ends.
 *
 * Contract
 * - `ensureApprovalProcess` publishes the process once per database (idempotent).
 * - The hold's business key is `<job key>|<tool>|<hash of the arguments>`: a retried job
 *   asking the same again finds the approval already requested (or decided) instead of
 *   asking twice.
 * - The decision is the task's form: `decision` = approve | reject, optional `comment`.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import { SYSTEM_ACTOR } from '@/lib/models/actor';
import { createModel } from '@/lib/models/create-model';
import { publishModel } from '@/lib/models/publish-model';

export const APPROVAL_PROCESS_KEY = 'baton-agent-tool-approval';

export const APPROVAL_PROCESS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="agent_tool_approval_defs" targetNamespace="https://baton.dev/builtin">
  <bpmn:process id="${APPROVAL_PROCESS_KEY}" name="Agent tool call approval" isExecutable="true">
    <bpmn:documentation>Built in: an agent task asked for a tool call that needs a person's approval. The agent continues with the decision.</bpmn:documentation>
    <bpmn:startEvent id="held" name="Tool call held"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="approve_tool_call" name="Approve agent tool call">
      <bpmn:extensionElements>
        <baton:assignment candidateGroups="=approverGroups" priority="70" />
        <baton:form>
          <baton:field key="decision" label="Decision" type="select" required="true">
            <baton:option value="approve" label="Approve the call" />
            <baton:option value="reject" label="Reject the call" />
          </baton:field>
          <baton:field key="comment" label="Comment" type="textarea" />
        </baton:form>
        <baton:visibleVariables names="tool,toolDescription,arguments,agent,askingInstance,processKey" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="decided" name="Decided"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="held" targetRef="approve_tool_call" />
    <bpmn:sequenceFlow id="f2" sourceRef="approve_tool_call" targetRef="decided" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="agent_tool_approval_diagram">
    <bpmndi:BPMNPlane id="agent_tool_approval_plane" bpmnElement="${APPROVAL_PROCESS_KEY}">
      <bpmndi:BPMNShape id="held_di" bpmnElement="held"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="approve_tool_call_di" bpmnElement="approve_tool_call"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="decided_di" bpmnElement="decided"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

export async function ensureApprovalProcess(db: Db): Promise<void> {
  const existing = await db.processModel.findUnique({ where: { key: APPROVAL_PROCESS_KEY }, select: { latestVersion: true } });
  if (existing !== null && existing.latestVersion > 0) return;
  try {
    if (existing === null) await createModel({ db, actor: SYSTEM_ACTOR, source: { xml: APPROVAL_PROCESS_XML }, key: APPROVAL_PROCESS_KEY });
    await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: APPROVAL_PROCESS_KEY, message: 'Built-in: agent tool call approval' });
  } catch (error) {
    // Another worker published it meanwhile.
    const again = await db.processModel.findUnique({ where: { key: APPROVAL_PROCESS_KEY }, select: { latestVersion: true } });
    if (again === null || again.latestVersion === 0) throw error;
  }
}

export function approvalBusinessKey(jobKey: string, tool: string, input: Record<string, JsonValue>): string {
  return `${jobKey}|${tool}|${createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 12)}`;
}
