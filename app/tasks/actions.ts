'use server';
/**
 * Server actions of the task pages: authorise with `requireAction('inbox:read')` (everyone has
 * an inbox; the task-level rule — candidate, assignee, four-eyes — is the task service's to
 * check, and it does, whatever the page showed), parse the form, call one task operation, and
 * turn its named errors into state the page shows. A refusal keeps its reason (`four-eyes`...).
 */
import { refresh } from 'next/cache';
import { z } from 'zod';
import type { CompleteTaskState, TaskActionState } from '@/components/tasks/action-states';
import { formValuesOf } from '@/components/tasks/form-values';
import { AppError } from '@/lib/api/errors';
import { requireAction } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import { assignTask, claimTask, completeTask, delegateTask, parseFormFields, unclaimTask } from '@/lib/tasks';
import { loadTaskFacts } from '@/lib/tasks/task-facts';

const TaskIdSchema = z.string().trim().min(1).max(200);
const PersonSchema = z.string().trim().min(1, 'Name the person: their e-mail.').max(320);

function errorState(error: unknown): Extract<TaskActionState, { status: 'error' }> {
  if (!(error instanceof AppError)) throw error;
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : undefined;
  return { status: 'error', message: error.message, ...(reason === undefined ? {} : { reason }) };
}

function taskIdOf(formData: FormData): string | null {
  const parsed = TaskIdSchema.safeParse(formData.get('taskId'));
  return parsed.success ? parsed.data : null;
}

export async function claimTaskAction(_previous: TaskActionState, formData: FormData): Promise<TaskActionState> {
  try {
    const { subject, actor } = await requireAction('inbox:read');
    const taskId = taskIdOf(formData);
    if (taskId === null) return { status: 'error', message: 'No task named.' };
    await claimTask({ db: getDb(), subject, actor }, taskId);
  } catch (error) {
    return errorState(error);
  }
  refresh();
  return { status: 'done', message: 'Claimed: the task is yours.' };
}

export async function unclaimTaskAction(_previous: TaskActionState, formData: FormData): Promise<TaskActionState> {
  try {
    const { subject, actor } = await requireAction('inbox:read');
    const taskId = taskIdOf(formData);
    if (taskId === null) return { status: 'error', message: 'No task named.' };
    await unclaimTask({ db: getDb(), subject, actor }, taskId);
  } catch (error) {
    return errorState(error);
  }
  refresh();
  return { status: 'done', message: 'Unclaimed: the task is back with its groups.' };
}

async function handOver(kind: 'assign' | 'delegate', formData: FormData): Promise<TaskActionState> {
  try {
    const { subject, actor } = await requireAction('inbox:read');
    const taskId = taskIdOf(formData);
    if (taskId === null) return { status: 'error', message: 'No task named.' };
    const to = PersonSchema.safeParse(formData.get('to') ?? '');
    if (!to.success) return { status: 'error', message: to.error.issues[0]?.message ?? 'Name the person: their e-mail.' };
    const caller = { db: getDb(), subject, actor };
    if (kind === 'assign') await assignTask(caller, taskId, { assignee: to.data });
    else await delegateTask(caller, taskId, { assignee: to.data });
    refresh();
    return { status: 'done', message: `${kind === 'assign' ? 'Assigned' : 'Delegated'} to ${to.data}.` };
  } catch (error) {
    return errorState(error);
  }
}

export async function assignTaskAction(_previous: TaskActionState, formData: FormData): Promise<TaskActionState> {
  await requireAction('inbox:read');
  return handOver('assign', formData);
}

export async function delegateTaskAction(_previous: TaskActionState, formData: FormData): Promise<TaskActionState> {
  await requireAction('inbox:read');
  return handOver('delegate', formData);
}

/** Completes the task with the submitted form; on any refusal nothing is saved and the form keeps what was typed. */
export async function completeTaskAction(_previous: CompleteTaskState, formData: FormData): Promise<CompleteTaskState> {
  let values: Record<string, string> = {};
  try {
    const { subject, actor } = await requireAction('inbox:read');
    const taskId = taskIdOf(formData);
    if (taskId === null) return { status: 'error', message: 'No task named.', fieldErrors: {}, values };
    const db = getDb();
    // The raw values of the task's own fields (only those): the form definition is the task's,
    // never the client's. completeTask validates them with the same zod schema as the browser.
    const loaded = await loadTaskFacts(db, taskId);
    values = formValuesOf(parseFormFields(loaded?.settings.form?.fields ?? []), formData);
    await completeTask({ db, subject, actor }, taskId, { variables: values });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = error.details?.fields;
    const fieldErrors = fields && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, string>) : {};
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : undefined;
    return { status: 'error', message: error.message, ...(reason === undefined ? {} : { reason }), fieldErrors, values };
  }
  refresh();
  return { status: 'idle' };
}
