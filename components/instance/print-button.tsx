'use client';

/** Opens the browser's print dialog (the report page prints without it). */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="no-print rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 print:hidden">
      Print
    </button>
  );
}
