/**
 * The modeler's keyboard shortcuts: one list, read by the key handler and by the help overlay,
 * so the overlay never lies. `Mod` is Ctrl (Cmd on a Mac).
 */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'delete'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'deselect'
  | 'fit'
  | 'zoomIn'
  | 'zoomOut'
  | 'nudgeLeft'
  | 'nudgeRight'
  | 'nudgeUp'
  | 'nudgeDown'
  | 'save'
  | 'toggleGrid'
  | 'help';

export type Shortcut = { action: ShortcutAction; keys: string[]; label: string };

export const SHORTCUTS: Shortcut[] = [
  { action: 'undo', keys: ['Mod+Z'], label: 'Undo' },
  { action: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], label: 'Redo' },
  { action: 'delete', keys: ['Delete', 'Backspace'], label: 'Delete the selection' },
  { action: 'copy', keys: ['Mod+C'], label: 'Copy the selection' },
  { action: 'paste', keys: ['Mod+V'], label: 'Paste' },
  { action: 'selectAll', keys: ['Mod+A'], label: 'Select everything' },
  { action: 'deselect', keys: ['Escape'], label: 'Clear the selection, cancel a placement, close this help' },
  { action: 'fit', keys: ['Shift+1'], label: 'Zoom to fit' },
  { action: 'zoomIn', keys: ['+', '='], label: 'Zoom in' },
  { action: 'zoomOut', keys: ['-'], label: 'Zoom out' },
  { action: 'nudgeLeft', keys: ['ArrowLeft', 'Shift+ArrowLeft'], label: 'Move the selection left (Shift: by 50)' },
  { action: 'nudgeRight', keys: ['ArrowRight', 'Shift+ArrowRight'], label: 'Move the selection right' },
  { action: 'nudgeUp', keys: ['ArrowUp', 'Shift+ArrowUp'], label: 'Move the selection up' },
  { action: 'nudgeDown', keys: ['ArrowDown', 'Shift+ArrowDown'], label: 'Move the selection down' },
  { action: 'save', keys: ['Mod+S'], label: 'Save the draft now' },
  { action: 'toggleGrid', keys: ['G'], label: 'Snap to grid on or off' },
  { action: 'help', keys: ['?'], label: 'Show or hide these shortcuts' },
];

type KeyLike = { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** The key chord of a keyboard event, in the notation of SHORTCUTS ("Mod+Shift+Z", "?", "Shift+1"). */
export function chordOf(event: KeyLike): string {
  const mods: string[] = [];
  if (event.ctrlKey || event.metaKey) mods.push('Mod');
  if (event.altKey) mods.push('Alt');
  // Shift+1 types "!" on most layouts: name it by its key code.
  if (event.shiftKey && event.code === 'Digit1') return [...mods, 'Shift', '1'].join('+');
  const printable = event.key.length === 1;
  const letter = printable && /[a-z]/i.test(event.key);
  // Shift is already part of printable symbols ("?", "+"), not of letters and named keys.
  if (event.shiftKey && (!printable || letter)) mods.push('Shift');
  return [...mods, printable ? event.key.toUpperCase() : event.key].join('+');
}

export function shortcutFor(event: KeyLike): ShortcutAction | undefined {
  const chord = chordOf(event);
  return SHORTCUTS.find((s) => s.keys.includes(chord))?.action;
}
