import { describe, expect, it } from 'vitest';
import { validateForExecution } from '../validate';
import { exportBpmn } from './export-bpmn';
import { definitions, importOk } from './test-fixtures';

const withSla = (target: string) =>
  definitions(`<bpmn:process id="Process_1" isExecutable="true">
  <bpmn:extensionElements><baton:sla target="${target}"/></bpmn:extensionElements>
  <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/><bpmn:endEvent id="end"/>
</bpmn:process>`);

describe('process-level SLA target', () => {
  it('given <baton:sla> on a process, when imported, then the process carries the target and export writes it back', async () => {
    const { model } = await importOk(withSla('PT4H'));
    expect(model.processes[0].slaTarget).toBe('PT4H');
    const xml = await exportBpmn(model);
    expect(xml).toContain('<baton:sla target="PT4H" />');
    const { model: again } = await importOk(xml);
    expect(again.processes[0].slaTarget).toBe('PT4H');
  });

  it('given a process SLA target that is not a duration, when validated, then a finding names the process', async () => {
    const { model } = await importOk(withSla('four hours'));
    const findings = validateForExecution(model).filter((f) => f.code === 'duration.invalid');
    expect(findings).toHaveLength(1);
    expect(findings[0].elementId).toBe('Process_1');
    expect(findings[0].message).toContain('SLA target');
  });
});
