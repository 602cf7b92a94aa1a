import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { exportBpmn } from '@/lib/bpmn/xml/export-bpmn';
import { generateLargeModel } from '../scripts/generate-large-model';

/**
 * Performance of the modeler on a generated 500-element model, measured in the browser with the
 * Performance API (`npm run perf:modeler`). It prints the figures:
 * - open: from navigation start until every node is on the canvas, and until a click selects one
 *   (interactive), with the long tasks (> 50 ms) seen meanwhile;
 * - drag: how many canvas nodes and edges changed in the DOM while one node was dragged, and
 *   after the drop (each node's and edge's HTML compared before and after), against the totals.
 * The budget of the issue (interactive in under 2 s) is asserted only with PERF_ASSERT=1, since
 * a loaded CI machine is not a benchmark; the drag must touch only the dragged node and its flows.
 */
const COUNT = 500;

// Tracing snapshots the whole DOM on every pointer action: it would be most of what is measured.
test.use({ trace: 'off', screenshot: 'off', video: 'off' });

test('a 500-element model opens, becomes interactive, and a drag re-renders only what changed', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const xml = await exportBpmn(generateLargeModel(COUNT));
  const file = testInfo.outputPath('large.bpmn');
  writeFileSync(file, xml);

  await page.goto('/models/new');
  await page.getByTestId('new-model-name').fill(`Large ${Date.now().toString(36)}`);
  await page.getByTestId('new-model-submit').click();
  await page.waitForURL(/\/edit$/);
  const url = page.url();
  await page.getByTestId('import-bpmn-file').setInputFiles(file);
  await expect(page.locator('[data-testid="modeler-canvas"] [data-bpmn-shape]')).toHaveCount(COUNT, { timeout: 60_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 60_000 });

  // Open it anew and measure.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="modeler-canvas"] [data-bpmn-shape]').length >= n, COUNT, { timeout: 60_000, polling: 'raf' });
  const rendered = await page.evaluate(() => performance.now());
  const target = page.locator('[data-testid="modeler-canvas"] .react-flow__node[data-id="E12"]');
  const clickAt = await page.evaluate(() => performance.now());
  await target.click({ force: true });
  await page.waitForFunction(() => document.querySelector('[data-testid="prop-id"]') instanceof HTMLInputElement && (document.querySelector('[data-testid="prop-id"]') as HTMLInputElement).value === 'E12', undefined, { polling: 'raf' });
  const interactive = await page.evaluate(() => performance.now());
  const nav = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { responseEnd: entry?.responseEnd ?? 0, domContentLoaded: entry?.domContentLoadedEventEnd ?? 0 };
  });
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);

  // Drag one node in steps; compare every canvas node and edge in the DOM before and during the drag.
  const snapshot = () =>
    page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const el of document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__node, [data-testid="modeler-canvas"] .react-flow__edge')) {
        const kind = el.classList.contains('react-flow__node') ? 'node' : 'edge';
        out[`${kind}:${el.getAttribute('data-id')}`] = el.outerHTML;
      }
      return out;
    });
  const changedSince = (a: Record<string, string>, b: Record<string, string>) => Object.keys(b).filter((k) => a[k] !== b[k]);
  const beforeDrag = await snapshot();
  const box = await target.boundingBox();
  if (!box) throw new Error('node not visible');
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const dragStart = await page.evaluate(() => performance.now());
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 5, start.y + 5, { steps: 2 });
  for (let i = 1; i <= 20; i++) await page.mouse.move(start.x + i * 3, start.y + i * 2);
  // What changed while dragging, and after the drop committed the move (which re-routes the same flows).
  const mutatedWhileDragging = changedSince(beforeDrag, await snapshot());
  await page.mouse.up();
  const dragEnd = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  const mutated = changedSince(beforeDrag, await snapshot());
  const totals = await page.evaluate(() => ({
    nodes: document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__node').length,
    edges: document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__edge').length,
  }));

  const figures = {
    elements: COUNT,
    responseEndMs: Math.round(nav.responseEnd),
    domContentLoadedMs: Math.round(nav.domContentLoaded),
    allNodesRenderedMs: Math.round(rendered),
    clickToSelectedMs: Math.round(interactive - clickAt),
    interactiveMs: Math.round(interactive),
    longTasks: longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longTasks)),
    dragMs: Math.round(dragEnd - dragStart),
    dragMovesOfPointer: 22,
    nodesChangedDuringDrag: mutatedWhileDragging.filter((m) => m.startsWith('node:')).length,
    edgesChangedDuringDrag: mutatedWhileDragging.filter((m) => m.startsWith('edge:')).length,
    changedWhileDragging: mutatedWhileDragging,
    changedAfterDrop: mutated,
    totalNodes: totals.nodes,
    totalEdges: totals.edges,
  };
  console.log(`modeler performance: ${JSON.stringify(figures, null, 2)}`);
  testInfo.annotations.push({ type: 'figures', description: JSON.stringify(figures) });

  // The dragged node (and its label, if any) and the two flows touching it; nothing else.
  expect(figures.nodesChangedDuringDrag).toBeGreaterThanOrEqual(1);
  expect(figures.nodesChangedDuringDrag).toBeLessThanOrEqual(2);
  expect(figures.edgesChangedDuringDrag).toBe(2);
  expect(mutated.filter((m) => m.startsWith('node:')).length).toBeLessThanOrEqual(2);
  expect(mutated.filter((m) => m.startsWith('edge:')).length).toBeLessThanOrEqual(2);
  if (process.env.PERF_ASSERT === '1') expect(figures.interactiveMs).toBeLessThan(2000);
});
