import { describe, expect, it } from 'vitest';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import { deriveModelKey, deriveModelName, ModelKeySchema, slugifyKey } from '@/lib/models/model-key';

const model = (processes: { id: string; name?: string; isExecutable?: boolean }[], definitions = { id: 'Definitions_1' }) =>
  BpmnModelSchema.parse({ definitions, processes, elements: [], flows: [] });

describe('slugifyKey', () => {
  it.each([
    ['order-fulfilment', 'order-fulfilment'],
    ['Process_1', 'process-1'],
    ['agentApproval', 'agent-approval'],
    ['HTTPRequestFlow', 'http-request-flow'],
    ['  Bestellung prüfen ', 'bestellung-prufen'],
    ['invoice.v2__final', 'invoice-v2-final'],
    ['--x--', 'x'],
    ['日本語', 'process'],
    ['', 'process'],
  ])('given %j, then the key is %j', (input, expected) => {
    expect(slugifyKey(input)).toBe(expected);
  });

  it('given a very long id, then the key is cut to 64 characters without a trailing hyphen', () => {
    const key = slugifyKey(`${'a'.repeat(63)}_b${'c'.repeat(10)}`);
    expect(key).toBe('a'.repeat(63));
    expect(ModelKeySchema.safeParse(key).success).toBe(true);
  });

  it('given any text, then the result is a valid key', () => {
    for (const text of ['A B C', '__', 'x'.repeat(200), 'Ünïcödé_Prozess', '1.2.3', 'a--b']) {
      expect(ModelKeySchema.safeParse(slugifyKey(text)).success, text).toBe(true);
    }
  });
});

describe('deriveModelKey', () => {
  it('given an executable process after a non-executable one, then the executable id is used', () => {
    expect(deriveModelKey(model([{ id: 'Customer' }, { id: 'Order_Handling', isExecutable: true }]))).toBe('order-handling');
  });

  it('given no executable process, then the first process id is used', () => {
    expect(deriveModelKey(model([{ id: 'Pool_A' }, { id: 'Pool_B' }]))).toBe('pool-a');
  });

  it('given no process at all, then the definitions id is used', () => {
    expect(deriveModelKey(model([], { id: 'MyDefinitions' }))).toBe('my-definitions');
  });
});

describe('deriveModelName', () => {
  it('prefers the process name, then the definitions name, then the process id', () => {
    expect(deriveModelName(model([{ id: 'p', name: ' Order ', isExecutable: true }]))).toBe('Order');
    expect(deriveModelName(BpmnModelSchema.parse({ definitions: { id: 'd', name: 'Defs' }, processes: [{ id: 'p' }], elements: [], flows: [] }))).toBe('Defs');
    expect(deriveModelName(model([{ id: 'p' }]))).toBe('p');
  });
});

describe('ModelKeySchema', () => {
  it.each(['Order', 'a_b', '-a', 'a-', 'a--b', 'a b', ''])('refuses %j', (key) => {
    expect(ModelKeySchema.safeParse(key).success).toBe(false);
  });
});
