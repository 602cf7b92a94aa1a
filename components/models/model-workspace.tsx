'use client';
/**
 * The model page's diagram and findings, side by side in state: choosing a finding highlights
 * its element in the diagram and scrolls the diagram into view.
 */
import { useRef, useState, type ReactNode } from 'react';
import type { Finding } from '@/lib/bpmn/findings';
import type { BpmnModel } from '@/lib/bpmn/model';
import { BpmnDiagram } from '@/components/diagram/bpmn-diagram';
import { FindingsList } from './findings-list';
import { FindingCountsBadge } from './finding-counts-badge';

export function ModelWorkspace({ model, findings, aside }: { model: BpmnModel | null; findings: Finding[]; aside?: ReactNode }) {
  const [highlighted, setHighlighted] = useState<string | undefined>(undefined);
  const diagramRef = useRef<HTMLDivElement>(null);
  const errors = findings.filter((f) => f.severity === 'error').length;

  return (
    <div className="space-y-8">
      <section ref={diagramRef} aria-labelledby="diagram-heading" className="scroll-mt-20">
        <h2 id="diagram-heading" className="mb-2 text-sm font-semibold text-gray-900">
          Diagram <span className="font-normal text-gray-500">(draft, read-only)</span>
        </h2>
        {model ? (
          <BpmnDiagram model={model} highlightedElementId={highlighted} onElementClick={setHighlighted} height="max(480px, calc(100vh - 300px))" />
        ) : (
          <p className="rounded-lg border border-gray-200 bg-white p-6 text-sm text-gray-600">
            The saved draft cannot be read as a model, so there is no diagram to draw. The findings below say why.
          </p>
        )}
      </section>
      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="findings-heading" className="lg:col-span-2">
          <div className="mb-2 flex items-center gap-3">
            <h2 id="findings-heading" className="text-sm font-semibold text-gray-900">
              Validation findings
            </h2>
            <FindingCountsBadge errors={errors} warnings={findings.length - errors} />
          </div>
          <FindingsList
            findings={findings}
            selectedElementId={highlighted}
            onSelect={(elementId) => {
              setHighlighted(elementId);
              diagramRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
            }}
          />
        </section>
        {aside && <div className="space-y-8">{aside}</div>}
      </div>
    </div>
  );
}
