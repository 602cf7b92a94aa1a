/** The look shared by every BPMN shape and flow (colours, strokes, fonts). */
import type { ShapeColors } from '@/lib/bpmn/diagram/types';

export const INK = '#1f2937';
export const PAPER = '#ffffff';
export const MUTED = '#6b7280';
export const AGENT = '#7c3aed';
export const HIGHLIGHT = '#2563eb';

export const STROKE = {
  thin: 1,
  normal: 1.5,
  endEvent: 3.5,
  thick: 4,
} as const;

export function fillOf(colors: ShapeColors | undefined, fallback: string = PAPER): string {
  return colors?.fill ?? fallback;
}

export function strokeOf(colors: ShapeColors | undefined): string {
  return colors?.stroke ?? INK;
}
