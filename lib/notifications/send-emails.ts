/**
 * E-mail for task notifications, over SMTP with nodemailer, when configured.
 *
 * Contract
 * - Configured by `BATON_SMTP_URL` (e.g. `smtp://user:pass@mail.example.com:587`,
 *   `smtps://...`) and `BATON_SMTP_FROM` (default `Baton <baton@localhost>`); links point at
 *   `BATON_PUBLIC_URL` (else `BETTER_AUTH_URL`, else http://localhost:3000). Without
 *   `BATON_SMTP_URL` nothing is sent and rows stay `pending` (in-app only).
 * - `sendPendingEmails` takes pending notification rows oldest first, claims each (pending →
 *   sending, so two workers never send one twice), sends ONE message per notification to its
 *   recipients — a user by id or e-mail, a group's active members (Bcc) — and marks it `sent`;
 *   no recipient with an address → `skipped`; an SMTP error → back to `pending` with the error,
 *   `failed` after 5 attempts. At-least-once: a crash between sending and marking sends again.
 * - `startEmailNotifier` runs it every `intervalMs` until stopped (instrumentation.ts).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '@/lib/db/client';
import { parseDetails, titleOf } from '@/lib/notifications/list-notifications';

export type MailSettings = { url: string; from: string; baseUrl: string };

const MAX_ATTEMPTS = 5;

export function mailSettingsFromEnv(env: Record<string, string | undefined> = process.env): MailSettings | null {
  const url = env.BATON_SMTP_URL?.trim();
  if (!url) return null;
  return {
    url,
    from: env.BATON_SMTP_FROM?.trim() || 'Baton <baton@localhost>',
    baseUrl: (env.BATON_PUBLIC_URL ?? env.BETTER_AUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };
}

export function createTransport(settings: MailSettings): Transporter {
  return nodemailer.createTransport(settings.url);
}

async function addressesOf(db: Db, recipientKind: string, recipient: string): Promise<string[]> {
  if (recipientKind === 'group') {
    const members = await db.groupMembership.findMany({ where: { group: { name: recipient }, user: { active: true } }, select: { user: { select: { email: true } } } });
    return members.map((m) => m.user.email);
  }
  const user = await db.user.findFirst({ where: { OR: [{ id: recipient }, { email: recipient.toLowerCase() }], active: true }, select: { email: true } });
  return user === null ? [] : [user.email];
}

export async function sendPendingEmails(db: Db, transport: Transporter, settings: MailSettings, options: { max?: number } = {}): Promise<{ sent: number; skipped: number; failed: number }> {
  const pending = await db.notification.findMany({ where: { emailStatus: 'pending' }, orderBy: { createdAt: 'asc' }, take: options.max ?? 50 });
  const outcome = { sent: 0, skipped: 0, failed: 0 };
  for (const row of pending) {
    const claimed = await db.notification.updateMany({ where: { id: row.id, emailStatus: 'pending' }, data: { emailStatus: 'sending', emailAttempts: { increment: 1 } } });
    if (claimed.count !== 1) continue;
    const to = [...new Set(await addressesOf(db, row.recipientKind, row.recipient))];
    if (to.length === 0) {
      await db.notification.update({ where: { id: row.id }, data: { emailStatus: 'skipped' } });
      outcome.skipped++;
      continue;
    }
    const task = row.taskId === null ? null : await db.userTask.findUnique({ where: { id: row.taskId }, select: { name: true, dueAt: true, priority: true } });
    const details = parseDetails(row.details);
    const title = titleOf(row.kind, task?.name ?? (typeof details.name === 'string' ? details.name : 'a task'), details, row.recipientKind);
    const link = row.taskId === null ? `${settings.baseUrl}/tasks` : `${settings.baseUrl}/tasks/${row.taskId}`;
    const lines = [title, '', ...(task?.dueAt ? [`Due: ${task.dueAt.toISOString()}`] : []), ...(task ? [`Priority: ${task.priority}`] : []), '', `Open it: ${link}`];
    try {
      await transport.sendMail({
        from: settings.from,
        ...(row.recipientKind === 'group' ? { to: settings.from, bcc: to } : { to }),
        subject: `[Baton] ${title}`,
        text: lines.join('\n'),
      });
      await db.notification.update({ where: { id: row.id }, data: { emailStatus: 'sent', emailError: null } });
      outcome.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.notification.update({ where: { id: row.id }, data: { emailStatus: row.emailAttempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending', emailError: message.slice(0, 500) } });
      outcome.failed++;
    }
  }
  return outcome;
}

/** Sends pending e-mails every `intervalMs` until the returned stop() is called. */
export function startEmailNotifier(db: Db, settings: MailSettings, options: { intervalMs?: number } = {}): () => Promise<void> {
  const transport = createTransport(settings);
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = sendPendingEmails(db, transport, settings)
      .catch((error: unknown) => console.error('[baton mail] sending failed', error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 5_000);
      });
  };
  let timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}
