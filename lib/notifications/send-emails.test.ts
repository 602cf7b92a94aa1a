import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createRuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { createTransport, mailSettingsFromEnv, sendPendingEmails, type MailSettings } from '@/lib/notifications/send-emails';
import { runSeed } from '@/prisma/seed/run-seed';

type Received = { from: string; to: string[]; raw: string };

const GROUP_TASK = processXml(
  'mail-review',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="Check the contract"><bpmn:extensionElements><baton:assignment candidateGroups="compliance" priority="80" /></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>`,
);

it('given no BATON_SMTP_URL, then e-mail is off; given one, then the sender and link base come from the environment', () => {
  expect(mailSettingsFromEnv({})).toBeNull();
  expect(mailSettingsFromEnv({ BATON_SMTP_URL: 'smtp://mail:25', BATON_SMTP_FROM: 'Tasks <tasks@example.com>', BATON_PUBLIC_URL: 'https://baton.example.com/' })).toEqual({
    url: 'smtp://mail:25',
    from: 'Tasks <tasks@example.com>',
    baseUrl: 'https://baton.example.com',
  });
});

describeEachDatabase('task e-mails over SMTP', (database) => {
  const received: Received[] = [];
  let server: SMTPServer;
  let settings: MailSettings;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    settings = mailSettingsFromEnv({ BATON_SMTP_URL: `smtp://127.0.0.1:${port}`, BATON_SMTP_FROM: 'Baton <baton@example.com>', BATON_PUBLIC_URL: 'http://baton.test' })!;
    await runSeed(database.db, { credentials: { demoPasswords: false, production: false } });
    await publishXml(database.db, GROUP_TASK, 'mail-review');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('given a new task for the compliance group, when pending e-mails are sent, then the local SMTP server receives one message to the group members with the task and its link, and the row is marked sent', async () => {
    received.length = 0;
    const rt = createRuntimeContext({ db: database.db });
    const { instanceId } = await startInstance(rt, { processKey: 'mail-review' });
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId } });
    const transport = createTransport(settings);
    try {
      const outcome = await sendPendingEmails(database.db, transport, settings);
      expect(outcome).toMatchObject({ sent: 1, failed: 0 });
    } finally {
      transport.close();
    }
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message.from).toBe('baton@example.com');
    // Group members are Bcc: each gets the message, none sees the others' addresses.
    expect(message.to).toContain('compliance@baton.local');
    expect(message.raw).not.toMatch(/^Bcc:/m);
    expect(message.raw).toMatch(/Subject: \[Baton\] New task for your group: Check the contract/);
    expect(message.raw).toContain(`http://baton.test/tasks/${task.id}`);
    expect(message.raw).toContain('Priority: 80');
    const row = await database.db.notification.findFirstOrThrow({ where: { taskId: task.id } });
    expect(row).toMatchObject({ emailStatus: 'sent', emailAttempts: 1 });

    // Sent once: a second round finds nothing to send.
    const again = createTransport(settings);
    try {
      expect(await sendPendingEmails(database.db, again, settings)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    } finally {
      again.close();
    }
    expect(received).toHaveLength(1);
  });
});
