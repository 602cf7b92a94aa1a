/**
 * The agent tool registry's endpoints (admins: `tool:manage`). Bodies are parsed with the
 * registry's own schema (lib/agents/tool-definition.ts), so a bad tool is a 400 naming the field.
 */
import { z } from 'zod';
import { defineEndpoint } from '@/lib/api/endpoint';
import { ToolInputSchema, TOOL_NAME_PATTERN } from '@/lib/agents/tool-definition';

export const ToolSchema = ToolInputSchema.extend({ id: z.string() });
export const ToolListSchema = z.object({ items: z.array(ToolSchema) });
export const ToolParamsSchema = z.object({ name: z.string().regex(TOOL_NAME_PATTERN, 'a tool name') });

export const listTools = defineEndpoint({
  operationId: 'listTools',
  method: 'GET',
  path: '/api/v1/tools',
  summary: 'List the tools agent tasks may call, with their guardrails',
  auth: { action: 'tool:manage' },
  responses: { 200: { description: 'The tools, by name.', schema: ToolListSchema } },
  errors: [],
});

export const createTool = defineEndpoint({
  operationId: 'createTool',
  method: 'POST',
  path: '/api/v1/tools',
  summary: 'Register a tool: name, description, JSON input schema, implementation (http, process, approval) and guardrails',
  auth: { action: 'tool:manage' },
  body: { schema: ToolInputSchema, description: 'The tool.' },
  responses: { 201: { description: 'The new tool.', schema: ToolSchema } },
  errors: ['tool.name-taken'],
});

export const getTool = defineEndpoint({
  operationId: 'getTool',
  method: 'GET',
  path: '/api/v1/tools/{name}',
  summary: 'Get one tool',
  auth: { action: 'tool:manage' },
  params: ToolParamsSchema,
  responses: { 200: { description: 'The tool.', schema: ToolSchema } },
  errors: ['tool.not-found'],
});

export const updateTool = defineEndpoint({
  operationId: 'updateTool',
  method: 'PUT',
  path: '/api/v1/tools/{name}',
  summary: 'Replace a tool (all fields; the name may change)',
  auth: { action: 'tool:manage' },
  params: ToolParamsSchema,
  body: { schema: ToolInputSchema, description: 'The tool.' },
  responses: { 200: { description: 'The tool as saved.', schema: ToolSchema } },
  errors: ['tool.not-found', 'tool.name-taken'],
});

export const deleteTool = defineEndpoint({
  operationId: 'deleteTool',
  method: 'DELETE',
  path: '/api/v1/tools/{name}',
  summary: 'Remove a tool (tasks naming it get refusals from then on)',
  auth: { action: 'tool:manage' },
  params: ToolParamsSchema,
  responses: { 200: { description: 'Deleted.', schema: z.object({ deleted: z.literal(true) }) } },
  errors: ['tool.not-found'],
});

export const AGENT_ENDPOINTS = [listTools, createTool, getTool, updateTool, deleteTool] as const;
