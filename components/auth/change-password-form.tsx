'use client';
import { useState, type FormEvent } from 'react';
import { authClient } from './auth-client';

/** Changes one's own password through better-auth (current password required); other sessions end. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('repeat') ?? '')) {
      setMessage({ ok: false, text: 'The two new passwords differ.' });
      return;
    }
    setPending(true);
    const { error } = await authClient.changePassword({ currentPassword: String(form.get('currentPassword') ?? ''), newPassword, revokeOtherSessions: true });
    setPending(false);
    if (error) setMessage({ ok: false, text: error.message || 'The password was not changed.' });
    else {
      formElement.reset();
      setMessage({ ok: true, text: 'Password changed; your other sessions have ended.' });
    }
  }

  const input = 'mt-1 block w-full rounded-md border border-gray-300 px-3 py-1.5 text-sm';
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="change-password-form">
      <label className="block text-sm">
        <span className="font-medium text-gray-900">Current password</span>
        <input name="currentPassword" type="password" required autoComplete="current-password" className={input} />
      </label>
      <label className="block text-sm">
        <span className="font-medium text-gray-900">New password</span>
        <input name="newPassword" type="password" required minLength={minLength} autoComplete="new-password" className={input} />
      </label>
      <label className="block text-sm">
        <span className="font-medium text-gray-900">New password again</span>
        <input name="repeat" type="password" required minLength={minLength} autoComplete="new-password" className={input} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? 'Working…' : 'Change password'}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {message.text}
        </p>
      )}
    </form>
  );
}
