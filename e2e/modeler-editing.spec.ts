import { expect, test } from '@playwright/test';
import {
  canvas,
  canvasPointOf,
  center,
  connect,
  diEdge,
  diShape,
  drop,
  dragBetween,
  edgeHandle,
  exportedModel,
  newModel,
  node,
  waitSaved,
} from './modeler-helpers';

/**
 * Editing on the canvas, each gesture checked on the model (the exported BPMN XML, read back),
 * not only on pixels: resizing containers by their handles, pools and lanes, reconnecting a flow
 * by dragging its end, bend points, and labels dragged on their own. An empty canvas opens at
 * zoom 1 with the flow origin at the canvas's top left, so canvas pixels are DI coordinates.
 */

const unique = () => Date.now().toString(36);
const near = (actual: number, expected: number, tolerance = 12) => expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(tolerance);

test.describe('editing on the canvas', () => {
  test('a sub-process resized by its corner handle gets new DI bounds, and undo restores them', async ({ page }, testInfo) => {
    await newModel(page, `Resize ${unique()}`);
    const sub = await drop(page, 'sub-process', { x: 400, y: 260 });
    const before = diShape((await exportedModel(page, testInfo, 'before')).model, sub).bounds;
    expect(before).toMatchObject({ width: 350, height: 200 });

    // The drop selected it: its resize handles are shown.
    const corner = node(page, sub).locator('.react-flow__resize-control.handle.bottom.right');
    await expect(corner).toBeVisible();
    const from = await center(corner);
    await dragBetween(page, from, { x: from.x + 120, y: from.y + 80 });
    await expect.poll(async () => Math.round((await node(page, sub).boundingBox())?.width ?? 0)).toBeGreaterThan(440);
    await waitSaved(page);

    const resized = diShape((await exportedModel(page, testInfo, 'resized')).model, sub).bounds;
    near(resized.width, 470);
    near(resized.height, 280);
    expect({ x: resized.x, y: resized.y }).toEqual({ x: before.x, y: before.y });

    await page.getByTestId('undo').click();
    await expect.poll(async () => Math.round((await node(page, sub).boundingBox())?.width ?? 0)).toBeLessThan(360);
    expect(diShape((await exportedModel(page, testInfo, 'undone')).model, sub).bounds).toEqual(before);
  });

  test('a pool with two lanes: a task dropped into the second lane belongs to it, and a resized pool keeps its lanes filling it', async ({ page }, testInfo) => {
    await newModel(page, `Lanes ${unique()}`);
    // The minimap sits over the bottom right of the canvas, where the pool's resize handle will be.
    await page.addStyleTag({ content: '.react-flow__minimap { display: none; }' });
    const pool = await drop(page, 'pool', { x: 350, y: 200 });
    const first = await drop(page, 'lane', { x: 350, y: 200 });
    const second = await drop(page, 'lane', { x: 350, y: 200 });
    expect(new Set([pool, first, second]).size).toBe(3);

    const task = await drop(page, 'user-task', await canvasPointOf(page, node(page, second)));
    await waitSaved(page);
    const { xml, model } = await exportedModel(page, testInfo, 'lanes');
    const lanes = model.processes.flatMap((p) => p.laneSets.flatMap((s) => s.lanes));
    expect(lanes.map((l) => l.id)).toEqual([first, second]);
    expect(lanes.find((l) => l.id === second)?.flowNodeRefs).toEqual([task]);
    expect(lanes.find((l) => l.id === first)?.flowNodeRefs).toEqual([]);
    expect(xml).toMatch(new RegExp(`<(\\w+:)?lane id="${second}"[^>]*>\\s*<(\\w+:)?flowNodeRef>${task}</(\\w+:)?flowNodeRef>`));
    // Stacked in the pool, the task's shape inside its lane.
    const [p, l1, l2, t] = [pool, first, second, task].map((id) => diShape(model, id).bounds);
    expect(l2.y).toBe(l1.y + l1.height);
    expect(l2.y + l2.height).toBe(p.y + p.height);
    expect(t.y).toBeGreaterThanOrEqual(l2.y);
    expect(t.y + t.height).toBeLessThanOrEqual(l2.y + l2.height);

    // Select the pool by its name band, then widen it by its corner handle: both lanes follow.
    await node(page, pool).click({ position: { x: 12, y: 40 } });
    await expect(page.getByTestId('prop-id')).toHaveValue(pool);
    const corner = node(page, pool).locator('.react-flow__resize-control.handle.bottom.right');
    // Grab the outer quarter of the handle: the lane under the pool's corner ends just inside it.
    const grip = await center(corner);
    const from = { x: grip.x + 2, y: grip.y + 2 };
    await dragBetween(page, from, { x: from.x + 100, y: from.y });
    await expect.poll(async () => Math.round((await node(page, pool).boundingBox())?.width ?? 0)).toBeGreaterThan(p.width + 50);
    await waitSaved(page);
    const wider = (await exportedModel(page, testInfo, 'wider')).model;
    near(diShape(wider, pool).bounds.width, p.width + 100);
    for (const lane of [first, second]) {
      const b = diShape(wider, lane).bounds;
      expect(b.x + b.width).toBe(diShape(wider, pool).bounds.x + diShape(wider, pool).bounds.width);
    }
    expect(wider.processes.flatMap((x) => x.laneSets.flatMap((s) => s.lanes)).find((l) => l.id === second)?.flowNodeRefs).toEqual([task]);
  });

  test('a flow: its end dragged onto another task reconnects it, a bend point is added and removed, and a label is dragged on its own', async ({ page }, testInfo) => {
    await newModel(page, `Flows ${unique()}`);
    const start = await drop(page, 'start-event', { x: 100, y: 160 });
    const first = await drop(page, 'task', { x: 300, y: 160 });
    const second = await drop(page, 'task', { x: 520, y: 340 });
    const flow = await connect(page, start, first);
    const canvasBox = async () => {
      const box = await canvas(page).boundingBox();
      if (!box) throw new Error('canvas not visible');
      return box;
    };

    // Reconnect: the flow is selected; drag its target end onto the second task.
    const end = edgeHandle(page, flow, 'target');
    await expect(end).toBeVisible();
    await dragBetween(page, await center(end), await center(node(page, second)));
    await expect(page.getByTestId('prop-flow-target')).toHaveValue(second);
    // An end let go on nothing changes nothing and says why.
    const box = await canvasBox();
    await dragBetween(page, await center(edgeHandle(page, flow, 'target')), { x: box.x + 60, y: box.y + 420 });
    await expect(page.getByTestId('modeler-notice')).toContainText('Let the end of a connection go on an element');
    await expect(page.getByTestId('prop-flow-target')).toHaveValue(second);
    await waitSaved(page);
    let model = (await exportedModel(page, testInfo, 'reconnected')).model;
    expect(model.flows.find((f) => f.id === flow)).toMatchObject({ sourceRef: start, targetRef: second });
    const routed = diEdge(model, flow).waypoints;

    // A bend point: drag the middle of the first segment away from it. (The notice above moved
    // the canvas down: where it is now is what counts.)
    const { x: left, y: top } = await canvasBox();
    const toCanvas = (p: { x: number; y: number }) => ({ x: p.x - left, y: p.y - top });
    const segment = edgeHandle(page, flow, 'segment', 0);
    const grip = await center(segment);
    const bendAt = { x: grip.x - 20, y: grip.y - 70 };
    await dragBetween(page, grip, bendAt);
    await expect(edgeHandle(page, flow, 'bend')).toHaveCount(routed.length - 1);
    await waitSaved(page);
    model = (await exportedModel(page, testInfo, 'bent')).model;
    const bent = diEdge(model, flow).waypoints;
    expect(bent).toHaveLength(routed.length + 1);
    near(bent[1].x, toCanvas(bendAt).x, 3);
    near(bent[1].y, toCanvas(bendAt).y, 3);
    expect([bent[0], bent.at(-1)]).toEqual([routed[0], routed.at(-1)]);

    // Double-click the new bend point: it goes, the route is as before.
    await edgeHandle(page, flow, 'bend', 1).dblclick();
    await expect(edgeHandle(page, flow, 'bend')).toHaveCount(routed.length - 2);
    await waitSaved(page);
    expect(diEdge((await exportedModel(page, testInfo, 'unbent')).model, flow).waypoints).toEqual(routed);

    // A named gateway's label dragged 60 right and 40 down: its DI label bounds move, the gateway does not.
    const gateway = await drop(page, 'exclusive-gateway', { x: 300, y: 420 });
    await page.getByTestId('prop-name').fill('Amount high?');
    const label = node(page, `label:${gateway}`);
    await expect(label).toContainText('Amount high?');
    await waitSaved(page);
    const before = (await exportedModel(page, testInfo, 'label-before')).model;
    const gatewayBounds = diShape(before, gateway).bounds;
    const defaultLabel = { x: gatewayBounds.x + gatewayBounds.width / 2 - 45, y: gatewayBounds.y + gatewayBounds.height + 2 };
    const from = await center(label);
    await dragBetween(page, from, { x: from.x + 60, y: from.y + 40 });
    await expect.poll(async () => Math.round((await center(label)).y - from.y)).toBeGreaterThan(25);
    await waitSaved(page);
    const after = (await exportedModel(page, testInfo, 'label-after')).model;
    const moved = diShape(after, gateway);
    expect(moved.bounds).toEqual(gatewayBounds);
    near(moved.label?.bounds?.x ?? Number.NaN, defaultLabel.x + 60);
    near(moved.label?.bounds?.y ?? Number.NaN, defaultLabel.y + 40);

    // Undo puts the label back where it was.
    await page.getByTestId('undo').click();
    await expect.poll(async () => Math.round((await center(label)).y - from.y)).toBeLessThan(3);
  });
});
