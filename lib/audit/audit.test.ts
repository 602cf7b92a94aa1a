import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditLog, AuditQuerySchema } from '@/lib/audit/list-audit-log';
import { assertNoSecrets, writeAudit } from '@/lib/audit/write-audit';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { JsonValue } from '@/lib/bpmn/model';
import type { Actor } from '@/lib/models/actor';

const ADA: Actor = { type: 'user', id: 'u-ada', label: 'ada@baton.local', ip: '10.1.1.1', userAgent: 'browser' };
const BOT: Actor = { type: 'token', id: 't-1', label: 'token invoice worker' };

describe('writeAudit: never a secret', () => {
  it.each<JsonValue>([{ password: 'x' }, { nested: { tokenHash: 'x' } }, { list: [{ secret: 'x' }] }])('given details %j, then refused', (details) => {
    expect(() => assertNoSecrets(details)).toThrow(/must not hold secrets/);
  });
});

describeEachDatabase('the audit log: write and filter', (database) => {
  beforeAll(async () => {
    const { db } = database;
    const rows: [Actor, string, string, string][] = [
      [ADA, 'auth.sign-in', 'user', 'u-ada'],
      [ADA, 'user.roles-change', 'user', 'u-bob'],
      [BOT, 'model.publish', 'model', 'm-1'],
      [ADA, 'api-token.revoke', 'api-token', 't-1'],
    ];
    for (const [actor, action, type, id] of rows) await writeAudit(db, { actor, action, resource: { type, id }, details: { note: action } });
  });

  it('given no filter, then everything, newest first', async () => {
    const page = await listAuditLog(database.db, AuditQuerySchema.parse({}));
    expect(page.total).toBe(4);
    expect(page.items.map((e) => e.action)).toEqual(['api-token.revoke', 'model.publish', 'user.roles-change', 'auth.sign-in']);
    expect(page.items[3]).toMatchObject({ actorLabel: 'ada@baton.local', ip: '10.1.1.1', userAgent: 'browser', details: { note: 'auth.sign-in' } });
  });

  it.each([
    [{ actor: 'invoice' }, ['model.publish']],
    [{ action: 'user.roles-change' }, ['user.roles-change']],
    [{ action: 'user.*' }, ['user.roles-change']],
    [{ resourceType: 'api-token' }, ['api-token.revoke']],
    [{ resourceType: 'user', resourceId: 'u-bob' }, ['user.roles-change']],
    [{ from: '2999-01-01' }, []],
    [{ to: new Date().toISOString().slice(0, 10) }, ['api-token.revoke', 'model.publish', 'user.roles-change', 'auth.sign-in']],
  ])('given %j, then those entries', async (filter, actions) => {
    const page = await listAuditLog(database.db, AuditQuerySchema.parse(filter));
    expect(page.items.map((e) => e.action)).toEqual(actions);
  });

  it('given a bad action name, then writeAudit refuses it', async () => {
    await expect(writeAudit(database.db, { actor: ADA, action: 'Not An Action', resource: { type: 'x' } })).rejects.toThrow();
  });
});
