import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { exportBpmn } from '@/lib/bpmn/xml/export-bpmn';
import { generateLargeModel } from '../scripts/generate-large-model';

/**
 * Performance of the modeler on a generated 500-element model, measured in the browser with the
 * Performance API (`npm run perf:modeler`). The model is opened PERF_RUNS times (default 5, each
 * in a new tab of the same browser, so the scripts come from its cache as for a returning user)
 * and it prints, per run and as the median:
 * - open: from navigation start until every node in view is drawn (`inViewDrawnMs`; the canvas
 *   draws only what is in view, and a model this large opens at a readable zoom at its top left,
 *   see components/canvas/opening-view.ts), and until a click on a node has selected it and the
 *   properties panel shows it (`interactiveMs`), with the long tasks (> 50 ms) seen meanwhile;
 * - drag (once): how many canvas nodes and edges changed in the DOM while one node was dragged,
 *   and after the drop (each node's and edge's HTML compared before and after), against the totals.
 * The drag must touch only the dragged node and its flows. The budget of the issue (interactive
 * in under 2 s, median) is asserted with PERF_ASSERT=1: a CI machine shared with other jobs is
 * not a benchmark, so CI prints the figures without failing on them.
 */
const COUNT = 500;
const RUNS = Number(process.env.PERF_RUNS ?? 5);
const BUDGET_MS = 2000;
/** A task near the top left, in view when the model opens. */
const CLICKED = 'E3';

// Tracing snapshots the whole DOM on every pointer action: it would be most of what is measured.
test.use({ trace: 'off', screenshot: 'off', video: 'off' });

type OpenFigures = {
  responseEndMs: number;
  domContentLoadedMs: number;
  inViewDrawnMs: number;
  nodesInView: number;
  clickToSelectedMs: number;
  interactiveMs: number;
  longTasks: number;
  longestTaskMs: number;
};

const nodeOf = (page: Page, id: string) => page.locator(`[data-testid="modeler-canvas"] .react-flow__node[data-id="${id}"]`);

type Box = [id: string, x: number, y: number, width: number, height: number];

/**
 * True (in the page) when the canvas has its final view and every shape of `boxes` that
 * intersects it is drawn; returns how many that is. The view is read from the DOM (the transform
 * of React Flow's viewport and the size of the canvas), the shapes' places from the model's DI.
 */
function drawnInView(boxes: Box[]): number | false {
  const flow = document.querySelector<HTMLElement>('[data-testid="modeler-canvas"] .react-flow');
  const viewport = document.querySelector<HTMLElement>('[data-testid="modeler-canvas"] .react-flow__viewport');
  if (!flow || !viewport) return false;
  const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(viewport.style.transform);
  if (!m) return false;
  const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const view = { x: -tx / zoom, y: -ty / zoom, width: flow.clientWidth / zoom, height: flow.clientHeight / zoom };
  const inView = boxes.filter(([, x, y, w, h]) => x < view.x + view.width && x + w > view.x && y < view.y + view.height && y + h > view.y);
  const drawn = new Set([...document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__node')].map((n) => n.getAttribute('data-id')));
  return inView.length > 0 && inView.every(([id]) => drawn.has(id)) ? inView.length : false;
}

/** Opens the model in `page` and measures until a click on a node has selected it. */
async function open(page: Page, url: string, boxes: Box[]): Promise<OpenFigures> {
  await page.goto(url);
  const inView = await page.waitForFunction(drawnInView, boxes, { timeout: 60_000, polling: 'raf' });
  const nodesInView = Number(await inView.jsonValue());
  const rendered = await page.evaluate(() => performance.now());
  const clickAt = await page.evaluate(() => performance.now());
  await nodeOf(page, CLICKED).click({ force: true });
  await page.waitForFunction((id) => (document.querySelector('[data-testid="prop-id"]') as HTMLInputElement | null)?.value === id, CLICKED, { polling: 'raf' });
  const interactive = await page.evaluate(() => performance.now());
  const { nav, longTasks } = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      nav: { responseEnd: entry?.responseEnd ?? 0, domContentLoaded: entry?.domContentLoadedEventEnd ?? 0 },
      longTasks: (window as unknown as { __longTasks: number[] }).__longTasks,
    };
  });
  return {
    responseEndMs: Math.round(nav.responseEnd),
    domContentLoadedMs: Math.round(nav.domContentLoaded),
    inViewDrawnMs: Math.round(rendered),
    nodesInView,
    clickToSelectedMs: Math.round(interactive - clickAt),
    interactiveMs: Math.round(interactive),
    longTasks: longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longTasks)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

