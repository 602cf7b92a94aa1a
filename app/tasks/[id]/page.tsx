import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { BpmnDiagram } from '@/components/diagram/bpmn-diagram';
import { formatDateTime, formatDue } from '@/components/tasks/format';
import { OverdueBadge, PriorityBadge } from '@/components/tasks/priority-badge';
import { ClaimButton, HandOverForm } from '@/components/tasks/task-actions';
import { AgentPanel, agentAnswerNames, Card, HistoryList, VariablesList } from '@/components/tasks/task-context';
import { TaskForm } from '@/components/tasks/task-form';
import { PageHeader } from '@/components/ui/page-header';
import { NotFoundError } from '@/lib/api/errors';
import type { Subject } from '@/lib/auth/subject';
import { getDb } from '@/lib/db/client';
import { getTaskView } from '@/lib/tasks';
import { Guarded } from '../../_auth/guarded';
import { actorLabels, loadVersionModel } from '../_data/version-model';
import { assignTaskAction, claimTaskAction, completeTaskAction, delegateTaskAction, unclaimTaskAction } from '../actions';

export const metadata: Metadata = { title: 'Task' };

type Params = Promise<{ id: string }>;

export default function TaskPage({ params }: { params: Params }) {
  return (
    <Guarded action="inbox:read">
      {(subject) => (
        <Suspense fallback={<p className="text-sm text-gray-500">Loading the task…</p>}>
          <TaskView subject={subject} params={params} />
        </Suspense>
      )}
    </Guarded>
  );
}

const HISTORY_SIZE = 12;

