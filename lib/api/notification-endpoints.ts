/**
 * The in-app notifications of the caller (lib/notifications): list and mark read. Every signed-in
 * caller may call them (`inbox:read`); each sees only what is addressed to them or their groups.
 */
import { z } from 'zod';
import { defineEndpoint } from '@/lib/api/endpoint';
import { MarkReadInputSchema, NotificationQuerySchema } from '@/lib/notifications/list-notifications';

const NotificationListSchema = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      taskId: z.string().nullable(),
      instanceId: z.string().nullable(),
      title: z.string(),
      href: z.string().nullable(),
      createdAt: z.iso.datetime(),
      read: z.boolean(),
    }),
  ),
});

export const listNotifications = defineEndpoint({
  operationId: 'listNotifications',
  method: 'GET',
  path: '/api/v1/notifications',
  summary: 'The caller’s notifications (new tasks, assignments, reminders, escalations), newest first, with the unread count',
  auth: { action: 'inbox:read' },
  query: NotificationQuerySchema,
  responses: { 200: { description: 'The notifications.', schema: NotificationListSchema } },
  errors: [],
});

export const markNotificationsRead = defineEndpoint({
  operationId: 'markNotificationsRead',
  method: 'POST',
  path: '/api/v1/notifications/read',
  summary: 'Mark notifications read: `{ ids: [...] }` or `{ all: true }`',
  auth: { action: 'inbox:read' },
  body: { schema: MarkReadInputSchema, description: '`{ ids }` or `{ all: true }`' },
  responses: { 200: { description: 'How many were newly marked.', schema: z.object({ marked: z.number().int() }) } },
  errors: ['notification.not-found'],
});

export const NOTIFICATION_ENDPOINTS = [listNotifications, markNotificationsRead] as const;
