'use client';
/**
 * Operations on the live instance (shown to those allowed): cancel, suspend/resume, retry an
 * incident after editing variables, modify (move a token, activate an element), migrate to
 * another version, and the replay check. Every operation asks for a reason (audit log).
 */
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import type { BpmnModel } from '@/lib/bpmn/model';
import type { InstanceState } from '@/lib/engine/core/state';
import {
  cancelInstanceAction,
  migrateInstancesAction,
  modifyInstanceAction,
  planMigrationAction,
  replayCheckAction,
  resumeInstanceAction,
  retryIncidentAction,
  suspendInstanceAction,
  type ActionResult,
  type PlanResult,
  type ReplayResult,
} from '@/app/instances/actions';

export type Permissions = { cancel: boolean; retry: boolean; modify: boolean; migrate: boolean };

const button = 'rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 disabled:opacity-50';
const primary = 'rounded-md bg-blue-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-blue-700 disabled:opacity-50';
const danger = 'rounded-md bg-red-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-red-700 disabled:opacity-50';
const input = 'w-full rounded-md border border-gray-300 px-2 py-1 text-xs';

function Result({ result }: { result: ActionResult | null }) {
  if (result === null) return null;
  return (
    <p role="status" className={`mt-2 rounded px-2 py-1 text-xs ${result.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`} data-testid="operation-result">
      {result.ok ? result.message : result.error}
    </p>
  );
}

/** A confirm step with the required reason; `run` gets the reason. */
function ReasonForm({ label, confirm, tone = 'primary', run, children, testId }: { label: string; confirm: string; tone?: 'primary' | 'danger'; run: (reason: string) => Promise<ActionResult>; children?: ReactNode; testId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <div data-testid={testId}>
      {!open ? (
        <button type="button" className={button} onClick={() => setOpen(true)}>
          {label}
        </button>
      ) : (
        <form
          className="flex flex-col gap-2 rounded-md border border-gray-200 bg-gray-50 p-2"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await run(reason);
              setResult(r);
              if (r.ok) {
                setOpen(false);
                setReason('');
                // New versions (after a migration) and incident rows come from the server.
                router.refresh();
              }
            });
          }}
        >
          {children}
          <label className="text-[11px] font-medium text-gray-700">
            Reason (recorded in the audit log)
            <input className={input} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} placeholder="Why?" aria-label="Reason" />
          </label>
          <div className="flex gap-2">
            <button type="submit" className={tone === 'danger' ? danger : primary} disabled={pending}>
              {pending ? 'Working…' : confirm}
            </button>
            <button type="button" className={button} onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </form>
      )}
      <Result result={result} />
    </div>
  );
}

