/**
 * OpenTelemetry tracing: when OTEL_EXPORTER_OTLP_ENDPOINT is set, spans of `instrument()` are
 * batched and exported over OTLP/HTTP (JSON) to `<endpoint>/v1/traces` (or to
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), with service.name from OTEL_SERVICE_NAME (default
 * "baton"). Without the variable nothing is started and spans are no-ops.
 * Started once per process by instrumentation.ts (the web server) and scripts/worker.ts.
 */
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

export type Telemetry = { flush(): Promise<void>; shutdown(): Promise<void> };

let started: Telemetry | null = null;

export function startTelemetry(env: Readonly<Record<string, string | undefined>> = process.env): Telemetry | null {
  if (started) return started;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'baton' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 1000 })],
  });
  trace.setGlobalTracerProvider(provider);
  started = {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      started = null;
    },
  };
  return started;
}
