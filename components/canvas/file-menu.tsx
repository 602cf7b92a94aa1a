'use client';
/**
 * Files: import a .bpmn into this draft (replaces the model, one undo step), export BPMN XML
 * (what Camunda Modeler and bpmn.io open), SVG and PNG of the canvas.
 *
 * The XML library (bpmn-moddle) and the image exporter are loaded when first used, not with the
 * modeler: they are large, and opening a model needs neither.
 */
import { useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { download } from './download';
import { FIT_OPTIONS } from './opening-view';
import { useRevealDiagram } from './use-reveal-diagram';
import type { ModelerActions } from './use-modeler-state';

/** Reads a .bpmn file and replaces the model with it (undoable); refusals become the notice. */
export async function importFile(file: File, actions: ModelerActions, reveal: (model: BpmnModel) => void): Promise<void> {
  const xml = await file.text();
  const { importBpmn } = await import('@/lib/bpmn/xml/import-bpmn');
  const result = await importBpmn(xml);
  if (!result.ok) {
    const first = result.findings.find((f) => f.severity === 'error') ?? result.findings[0];
    actions.notify(`${file.name} could not be imported: ${first?.message ?? 'not BPMN 2.0 XML'}${first?.line ? ` (line ${first.line})` : ''}`);
    return;
  }
  if (actions.run({ kind: 'replaceModel', model: result.model }, { label: `Import ${file.name}`, select: [] })) reveal(result.model);
}

/**
 * Runs `fn` with every node drawn: the canvas draws only what is in view, so the view is fitted
 * to the whole diagram until every node is in the DOM (at most a few seconds), then put back.
 */
async function withEveryNodeDrawn<T>(flow: ReturnType<typeof useReactFlow>, fn: () => Promise<T>): Promise<T> {
  const before = flow.getViewport();
  await flow.fitView(FIT_OPTIONS);
  const total = flow.getNodes().length;
  const drawn = () => document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__node').length >= total;
  for (let frame = 0; frame < 300 && !drawn(); frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
  try {
    return await fn();
  } finally {
    await flow.setViewport(before);
  }
}

export function FileMenu({ model, actions, modelKey }: { model: BpmnModel; actions: ModelerActions; modelKey: string }) {
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => menu.current?.removeAttribute('open');
  const item = 'block w-full px-3 py-1.5 text-left hover:bg-gray-100';
  const flow = useReactFlow();
  const reveal = useRevealDiagram();
  const image = async (kind: 'svg' | 'png') => {
    const { exportImage } = await import('./export-image');
    return withEveryNodeDrawn(flow, () =>
      exportImage(kind, flow.getNodes(), document.querySelector<HTMLElement>('[data-testid="modeler-canvas"] .react-flow__viewport')),
    );
  };
  return (
    <details ref={menu} className="relative" data-testid="file-menu">
      <summary className="cursor-pointer list-none rounded px-2 py-1 text-gray-800 hover:bg-gray-100">File ▾</summary>
      <div className="absolute left-0 z-50 mt-1 w-56 rounded border border-gray-200 bg-white py-1 shadow-lg">
        <button type="button" className={item} data-testid="import-bpmn" onClick={() => input.current?.click()}>
          Import .bpmn (replaces this draft)…
        </button>
        <button
          type="button"
          className={item}
          data-testid="export-bpmn"
          onClick={async () => {
            close();
            const { exportBpmn } = await import('@/lib/bpmn/xml/export-bpmn');
            download(`${modelKey}.bpmn`, await exportBpmn(model), 'application/xml');
          }}
        >
          Export BPMN XML
        </button>
        <button
          type="button"
          className={item}
          data-testid="export-svg"
          onClick={async () => {
            close();
            const svg = await image('svg');
            if (svg) download(`${modelKey}.svg`, svg, 'image/svg+xml');
          }}
        >
          Export SVG
        </button>
        <button
          type="button"
          className={item}
          data-testid="export-png"
          onClick={async () => {
            close();
            const png = await image('png');
            if (png) download(`${modelKey}.png`, png, 'image/png');
          }}
        >
          Export PNG
        </button>
      </div>
      <input
        ref={input}
        type="file"
        accept=".bpmn,.xml,application/xml,text/xml"
        className="hidden"
        data-testid="import-bpmn-file"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          close();
          if (file) await importFile(file, actions, reveal);
        }}
      />
    </details>
  );
}
