/**
 * What a tool of the registry is (the `Tool` row's JSON columns, parsed with zod).
 *
 * Contract
 * - `implementation` is one of
 *   - `http`: the http connector's settings (lib/bpmn/model.ts HttpConnectorSchema); templates are
 *     FEEL over `input` (the scoped arguments) and, by name, the scoped variables. A POST/PUT/PATCH
 *     without a body sends `input` as JSON.
 *   - `process`: start the latest published version of `processKey` with `input` as variables
 *     and wait for it to end; its variables are the result.
 *   - `approval`: a person decides (an inbox task for `candidateGroups`); the result is the decision.
 * - `guardrails`: `allowedRoles` (empty: any identity), `dataScope` (the only argument and variable
 *   names the tool receives; absent: the arguments as given, no variables), `maxTokens` (the
 *   result the model sees is cut to about this many tokens), `needsApproval` (every call is held
 *   for a person of `approverGroups` first).
 */
import { z } from 'zod';
import { HttpConnectorSchema } from '@/lib/bpmn/model';

export const TOOL_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

export const HttpToolSchema = HttpConnectorSchema.omit({ resultVariable: true }).extend({ kind: z.literal('http') });
export const ProcessToolSchema = z.object({ kind: z.literal('process'), processKey: z.string().min(1) });
export const ApprovalToolSchema = z.object({ kind: z.literal('approval'), candidateGroups: z.array(z.string().min(1)).min(1) });

export const ToolImplementationSchema = z.discriminatedUnion('kind', [HttpToolSchema, ProcessToolSchema, ApprovalToolSchema]);
export type ToolImplementation = z.infer<typeof ToolImplementationSchema>;

export const GuardrailsSchema = z.object({
  allowedRoles: z.array(z.string().min(1)).default([]),
  dataScope: z.array(z.string().min(1)).optional(),
  maxTokens: z.number().int().positive().optional(),
  needsApproval: z.boolean().default(false),
  approverGroups: z.array(z.string().min(1)).default([]),
});
export type Guardrails = z.infer<typeof GuardrailsSchema>;

/** A JSON schema for tool input: an object schema (what function calling accepts). */
export const InputSchemaSchema = z
  .record(z.string(), z.unknown())
  .refine((s) => s.type === 'object', { message: 'the input schema must be a JSON schema of "type": "object"' })
  .refine(
    (s) => {
      try {
        z.fromJSONSchema(s as Parameters<typeof z.fromJSONSchema>[0]);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'the input schema is not a JSON schema zod can read' },
  );

export const ToolInputSchema = z.object({
  name: z.string().regex(TOOL_NAME_PATTERN, 'name: letters, digits, "_" or "-", starting with a letter (at most 64)'),
  description: z.string().min(1, 'description: say what the tool does (the model reads it)').max(2000),
  inputSchema: InputSchemaSchema,
  implementation: ToolImplementationSchema,
  guardrails: GuardrailsSchema.default({ allowedRoles: [], needsApproval: false, approverGroups: [] }),
  enabled: z.boolean().default(true),
});
export type ToolInput = z.infer<typeof ToolInputSchema>;

export type ToolDefinition = ToolInput & { id: string };

/** Parses a stored `Tool` row; a row that does not parse is named with its problem. */
export function toolFromRow(row: { id: string; name: string; description: string; inputSchema: string; implementation: string; guardrails: string; enabled: boolean }): ToolDefinition {
  const parsed = ToolInputSchema.safeParse({
    name: row.name,
    description: row.description,
    inputSchema: JSON.parse(row.inputSchema),
    implementation: JSON.parse(row.implementation),
    guardrails: JSON.parse(row.guardrails || '{}'),
    enabled: row.enabled,
  });
  if (!parsed.success) throw new Error(`tool ${row.name} is stored in a shape Baton cannot read: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return { ...parsed.data, id: row.id };
}
