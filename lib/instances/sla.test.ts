/**
 * SLA breaches of one instance, from its log and the targets of its model.
 */
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import type { BpmnModel } from '@/lib/bpmn/model';
import { Harness } from '@/lib/engine/core';
import { definitionOf } from '@/lib/engine/core/test-kit';
import { hasSlaTargets, slaBreachesOf } from './sla';

/** Two service tasks in a row: `check` must finish within 1 minute, `ship` has no target; the whole instance within 1 hour. */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://baton.dev/test">
  <bpmn:process id="orders" isExecutable="true">
    <bpmn:extensionElements><baton:sla target="PT1H"/></bpmn:extensionElements>
    <bpmn:startEvent id="start"/>
    <bpmn:serviceTask id="check"><bpmn:extensionElements><baton:taskDefinition type="check"/><baton:sla target="PT1M"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:serviceTask id="ship"><bpmn:extensionElements><baton:taskDefinition type="ship"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="ship"/>
    <bpmn:sequenceFlow id="f3" sourceRef="ship" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;

async function modelAndHarness(): Promise<{ model: BpmnModel; h: Harness }> {
  const imported = await importBpmn(XML);
  if (!imported.ok) throw new Error('fixture does not import');
  return { model: imported.model, h: new Harness(definitionOf(imported), { now: Date.UTC(2026, 0, 1, 9) }) };
}

const MINUTE = 60_000;

describe('slaBreachesOf', () => {
  it('given a task that took 2 minutes against a 1-minute target, then it is one breach with its duration and target', async () => {
    const { model, h } = await modelAndHarness();
    h.must({ type: 'CreateInstance', variables: {} });
    h.now += 2 * MINUTE;
    h.must({ type: 'CompleteJob', jobKey: h.job('check').jobKey, variables: {} });

    expect(slaBreachesOf(h.events, model, 'a-model-key-that-is-not-the-process-id')).toEqual([
      { elementId: 'check', at: new Date(Date.UTC(2026, 0, 1, 9, 2)).toISOString(), durationMs: 2 * MINUTE, targetMs: MINUTE },
    ]);
  });

  it('given every run within its target, then there is no breach; a task still running past its target is not one yet', async () => {
    const { model, h } = await modelAndHarness();
    h.must({ type: 'CreateInstance', variables: {} });
    h.now += 30_000;
    h.must({ type: 'CompleteJob', jobKey: h.job('check').jobKey, variables: {} });
    h.now += 50 * MINUTE;

    expect(slaBreachesOf(h.events, model, 'orders')).toEqual([]);
  });

  it('given an instance that completed after 2 hours against the process target of 1 hour, then the instance itself is a breach (element null)', async () => {
    const { model, h } = await modelAndHarness();
    h.must({ type: 'CreateInstance', variables: {} });
    h.now += 30_000;
    h.must({ type: 'CompleteJob', jobKey: h.job('check').jobKey, variables: {} });
    h.now += 2 * 60 * MINUTE;
    h.must({ type: 'CompleteJob', jobKey: h.job('ship').jobKey, variables: {} });

    const breaches = slaBreachesOf(h.events, model, 'orders');
    expect(breaches).toEqual([{ elementId: null, at: expect.any(String), durationMs: 2 * 60 * MINUTE + 30_000, targetMs: 60 * MINUTE }]);
  });

  it('given a model with targets and one without, then hasSlaTargets tells them apart', async () => {
    const { model } = await modelAndHarness();
    expect(hasSlaTargets(model, 'orders')).toBe(true);
    expect(hasSlaTargets({ processes: [{ id: 'p', isExecutable: true }], elements: [{ id: 'a' }] }, 'p')).toBe(false);
  });
});
