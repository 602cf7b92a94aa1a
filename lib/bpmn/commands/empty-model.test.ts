import { describe, expect, it } from 'vitest';
import { exportBpmn } from '../xml/export-bpmn';
import { importBpmn } from '../xml/import-bpmn';
import { emptyModel } from './empty-model';

describe('emptyModel', () => {
  it('given a key and a name, then one executable process with an empty diagram, which exports and imports back', async () => {
    const model = emptyModel({ key: 'expense-approval', name: 'Expense approval' });
    expect(model.processes).toEqual([expect.objectContaining({ id: 'Process_expense_approval', name: 'Expense approval', isExecutable: true })]);
    expect(model.diagrams[0].plane.bpmnElement).toBe('Process_expense_approval');
    const again = await importBpmn(await exportBpmn(model));
    expect(again.ok).toBe(true);
  });
});