function parseVariables(text: string): Record<string, unknown> | string {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'Variables must be a JSON object, e.g. {"url": "https://…"}';
    return value as Record<string, unknown>;
  } catch (error) {
    return `Variables are not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function OperationsPanel({
  instanceId,
  status,
  state,
  versionId,
  versionNumber,
  otherVersions,
  model,
  permissions,
}: {
  instanceId: string;
  status: string;
  state: InstanceState;
  versionId: string;
  versionNumber: number;
  otherVersions: { id: string; number: number }[];
  model: BpmnModel | undefined;
  permissions: Permissions;
}) {
  const running = status === 'active' || status === 'suspended';
  const incidents = [...state.incidents.values()];
  const variables = state.instanceKey === null ? {} : (state.variables.get(state.instanceKey) ?? {});
  const tokens = [...state.elements.values()].filter((e) => e.scopeKey !== null && e.elementType !== 'multiInstanceBody');
  const activatable = (model?.elements ?? []).filter((e) => e.type !== 'boundaryEvent' && e.type !== 'startEvent');
  const [retryVars, setRetryVars] = useState<Record<string, string>>({});
  const [moveFrom, setMoveFrom] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [replay, setReplay] = useState<ReplayResult | null>(null);
  const [checking, startCheck] = useTransition();
  const any = permissions.cancel || permissions.retry || permissions.modify || permissions.migrate;

  return (
    <section className="rounded-lg border border-gray-200 bg-white" aria-label="Operations" data-testid="operations-panel">
      <h2 className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">Incidents and operations</h2>
      <div className="flex flex-col gap-3 px-4 py-3">
        {incidents.length === 0 ? (
          <p className="text-xs text-gray-500">No open incident.</p>
        ) : (
          incidents.map((incident) => (
            <div key={incident.incidentKey} className="rounded-md border border-red-200 bg-red-50 p-2" data-testid="incident">
              <p className="text-xs font-semibold text-red-800">
                {incident.elementId} · {incident.kind}
              </p>
              <p className="mt-0.5 text-xs break-words text-red-900">{incident.message}</p>
              {permissions.retry && (
                <div className="mt-2">
                  <ReasonForm
                    testId="retry-incident"
                    label="Fix variables and retry…"
                    confirm="Retry"
                    run={async (reason) => {
                      const parsed = parseVariables(retryVars[incident.incidentKey] ?? JSON.stringify(variables, null, 2));
                      if (typeof parsed === 'string') return { ok: false, error: parsed };
                      return retryIncidentAction({ instanceId, incidentKey: incident.incidentKey, variables: parsed, reason });
                    }}
                  >
                    <label className="text-[11px] font-medium text-gray-700">
                      Process variables (JSON), set before the retry
                      <textarea
                        className={`${input} h-28 font-mono`}
                        value={retryVars[incident.incidentKey] ?? JSON.stringify(variables, null, 2)}
                        onChange={(e) => setRetryVars({ ...retryVars, [incident.incidentKey]: e.target.value })}
                        aria-label="Variables before retry"
                      />
                    </label>
                  </ReasonForm>
                </div>
              )}
            </div>
          ))
        )}

        {any && running && (
          <div className="flex flex-wrap gap-2 border-t border-gray-100 pt-3">
            {permissions.modify && status === 'active' && <ReasonForm testId="suspend" label="Suspend" confirm="Suspend" run={(reason) => suspendInstanceAction({ instanceId, reason })} />}
            {permissions.modify && status === 'suspended' && <ReasonForm testId="resume" label="Resume" confirm="Resume" run={(reason) => resumeInstanceAction({ instanceId, reason })} />}
            {permissions.cancel && <ReasonForm testId="cancel" label="Cancel instance" confirm="Cancel instance" tone="danger" run={(reason) => cancelInstanceAction({ instanceId, reason })} />}
          </div>
        )}

        {permissions.modify && running && (
          <div className="border-t border-gray-100 pt-3">
            <ReasonForm
              testId="modify"
              label="Move a token / activate an element…"
              confirm="Apply modification"
              run={(reason) =>
                modifyInstanceAction({ instanceId, reason, activate: moveTo ? [{ elementId: moveTo }] : [], terminate: moveFrom ? [moveFrom] : [] })
              }
            >
              <label className="text-[11px] font-medium text-gray-700">
                Withdraw the token at (optional)
                <select className={input} value={moveFrom} onChange={(e) => setMoveFrom(e.target.value)} aria-label="Token to withdraw">
                  <option value="">— none —</option>
                  {tokens.map((t) => (
                    <option key={t.key} value={t.key}>
                      {t.elementId} ({t.key})
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-[11px] font-medium text-gray-700">
                Activate element (optional)
                <select className={input} value={moveTo} onChange={(e) => setMoveTo(e.target.value)} aria-label="Element to activate">
                  <option value="">— none —</option>
                  {activatable.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name ? `${e.name} (${e.id})` : e.id}
                    </option>
                  ))}
                </select>
              </label>
            </ReasonForm>
          </div>
        )}

        {permissions.migrate && running && otherVersions.length > 0 && (
          <MigratePanel instanceId={instanceId} versionId={versionId} versionNumber={versionNumber} otherVersions={otherVersions} />
        )}

        <div className="border-t border-gray-100 pt-3">
          <button
            type="button"
            className={button}
            disabled={checking}
            data-testid="replay-check"
            onClick={() => startCheck(async () => setReplay(await replayCheckAction({ instanceId })))}
          >
            {checking ? 'Replaying…' : 'Replay check'}
          </button>
          {replay !== null && (
            <div className="mt-2 text-xs" data-testid="replay-result">
              {!replay.ok ? (
                <p className="rounded bg-red-50 px-2 py-1 text-red-800">{replay.error}</p>
              ) : replay.check.ok ? (
                <p className="rounded bg-green-50 px-2 py-1 text-green-800">
                  ✓ deterministic — {replay.check.commands} commands replayed, all {replay.check.events} events reproduced
                </p>
              ) : (
                <div className="rounded bg-red-50 px-2 py-1 text-red-800">
                  <p className="font-semibold">First differing event: #{replay.check.seq}</p>
                  <p>{replay.check.reason}</p>
                  <pre className="mt-1 overflow-x-auto text-[10px]">log: {JSON.stringify(replay.check.expected)}{'\n'}now: {JSON.stringify(replay.check.actual)}</pre>
                </div>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function MigratePanel({ instanceId, versionId, versionNumber, otherVersions }: { instanceId: string; versionId: string; versionNumber: number; otherVersions: { id: string; number: number }[] }) {
  const [target, setTarget] = useState(otherVersions[0]?.id ?? '');
  const [plan, setPlan] = useState<PlanResult | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [all, setAll] = useState(false);
  const [pending, start] = useTransition();

  const load = (next: Record<string, string> | undefined) =>
    start(async () => {
      const result = await planMigrationAction({ sourceVersionId: versionId, targetVersionId: target, ...(all ? {} : { instanceIds: [instanceId] }), ...(next ? { mapping: next } : {}) });
      setPlan(result);
      if (result.ok) setMapping(result.plan.mapping);
    });

  const p = plan?.ok ? plan.plan : null;
  const open = p ? [...new Set(p.instances.flatMap((i) => i.openElementIds))].sort() : [];
  return (
    <div className="border-t border-gray-100 pt-3" data-testid="migrate">
      <p className="mb-1 text-xs font-semibold text-gray-800">Migrate to another version</p>
      <div className="flex flex-wrap items-center gap-2">
        <select className="rounded-md border border-gray-300 px-2 py-1 text-xs" value={target} onChange={(e) => { setTarget(e.target.value); setPlan(null); }} aria-label="Target version">
          {otherVersions.map((v) => (
            <option key={v.id} value={v.id}>
              v{versionNumber} → v{v.number}
            </option>
          ))}
        </select>
        <label className="flex items-center gap-1 text-[11px] text-gray-700">
          <input type="checkbox" checked={all} onChange={(e) => { setAll(e.target.checked); setPlan(null); }} /> all running instances of v{versionNumber}
        </label>
        <button type="button" className={button} onClick={() => load(undefined)} disabled={pending} data-testid="migrate-plan">
          Propose mapping
        </button>
      </div>
      {plan && !plan.ok && <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800">{plan.error}</p>}
      {p && (
        <div className="mt-2 flex flex-col gap-2">
          <table className="w-full text-[11px]" data-testid="migrate-mapping">
            <thead>
              <tr className="text-left text-gray-500"><th className="py-0.5">active in v{p.source.number}</th><th>becomes in v{p.target.number}</th></tr>
            </thead>
            <tbody>
              {open.map((id) => (
                <tr key={id}>
                  <td className="py-0.5 font-mono">{id}</td>
                  <td>
                    <select
                      className="w-full rounded border border-gray-300 px-1 py-0.5 font-mono text-[11px]"
                      value={mapping[id] ?? ''}
                      onChange={(e) => {
                        const next = { ...mapping };
                        if (e.target.value === '') delete next[id];
                        else next[id] = e.target.value;
                        load(next);
                      }}
                      aria-label={`Target of ${id}`}
                    >
                      <option value="">— unmapped —</option>
                      {p.target.elements.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.id} ({t.type})
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.check.errors.map((e) => <p key={e.elementId + e.message} className="rounded bg-red-50 px-2 py-1 text-[11px] text-red-800">✕ {e.message}</p>)}
          {p.check.warnings.map((w) => <p key={w.elementId + w.message} className="rounded bg-amber-50 px-2 py-1 text-[11px] text-amber-900">⚠ {w.message}</p>)}
          <div className="rounded border border-gray-200 px-2 py-1 text-[11px]" data-testid="migrate-preview">
            <p className="font-medium text-gray-700">Preview: {p.preview.length} instance{p.preview.length === 1 ? '' : 's'}</p>
            {p.preview.slice(0, 8).map((row) => (
              <p key={row.instanceId} className="font-mono text-gray-600">
                {row.instanceId}: {row.moves.map((m) => `${m.from}→${m.to}${m.count > 1 ? ` ×${m.count}` : ''}`).join(', ') || '—'}
                {row.blocked.length > 0 && <span className="text-red-700"> blocked by {row.blocked.join(', ')}</span>}
              </p>
            ))}
          </div>
          {p.check.ok && p.preview.length > 0 && (
            <ReasonForm
              testId="migrate-apply"
              label={`Migrate ${p.preview.length} instance${p.preview.length === 1 ? '' : 's'}…`}
              confirm={`Migrate ${p.preview.length}`}
              run={(reason) => migrateInstancesAction({ sourceVersionId: versionId, targetVersionId: target, instanceIds: p.instances.map((i) => i.instanceId), mapping, reason })}
            />
          )}
        </div>
      )}
    </div>
  );
}