test('a 500-element model opens, becomes interactive, and a drag re-renders only what changed', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000 + RUNS * 60_000);
  const large = generateLargeModel(COUNT);
  const xml = await exportBpmn(large);
  const boxes: Box[] = (large.diagrams[0]?.shapes ?? []).map((s) => [s.bpmnElement, s.bounds.x, s.bounds.y, s.bounds.width, s.bounds.height]);
  const file = testInfo.outputPath('large.bpmn');
  writeFileSync(file, xml);

  await page.goto('/models/new');
  await page.getByTestId('new-model-name').fill(`Large ${Date.now().toString(36)}`);
  await page.getByTestId('new-model-submit').click();
  await page.waitForURL(/\/edit$/);
  const url = page.url();
  await page.getByTestId('import-bpmn-file').setInputFiles(file);
  await expect(page.getByTestId('modeler')).toHaveAttribute('data-revision', '1', { timeout: 60_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 60_000 });
  await page.close();

  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const runs: OpenFigures[] = [];
  let last: Page | undefined;
  for (let i = 0; i < RUNS; i++) {
    await last?.close();
    last = await context.newPage();
    runs.push(await open(last, url, boxes));
    console.log(`open ${i + 1}/${RUNS}: ${JSON.stringify(runs.at(-1))}`);
  }
  const tab = last;
  if (!tab) throw new Error('no run');

  // Drag one node in steps; compare every canvas node and edge in the DOM before and during the drag.
  const snapshot = () =>
    tab.evaluate(() => {
      const out: Record<string, string> = {};
      for (const el of document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__node, [data-testid="modeler-canvas"] .react-flow__edge')) {
        const kind = el.classList.contains('react-flow__node') ? 'node' : 'edge';
        out[`${kind}:${el.getAttribute('data-id')}`] = el.outerHTML;
      }
      return out;
    });
  const changedSince = (a: Record<string, string>, b: Record<string, string>) => Object.keys(b).filter((k) => a[k] !== b[k]);
  // The clicked node is selected (the last run clicked it): dragging it changes no selection elsewhere.
  const target = nodeOf(tab, CLICKED);
  const beforeDrag = await snapshot();
  const box = await target.boundingBox();
  if (!box) throw new Error('node not visible');
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const dragStart = await tab.evaluate(() => performance.now());
  await tab.mouse.move(start.x, start.y);
  await tab.mouse.down();
  await tab.mouse.move(start.x + 5, start.y + 5, { steps: 2 });
  for (let i = 1; i <= 20; i++) await tab.mouse.move(start.x + i * 3, start.y + i * 2);
  // What changed while dragging, and after the drop committed the move (which re-routes the same flows).
  const mutatedWhileDragging = changedSince(beforeDrag, await snapshot());
  await tab.mouse.up();
  const dragEnd = await tab.evaluate(() => performance.now());
  await expect.poll(async () => (await tab.getByTestId('modeler').getAttribute('data-revision')) !== '0').toBe(true);
  const mutated = changedSince(beforeDrag, await snapshot());
  // Totals of what is drawn (what is in view).
  const totals = await tab.evaluate(() => ({
    nodes: document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__node').length,
    edges: document.querySelectorAll('[data-testid="modeler-canvas"] .react-flow__edge').length,
  }));

  const pick = (key: keyof OpenFigures) => median(runs.map((r) => r[key]));
  const figures = {
    elements: COUNT,
    runs: RUNS,
    loadAverage: loadavg().map((n) => Number(n.toFixed(1))),
    median: {
      responseEndMs: pick('responseEndMs'),
      domContentLoadedMs: pick('domContentLoadedMs'),
      inViewDrawnMs: pick('inViewDrawnMs'),
      nodesInView: pick('nodesInView'),
      clickToSelectedMs: pick('clickToSelectedMs'),
      interactiveMs: pick('interactiveMs'),
      longestTaskMs: pick('longestTaskMs'),
    },
    interactiveMsPerRun: runs.map((r) => r.interactiveMs),
    dragMs: Math.round(dragEnd - dragStart),
    dragMovesOfPointer: 22,
    nodesChangedDuringDrag: mutatedWhileDragging.filter((m) => m.startsWith('node:')).length,
    edgesChangedDuringDrag: mutatedWhileDragging.filter((m) => m.startsWith('edge:')).length,
    changedWhileDragging: mutatedWhileDragging,
    changedAfterDrop: mutated,
    nodesDrawn: totals.nodes,
    edgesDrawn: totals.edges,
  };
  console.log(`modeler performance: ${JSON.stringify(figures, null, 2)}`);
  testInfo.annotations.push({ type: 'figures', description: JSON.stringify(figures) });

  // The dragged node (and its label, if any) and the two flows touching it; nothing else.
  expect(figures.nodesChangedDuringDrag).toBeGreaterThanOrEqual(1);
  expect(figures.nodesChangedDuringDrag).toBeLessThanOrEqual(2);
  expect(figures.edgesChangedDuringDrag).toBe(2);
  expect(mutated.filter((m) => m.startsWith('node:')).length).toBeLessThanOrEqual(2);
  expect(mutated.filter((m) => m.startsWith('edge:')).length).toBeLessThanOrEqual(2);
  if (process.env.PERF_ASSERT === '1') expect(figures.median.interactiveMs).toBeLessThan(BUDGET_MS);
});
