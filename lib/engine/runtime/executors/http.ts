/**
 * `http`: the HTTP connector of service tasks (lib/bpmn/model.ts `HttpConnectorSchema`).
 *
 * Contract
 * - URL, header values and body are FEEL templates over the job's variables (`=...`; plain text
 *   is sent as written). A body whose expression gives a list or context is sent as JSON.
 * - Secrets are referenced by name (`secrets.NAME` in a template, NAME listed in `secrets`) and
 *   resolved at run time from the environment variable `BATON_SECRET_<NAME>`; the model never
 *   holds a value. A listed secret that is not set fails the attempt, naming the variable.
 * - Every request carries `Idempotency-Key: <instance>/<element instance>/<job>/<attempt>`, so a
 *   receiver recognises an attempt repeated after a crash, and `Baton-Worker: <lease owner>`.
 * - The attempt is aborted after the job's timeout. A 2xx answer completes the job; with a
 *   `resultVariable` the response `{ status, headers, body }` (body parsed when it is JSON) is
 *   stored there. Any other status, a network error or the timeout fails the attempt (retries
 *   and backoff follow the task's policy).
 */
import { evaluateFeel, renderFeelTemplate, type FeelContext } from '@/lib/bpmn/expressions/feel';
import { HttpConnectorSchema, type JsonValue } from '@/lib/bpmn/model';
import type { JobExecutor, JobOutcome } from './types';
import { instrument } from '@/lib/telemetry/instrument';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Which runtime process made the call (its lease owner name). */
export const WORKER_HEADER = 'Baton-Worker';

export type SecretSource = (name: string) => string | undefined;

export const environmentSecrets: SecretSource = (name) => process.env[`BATON_SECRET_${name}`];

function render(template: string, context: FeelContext, what: string): string {
  const result = renderFeelTemplate(template, context);
  if (!result.ok) throw new Error(`http ${what}: ${result.reason}`);
  return result.text;
}

function renderBody(template: string, context: FeelContext): { text: string; json: boolean } {
  const trimmed = template.trimStart();
  if (!trimmed.startsWith('=')) return { text: template, json: false };
  const evaluation = evaluateFeel(trimmed.slice(1).trim(), context);
  if (!evaluation.ok) throw new Error(`http body: ${evaluation.reason}`);
  const value = evaluation.value;
  if (typeof value === 'string') return { text: value, json: false };
  return { text: JSON.stringify(value), json: true };
}

function parseBody(text: string, contentType: string | null): JsonValue {
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

export function createHttpExecutor(options: { secrets?: SecretSource } = {}): JobExecutor {
  const secrets = options.secrets ?? environmentSecrets;
  return async (job): Promise<JobOutcome> => {
    const parsed = HttpConnectorSchema.safeParse(job.settings.http);
    if (!parsed.success) return { kind: 'fail', message: `http: the task has no valid connector settings (${parsed.error.issues[0]?.message ?? 'invalid'})` };
    const connector = parsed.data;
    const secretValues: Record<string, JsonValue> = {};
    for (const name of connector.secrets) {
      const value = secrets(name);
      if (value === undefined) return { kind: 'fail', message: `http: secret ${name} is not set (environment variable BATON_SECRET_${name})` };
      secretValues[name] = value;
    }
    const context: FeelContext = { ...job.variables, secrets: secretValues };
    const url = render(connector.url, context, 'url');
    const headers = new Headers();
    for (const header of connector.headers) headers.set(header.name, render(header.value, context, `header ${header.name}`));
    headers.set(IDEMPOTENCY_HEADER, job.idempotencyKey);
    headers.set(WORKER_HEADER, job.worker);
    let body: string | undefined;
    if (connector.body !== undefined && connector.method !== 'GET') {
      const rendered = renderBody(connector.body, context);
      body = rendered.text;
      if (rendered.json && !headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    let response: Response;
    try {
      response = await instrument('baton.http', { 'http.request.method': connector.method, 'url.full': url, 'baton.job.type': job.type }, () =>
        fetch(url, { method: connector.method, headers, body, signal: job.signal }),
      );
    } catch (error) {
      const reason = job.signal.aborted ? `timed out after ${job.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return { kind: 'fail', message: `http ${connector.method} ${url}: ${reason}` };
    }
    const text = await response.text();
    if (!response.ok) return { kind: 'fail', message: `http ${connector.method} ${url}: status ${response.status} ${text.slice(0, 200)}` };
    if (connector.resultVariable === undefined) return { kind: 'complete' };
    const responseHeaders: Record<string, JsonValue> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      kind: 'complete',
      variables: { [connector.resultVariable]: { status: response.status, headers: responseHeaders, body: parseBody(text, response.headers.get('content-type')) } },
    };
  };
}
