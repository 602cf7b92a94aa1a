'use server';
/**
 * Server actions of the notification list: authorise with `requireAction('inbox:read')`
 * (notifications belong to the inbox), then mark read through lib/notifications, which only
 * touches the caller's own notifications (someone else's id is `notification.not-found`).
 */
import { refresh } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { requireAction } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import { markNotificationsRead } from '@/lib/notifications/list-notifications';

export type MarkReadState = { status: 'idle' } | { status: 'error'; message: string };

const IdSchema = z.string().trim().min(1).max(200);

export async function markNotificationReadAction(_previous: MarkReadState, formData: FormData): Promise<MarkReadState> {
  try {
    const { subject } = await requireAction('inbox:read');
    const id = IdSchema.safeParse(formData.get('id'));
    if (!id.success) return { status: 'error', message: 'No notification named.' };
    await markNotificationsRead(getDb(), subject, { ids: [id.data] });
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    throw error;
  }
  refresh();
  return { status: 'idle' };
}

export async function markAllNotificationsReadAction(_previous: MarkReadState, _formData: FormData): Promise<MarkReadState> {
  try {
    const { subject } = await requireAction('inbox:read');
    await markNotificationsRead(getDb(), subject, { all: true });
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    throw error;
  }
  refresh();
  return { status: 'idle' };
}
