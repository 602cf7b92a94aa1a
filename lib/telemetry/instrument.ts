/**
 * One hook for the runtime's operations: `instrument(operation, attributes, fn)` runs `fn` in an
 * OpenTelemetry span (exported over OTLP when setup.ts started a provider; a no-op otherwise)
 * and records its duration in the Prometheus histogram `baton_operation_duration_seconds`
 * {operation, outcome} that /api/metrics serves.
 *
 * Operations: `baton.command` (execute-command), `baton.job` (the built-in job worker's
 * executor call), `baton.http` (the HTTP connector), `baton.agent.*` (agent model/tool calls).
 *
 * The registry and the histogram live on globalThis: Next.js may load this module more than
 * once (instrumentation and route bundles), and all copies must count into the same series.
 */
import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { Histogram, Registry } from 'prom-client';

type TelemetryGlobals = { registry: Registry; durations: Histogram<'operation' | 'outcome'> };
const GLOBAL_KEY = Symbol.for('baton.telemetry');

function globals(): TelemetryGlobals {
  const holder = globalThis as unknown as Record<symbol, TelemetryGlobals | undefined>;
  let existing = holder[GLOBAL_KEY];
  if (!existing) {
    const registry = new Registry();
    const durations = new Histogram({
      name: 'baton_operation_duration_seconds',
      help: 'Duration of runtime operations in this process (commands, jobs, HTTP and agent calls).',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
    existing = { registry, durations };
    holder[GLOBAL_KEY] = existing;
  }
  return existing;
}

/** The in-process metrics registry (operation latencies), merged into /api/metrics. */
export function operationRegistry(): Registry {
  return globals().registry;
}

export async function instrument<T>(operation: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  const tracer = trace.getTracer('baton');
  return tracer.startActiveSpan(operation, { attributes }, async (span) => {
    const started = performance.now();
    try {
      const result = await fn();
      span.setStatus({ code: SpanStatusCode.OK });
      globals().durations.observe({ operation, outcome: 'ok' }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      globals().durations.observe({ operation, outcome: 'error' }, (performance.now() - started) / 1000);
      throw error;
    } finally {
      span.end();
    }
  });
}
