/**
 * The tool registry: create, update, list and delete tools (the `Tool` table), each change
 * audited in its own transaction. Input is parsed with ToolInputSchema (./tool-definition.ts);
 * bad input is a 400 naming the field, and changes nothing.
 */
import { AppError, BadRequestError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import { toolFromRow, ToolInputSchema, type ToolDefinition } from './tool-definition';

function parseInput(input: unknown) {
  const parsed = ToolInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError('request.invalid', `tool ${issue?.path.join('.') || '(body)'}: ${issue?.message}`, { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  }
  return parsed.data;
}

function columns(input: ReturnType<typeof parseInput>) {
  return {
    name: input.name,
    description: input.description,
    inputSchema: JSON.stringify(input.inputSchema),
    implementation: JSON.stringify(input.implementation),
    guardrails: JSON.stringify(input.guardrails),
    enabled: input.enabled,
  };
}

export async function listTools(db: Db): Promise<ToolDefinition[]> {
  return (await db.tool.findMany({ orderBy: { name: 'asc' } })).map(toolFromRow);
}

export async function getTool(db: Db, name: string): Promise<ToolDefinition> {
  const row = await db.tool.findUnique({ where: { name } });
  if (row === null) throw new AppError('tool.not-found', `no tool is named ${name}`);
  return toolFromRow(row);
}

/** The tools of these names that exist (enabled or not), by name. */
export async function toolsByName(db: Db, names: readonly string[]): Promise<Map<string, ToolDefinition>> {
  if (names.length === 0) return new Map();
  const rows = await db.tool.findMany({ where: { name: { in: [...names] } } });
  return new Map(rows.map((row) => [row.name, toolFromRow(row)]));
}

export async function createTool(options: { db: Db; actor: Actor; input: unknown }): Promise<ToolDefinition> {
  const input = parseInput(options.input);
  if ((await options.db.tool.findUnique({ where: { name: input.name } })) !== null) throw new AppError('tool.name-taken', `a tool named ${input.name} exists already`, { name: input.name });
  return options.db.$transaction(async (tx) => {
    const row = await tx.tool.create({ data: { ...columns(input), createdById: options.actor.id ?? null } });
    await writeAudit(tx, { actor: options.actor, action: 'tool.create', resource: { type: 'tool', id: row.id }, details: { name: row.name, kind: input.implementation.kind } });
    return toolFromRow(row);
  });
}

export async function updateTool(options: { db: Db; actor: Actor; name: string; input: unknown }): Promise<ToolDefinition> {
  const input = parseInput(options.input);
  const existing = await options.db.tool.findUnique({ where: { name: options.name } });
  if (existing === null) throw new AppError('tool.not-found', `no tool is named ${options.name}`);
  if (input.name !== options.name && (await options.db.tool.findUnique({ where: { name: input.name } })) !== null) {
    throw new AppError('tool.name-taken', `a tool named ${input.name} exists already`, { name: input.name });
  }
  return options.db.$transaction(async (tx) => {
    const row = await tx.tool.update({ where: { id: existing.id }, data: columns(input) });
    await writeAudit(tx, { actor: options.actor, action: 'tool.update', resource: { type: 'tool', id: row.id }, details: { name: row.name, kind: input.implementation.kind } });
    return toolFromRow(row);
  });
}

export async function deleteTool(options: { db: Db; actor: Actor; name: string }): Promise<void> {
  const existing = await options.db.tool.findUnique({ where: { name: options.name } });
  if (existing === null) throw new AppError('tool.not-found', `no tool is named ${options.name}`);
  await options.db.$transaction(async (tx) => {
    await tx.tool.delete({ where: { id: existing.id } });
    await writeAudit(tx, { actor: options.actor, action: 'tool.delete', resource: { type: 'tool', id: existing.id }, details: { name: existing.name } });
  });
}
