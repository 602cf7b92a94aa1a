'use client';
import { useState, type FormEvent } from 'react';
import { authClient } from './auth-client';

/**
 * E-mail and password sign-in through better-auth's endpoint (which applies the lockout and its
 * rate limiter), then a full page load of `next` so every server component sees the session.
 * `next` is a path on this site (the page checked it).
 */
export function SignInForm({ next, sso }: { next: string; sso: { providerId: string; name: string } | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
    if (failure) {
      setPending(false);
      setError(failure.status === 429 && !failure.message?.includes('locked') ? 'Too many sign-in attempts from here. Wait a minute and try again.' : failure.message || 'Sign-in failed.');
      return;
    }
    window.location.assign(next);
  }

  async function singleSignOn() {
    setPending(true);
    const { error: failure } = await authClient.signIn.social({ provider: sso!.providerId, callbackURL: next, errorCallbackURL: '/sign-in' });
    if (failure) {
      setPending(false);
      setError(failure.message || 'Single sign-on failed.');
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-4" data-testid="sign-in-form">
        <div>
          <label htmlFor="email" className="block text-sm font-medium text-gray-900">
            E-mail
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm shadow-xs focus:border-blue-600 focus:ring-1 focus:ring-blue-600 focus:outline-none"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium text-gray-900">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm shadow-xs focus:border-blue-600 focus:ring-1 focus:ring-blue-600 focus:outline-none"
          />
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-gray-300"
        >
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {sso && (
        <button type="button" onClick={singleSignOn} disabled={pending} className="w-full rounded-md border border-gray-300 px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50">
          Sign in with {sso.name}
        </button>
      )}
    </div>
  );
}
