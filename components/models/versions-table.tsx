import Link from 'next/link';
import type { VersionSummary } from '@/lib/api/schemas';
import { checksumPrefix, formatDateTime } from './format';

export type VersionRow = VersionSummary & { publishedBy?: string };

/** The published versions of a model, newest first; each opens its own page. */
export function VersionsTable({ modelId, versions }: { modelId: string; versions: VersionRow[] }) {
  if (versions.length === 0) {
    return (
      <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600" data-testid="versions-none">
        No version published yet. Instances can only start from a published version.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="versions-list">
      {versions.map((v) => (
        <li key={v.number}>
          <Link href={`/models/${encodeURIComponent(modelId)}/versions/${v.number}`} className="block px-4 py-3 hover:bg-gray-50" data-testid="version-link">
            <div className="flex items-baseline justify-between gap-3">
              <span className="font-medium text-blue-700">Version {v.number}</span>
              <span className="font-mono text-xs text-gray-500" title={`sha256 ${v.checksum}`}>
                {checksumPrefix(v.checksum)}
              </span>
            </div>
            <p className="mt-0.5 text-xs text-gray-500">
              {formatDateTime(v.publishedAt)}
              {v.publishedBy ? ` by ${v.publishedBy}` : ''}
            </p>
            {v.message ? <p className="mt-1 text-sm text-gray-800">{v.message}</p> : <p className="mt-1 text-sm text-gray-400 italic">No message</p>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
