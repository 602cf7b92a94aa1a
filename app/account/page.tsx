import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { PageHeader } from '@/components/ui/page-header';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/passwords';
import { ROLE_DESCRIPTIONS } from '@/lib/auth/roles';
import { Guarded } from '../_auth/guarded';

export const metadata: Metadata = { title: 'Your account' };

export default function AccountPage() {
  return (
    <Guarded action="self:read">
      {(subject) => (
        <div className="max-w-2xl">
          <PageHeader title="Your account" description={subject.label} />
          <section className="mb-6 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="account-access">
            <h2 className="mb-2 font-semibold text-gray-900">What you may do</h2>
            {subject.roles.length === 0 ? (
              <p className="text-gray-700">No role: you work the tasks of your groups.</p>
            ) : (
              <ul className="list-disc space-y-1 pl-5 text-gray-700">
                {subject.roles.map((role) => (
                  <li key={role}>
                    <span className="font-medium">{role}</span>: {ROLE_DESCRIPTIONS[role]}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-gray-700">Groups: {subject.groups.length > 0 ? subject.groups.join(', ') : 'none'}.</p>
          </section>
          <section className="rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="mb-3 text-sm font-semibold text-gray-900">Change your password</h2>
            <ChangePasswordForm minLength={PASSWORD_MIN_LENGTH} />
          </section>
        </div>
      )}
    </Guarded>
  );
}
