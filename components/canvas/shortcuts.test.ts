import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('given the usual chords, then the actions of the help overlay', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutFor(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutFor(key('Delete'))).toBe('delete');
    expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help');
    expect(shortcutFor(key('!', { shiftKey: true, code: 'Digit1' }))).toBe('fit');
    expect(shortcutFor(key('ArrowLeft', { shiftKey: true }))).toBe('nudgeLeft');
    expect(shortcutFor(key('g'))).toBe('toggleGrid');
    expect(shortcutFor(key('x'))).toBeUndefined();
  });
});