async function TaskView({ subject, params }: { subject: Subject; params: Params }) {
  await connection();
  const { id } = await params;
  const db = getDb();
  let view;
  try {
    view = await getTaskView({ db, subject }, decodeURIComponent(id));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { task } = view;
  const recent = view.history.slice(-HISTORY_SIZE).reverse();
  const [version, actors] = await Promise.all([loadVersionModel(db, view.diagram.versionId), actorLabels(db, recent.map((h) => h.actor))]);
  const history = recent.map((h) => ({ ...h, actor: h.actor === null || h.actor === 'system' ? null : (actors.get(h.actor) ?? h.actor) }));
  const now = new Date();
  const open = task.status === 'created';
  const assignedToMe = task.mayUnclaim;
  const shownElsewhere = new Set([...view.form.fields.map((f) => f.key), ...agentAnswerNames(view.agent)]);
  const contextVariables = Object.fromEntries(Object.entries(view.variables).filter(([name]) => !shownElsewhere.has(name)));

  const mustClaim = open && task.assignee === null;
  const disabledReason = !open ? 'This task is no longer open.' : (task.completeRefusedBecause ?? (mustClaim ? 'Claim the task to work on it.' : undefined));

  return (
    <div data-testid="task-page" data-task-id={task.id} data-status={task.status}>
      <PageHeader
        eyebrow={
          <span className="flex items-center gap-1.5">
            <Link href="/tasks" className="hover:text-gray-700 hover:underline" data-testid="back-to-inbox">
              Tasks
            </Link>
            <span aria-hidden>/</span>
            <span>{version?.name ?? task.processKey}</span>
          </span>
        }
        title={<span data-testid="task-title">{task.name}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={task.status} />
            <PriorityBadge priority={task.priority} />
            {task.overdue && <OverdueBadge label={`Overdue by ${formatDue(task.dueAt as string, now).replace('overdue by ', '')}`} />}
            <span className="text-gray-500">
              {task.assignee ? (
                <>
                  Assigned to <span className="font-medium text-gray-800" data-testid="task-assignee">{assignedToMe ? 'you' : task.assigneeLabel}</span>
                </>
              ) : (
                <>Unassigned{task.candidateGroups.length > 0 && <> · offered to {task.candidateGroups.join(', ')}</>}</>
              )}
            </span>
          </span>
        }
        actions={
          open ? (
            <>
              {task.mayClaim && <ClaimButton taskId={task.id} action={claimTaskAction} />}
              {assignedToMe && <ClaimButton taskId={task.id} action={unclaimTaskAction} label="Unclaim" primary={false} />}
            </>
          ) : undefined
        }
      />

      {task.status === 'completed' && (
        <div className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" role="status" data-testid="task-completed">
          Completed{task.completedById ? ` by ${task.completedById === subject.id ? 'you' : 'someone else'}` : ''}{task.completedAt ? ` on ${formatDateTime(task.completedAt)}` : ''}. The process has moved on.
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {open && (
            <Card title="Your decision" testId="form-card">
              <TaskForm
                taskId={task.id}
                fields={view.form.fields}
                action={completeTaskAction}
                disabled={disabledReason !== undefined}
                {...(disabledReason === undefined ? {} : { disabledReason, disabledBecause: task.completeRefusedReason ?? (mustClaim ? 'must-claim' : 'not-open') })}
              />
            </Card>
          )}
          {task.result && (
            <Card title="Submitted" testId="task-result">
              <VariablesList variables={task.result} />
            </Card>
          )}
          {view.agent && (
            <Card title="Agent recommendation" testId="agent-card">
              <AgentPanel agent={view.agent} />
            </Card>
          )}
          <Card title="Context">
            <VariablesList variables={contextVariables} />
          </Card>
          {version && (
            <Card title="Where the process is" aside={<span className="text-xs text-gray-500">{view.diagram.versionNumber ? `Version ${view.diagram.versionNumber}` : null}</span>} testId="task-diagram">
              <BpmnDiagram model={version.model} highlightedElementId={task.elementId} height={360} />
            </Card>
          )}
        </div>

        <aside className="space-y-6">
          <Card title="Details">
            <dl className="space-y-2.5 text-sm" data-testid="task-details">
              <Detail label="Due">{task.dueAt ? <span className={task.overdue ? 'font-medium text-red-700' : ''}>{formatDateTime(task.dueAt)}</span> : '—'}</Detail>
              <Detail label="Created">{formatDateTime(task.createdAt)}</Detail>
              <Detail label="Priority">{task.priority} of 100</Detail>
              <Detail label="Candidates">{[...task.candidateGroups, ...task.candidateUsers].join(', ') || '—'}</Detail>
              <Detail label="Process">
                <span className="font-mono text-xs">{task.processKey}</span>
              </Detail>
              <Detail label="Instance">
                <span className="font-mono text-xs break-all">{task.instanceId}</span>
              </Detail>
              {task.followUpAt && <Detail label="Follow-up">{formatDateTime(task.followUpAt)}</Detail>}
            </dl>
          </Card>
          {open && (task.mayAssign || task.mayDelegate) && (
            <Card title="Hand over">
              <div className="space-y-4">
                {task.mayAssign && <HandOverForm taskId={task.id} action={assignTaskAction} kind="assign" />}
                {task.mayDelegate && <HandOverForm taskId={task.id} action={delegateTaskAction} kind="delegate" />}
              </div>
            </Card>
          )}
          <Card title="History" aside={<span className="text-xs text-gray-500">newest first</span>}>
            <HistoryList items={history} />
          </Card>
        </aside>
      </div>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2">
      <dt className="text-gray-500">{label}</dt>
      <dd className="col-span-2 text-gray-900">{children}</dd>
    </div>
  );
}

function StatusBadge({ status }: { status: string }) {
  const style = status === 'created' ? 'bg-blue-50 text-blue-700 ring-blue-600/20' : status === 'completed' ? 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' : 'bg-gray-100 text-gray-600 ring-gray-500/20';
  return (
    <span className={`rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`} data-testid="task-status">
      {status === 'created' ? 'Open' : status === 'completed' ? 'Completed' : 'Cancelled'}
    </span>
  );
}
