import { PageHeader } from './page-header';

/**
 * A section that exists in the navigation but is not built yet: says what it will hold, and
 * plainly that it is not there yet. No sample data.
 */
export function NotBuiltYet({ title, purpose, planned }: { title: string; purpose: string; planned: string[] }) {
  return (
    <div>
      <PageHeader title={title} description={purpose} />
      <section className="rounded-lg border border-dashed border-gray-300 bg-white p-6" data-testid="not-built-yet">
        <p className="text-sm font-medium text-gray-900">Not built yet.</p>
        <p className="mt-1 text-sm text-gray-600">This page has no data to show until its part of Baton exists. It will have:</p>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-gray-700">
          {planned.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
