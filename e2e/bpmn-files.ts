/** Helpers of the journeys that import BPMN files from the shared corpus through the UI. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The shared BPMN corpus, beside the repository (`../shared/bpmn-corpus`), or BPMN_CORPUS_DIR. */
export const CORPUS = process.env.BPMN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/bpmn-corpus');

/** DI shapes and edges of the first diagram of a BPMN file, and how many diagrams it has. */
export function firstDiagramCounts(file: string): { shapes: number; edges: number; diagrams: number } {
  const xml = readFileSync(file, 'latin1');
  const start = xml.search(/<([\w-]+:)?BPMNDiagram[\s>]/);
  const end = xml.search(/<\/([\w-]+:)?BPMNDiagram>/);
  const diagram = xml.slice(start, end);
  return {
    shapes: (diagram.match(/<([\w-]+:)?BPMNShape[\s>]/g) ?? []).length,
    edges: (diagram.match(/<([\w-]+:)?BPMNEdge[\s>]/g) ?? []).length,
    diagrams: (xml.match(/<([\w-]+:)?BPMNDiagram[\s>]/g) ?? []).length,
  };
}

/**
 * Imports a file through the "Import .bpmn" picker and waits for its model page. When the key
 * is taken (an earlier run or spec imported the same file), imports it again under a fresh key.
 */
export async function importThroughUi(page: Page, file: string): Promise<void> {
  // The picker works once hydrated; the page streams in behind the sign-in check, so wait for it.
  await page.goto('/models', { waitUntil: 'networkidle' });
  await page.getByTestId('import-bpmn-input').setInputFiles(file);
  const outcome = await Promise.race([
    page.waitForURL(/\/models\/[^/]+$/, { timeout: 30_000 }).then(() => 'model', () => 'timeout'),
    page.getByTestId('import-key').waitFor({ timeout: 30_000 }).then(() => 'conflict', () => 'timeout'),
  ]);
  if (outcome === 'conflict') {
    await page.getByTestId('import-key').fill(`e2e-${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Import with this key' }).click();
    await page.waitForURL(/\/models\/[^/]+$/, { timeout: 30_000 });
  }
  await expect(page.getByTestId('model-name')).toBeVisible();
}
