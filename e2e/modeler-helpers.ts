/**
 * Helpers of the modeler journeys (e2e/modeler*.spec.ts). React Flow swallows the first pointer
 * move of a drag: every drag below moves in steps. Nothing here sleeps: each helper waits for
 * the state it caused (a new shape, a new edge, a saved draft, a download).
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { BpmnModel } from '@/lib/bpmn/model';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';

export const canvas = (page: Page) => page.getByTestId('modeler-canvas');
export const shapes = (page: Page) => canvas(page).locator('[data-bpmn-shape]');
export const node = (page: Page, id: string) => canvas(page).locator(`.react-flow__node[data-id="${id}"]`);
export const edge = (page: Page, id: string) => canvas(page).locator(`.react-flow__edge[data-id="${id}"]`);
export const edgeHandle = (page: Page, flowId: string, handle: string, index?: number) =>
  canvas(page).locator(`[data-edge-handles="${flowId}"] [data-edge-handle="${handle}"]${index === undefined ? '' : `[data-index="${index}"]`}`);

/** Creates an empty model through /models/new and waits for the modeler. */
export async function newModel(page: Page, name: string): Promise<string> {
  await page.goto('/models/new');
  await page.getByTestId('new-model-name').fill(name);
  await page.getByTestId('new-model-submit').click();
  await page.waitForURL(/\/models\/[^/]+\/edit$/);
  await expect(page.getByTestId('modeler')).toBeVisible();
  return page.url();
}

/** Drags a palette entry onto the canvas at a point of the canvas; returns the new element's id. */
export async function drop(page: Page, key: string, at: { x: number; y: number }): Promise<string> {
  const before = await shapes(page).count();
  await page.getByTestId(`palette-${key}`).dragTo(canvas(page), { targetPosition: at });
  await expect(shapes(page)).toHaveCount(before + 1);
  return page.getByTestId('prop-id').inputValue();
}

export async function center(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The point of the canvas (for `drop`) at the centre of a locator. */
export async function canvasPointOf(page: Page, locator: Locator, offset: { x?: number; y?: number } = {}) {
  const c = await center(locator);
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('canvas not visible');
  return { x: Math.round(c.x - box.x + (offset.x ?? 0)), y: Math.round(c.y - box.y + (offset.y ?? 0)) };
}

/** Presses at `from`, moves to `to` in steps (the first move is swallowed by React Flow), lets go. */
export async function dragBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/**
 * Drags from the source's handle to the target's handle and waits for the new edge. React Flow
 * sometimes swallows a connect drag (the handle is shown on hover only): when no edge appeared,
 * the drag is made again — never twice for one edge, since each attempt first looks for it.
 * Returns the id of the new flow (the modeler selects it).
 */
export async function connect(page: Page, sourceId: string, targetId: string, handles: { from?: string; to?: string } = {}): Promise<string> {
  const edges = canvas(page).locator('.react-flow__edge');
  const before = await edges.count();
  await expect(async () => {
    if ((await edges.count()) === before) {
      await node(page, sourceId).hover();
      const from = await center(canvas(page).locator(`.react-flow__handle[data-nodeid="${sourceId}"][data-handleid="${handles.from ?? 'r'}"]`));
      const to = await center(canvas(page).locator(`.react-flow__handle[data-nodeid="${targetId}"][data-handleid="${handles.to ?? 'l'}"]`));
      await dragBetween(page, from, to);
    }
    await expect(edges).toHaveCount(before + 1, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  return page.getByTestId('prop-id').inputValue();
}

export async function select(page: Page, id: string) {
  await node(page, id).click();
  await expect(page.getByTestId('prop-id')).toHaveValue(id);
}

export async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
}

/** Exports the model as BPMN XML through the File menu and reads it back: what the modeler saved, as a file. */
export async function exportedModel(page: Page, testInfo: TestInfo, name: string): Promise<{ xml: string; model: BpmnModel }> {
  await page.locator('[data-testid="file-menu"] summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bpmn').click()]);
  const file = testInfo.outputPath(`${name}.bpmn`);
  await download.saveAs(file);
  const xml = readFileSync(file, 'utf8');
  const imported = await importBpmn(xml);
  if (!imported.ok) throw new Error(`the export does not import: ${JSON.stringify(imported.findings)}`);
  return { xml, model: imported.model };
}

export function diShape(model: BpmnModel, id: string) {
  const shape = model.diagrams[0]?.shapes.find((s) => s.bpmnElement === id);
  if (!shape) throw new Error(`no DI shape for ${id}`);
  return shape;
}

export function diEdge(model: BpmnModel, id: string) {
  const found = model.diagrams[0]?.edges.find((e) => e.bpmnElement === id);
  if (!found) throw new Error(`no DI edge for ${id}`);
  return found;
}

/** Waits until the canvas's view (pan and zoom) has not changed for 10 frames: an animated fit is over. */
export async function waitForStillView(page: Page) {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __view?: string; __stillFrames?: number };
      const view = document.querySelector<HTMLElement>('[data-testid="modeler-canvas"] .react-flow__viewport')?.style.transform;
      w.__stillFrames = view !== undefined && view === w.__view ? (w.__stillFrames ?? 0) + 1 : 0;
      w.__view = view;
      return w.__stillFrames >= 10;
    },
    undefined,
    { polling: 'raf' },
  );
}
