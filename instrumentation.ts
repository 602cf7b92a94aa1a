/**
 * Next.js instrumentation hook: `register` runs once when a server instance starts. It starts
 * Baton's durable runtime (job executors, timers, message delivery, retention) inside the
 * server, so `npm run dev` / `npm start` run processes with no second command.
 *
 * Skipped in the Edge runtime (the import sits inside the NEXT_RUNTIME check, so the Edge bundle
 * drops it), during `next build`, and when BATON_RUNTIME=off (then run `npm run worker`
 * processes; lib/engine/runtime/server-runtime.ts).
 *
 * First, a server whose environment cannot sign anyone in (production without
 * BETTER_AUTH_SECRET, half-configured SSO; lib/auth/auth-env.ts) stops with the reason instead
 * of answering every page with an error.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { authEnvironmentProblem } = await import('./lib/auth/auth-env');
    const problem = authEnvironmentProblem(process.env);
    if (problem) {
      console.error(`Baton cannot start: ${problem}`);
      process.exit(1);
    }
    // OpenTelemetry spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (lib/telemetry/setup.ts).
    const { startTelemetry } = await import('./lib/telemetry/setup');
    startTelemetry();
    const { runtimeEnabled, startServerRuntime } = await import('./lib/engine/runtime/server-runtime');
    if (!runtimeEnabled()) return;
    const runtime = await startServerRuntime();
    console.log(`[baton runtime] started in the web server as ${runtime.owner}`);
    // Task e-mails over SMTP when BATON_SMTP_URL is set (lib/notifications/send-emails.ts).
    const { mailSettingsFromEnv, startEmailNotifier } = await import('./lib/notifications/send-emails');
    const mail = mailSettingsFromEnv();
    if (mail) {
      const { getDb } = await import('./lib/db/client');
      startEmailNotifier(getDb(), mail);
      console.log('[baton mail] sending task e-mails over SMTP');
    }
  }
}
