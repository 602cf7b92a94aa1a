/**
 * SVG and PNG of the whole diagram on the canvas (not just what is in view), as React Flow's
 * "download image" example does it: the viewport element drawn by html-to-image with a transform
 * that fits all nodes, without the editing chrome (handles, resize frames, selection).
 */
import { toPng, toSvg } from 'html-to-image';
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';

const PADDING = 24;
const MAX_SIDE = 4000;

function isChrome(node: HTMLElement): boolean {
  const classes = node.classList;
  if (!classes) return false;
  return classes.contains('react-flow__handle') || classes.contains('react-flow__resize-control') || classes.contains('react-flow__nodesselection');
}

export async function exportImage(kind: 'svg' | 'png', nodes: Node[], viewport: HTMLElement | null): Promise<string | Blob | undefined> {
  if (!viewport || nodes.length === 0) return undefined;
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1, MAX_SIDE / Math.max(bounds.width, bounds.height));
  const width = Math.ceil(bounds.width * scale + PADDING * 2);
  const height = Math.ceil(bounds.height * scale + PADDING * 2);
  const transform = getViewportForBounds(bounds, width, height, scale, scale, 0);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${transform.x}px, ${transform.y}px) scale(${transform.zoom})` },
    filter: (node: HTMLElement) => !isChrome(node),
  };
  if (kind === 'png') {
    const url = await toPng(viewport, { ...options, pixelRatio: 2 });
    return (await fetch(url)).blob();
  }
  const url = await toSvg(viewport, options);
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}
