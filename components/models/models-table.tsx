import Link from 'next/link';
import type { ModelSummary } from '@/lib/api/schemas';
import { FindingCountsBadge } from './finding-counts-badge';
import { formatDateTime } from './format';

export type ModelRow = ModelSummary & {
  /** Who made the last change (from the audit log), when known. */
  changedBy?: string;
};

export function ModelsTable({ models }: { models: ModelRow[] }) {
  if (models.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="models-empty">
        <p className="text-sm font-medium text-gray-900">No models yet.</p>
        <p className="mt-1 text-sm text-gray-600">Import a BPMN 2.0 file (from Camunda Modeler, bpmn.io or any other tool) to start.</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="models-table">
        <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Key</th>
            <th scope="col" className="px-4 py-3">Latest version</th>
            <th scope="col" className="px-4 py-3">Updated</th>
            <th scope="col" className="px-4 py-3">Findings</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {models.map((m) => (
            <tr key={m.id} className="hover:bg-gray-50" data-testid="model-row">
              <td className="px-4 py-3 align-top">
                <Link href={`/models/${encodeURIComponent(m.id)}`} className="font-medium text-blue-700 hover:underline">
                  {m.name}
                </Link>
                {m.description && <p className="mt-0.5 line-clamp-2 max-w-md text-xs text-gray-500">{m.description}</p>}
              </td>
              <td className="px-4 py-3 align-top font-mono text-xs text-gray-700">{m.key}</td>
              <td className="px-4 py-3 align-top whitespace-nowrap">
                {m.latestVersion ? (
                  <>
                    <span className="font-medium text-gray-900">v{m.latestVersion.number}</span>
                    <span className="block text-xs text-gray-500">{formatDateTime(m.latestVersion.publishedAt)}</span>
                  </>
                ) : (
                  <span className="text-gray-500">Not published</span>
                )}
              </td>
              <td className="px-4 py-3 align-top whitespace-nowrap">
                <span className="text-gray-900">{formatDateTime(m.updatedAt)}</span>
                {m.changedBy && <span className="block text-xs text-gray-500">by {m.changedBy}</span>}
              </td>
              <td className="px-4 py-3 align-top">
                <FindingCountsBadge errors={m.findingCounts.errors} warnings={m.findingCounts.warnings} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
