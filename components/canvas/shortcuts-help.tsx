'use client';
/** The keyboard shortcuts overlay, generated from the one list in ./shortcuts.ts. */
import { Dialog } from './dialog';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-help">
      <table className="w-full text-xs">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action} className="border-t border-gray-100">
              <td className="py-1 pr-3 whitespace-nowrap">
                {s.keys.map((k) => (
                  <kbd key={k} className="mr-1 rounded border border-gray-300 bg-gray-50 px-1 font-mono text-[11px]">
                    {k.replace('Mod', 'Ctrl')}
                  </kbd>
                ))}
              </td>
              <td className="py-1 text-gray-800">{s.label}</td>
            </tr>
          ))}
          <tr className="border-t border-gray-100">
            <td className="py-1 pr-3 whitespace-nowrap">
              <kbd className="rounded border border-gray-300 bg-gray-50 px-1 font-mono text-[11px]">Shift+drag</kbd>
            </td>
            <td className="py-1 text-gray-800">Select with a box; Ctrl+click adds to the selection</td>
          </tr>
        </tbody>
      </table>
      <div className="flex justify-end">
        <button type="button" className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
