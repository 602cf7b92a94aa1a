import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CORPUS, firstDiagramCounts, importThroughUi } from './bpmn-files';

/**
 * MIWG reference files through the real import, drawn on their model pages: every DI shape and
 * edge of the first diagram must be on the canvas. Screenshots go to reports/miwg/<name>.png,
 * to compare with the suite's reference renderings (../shared/bpmn-corpus/miwg-reference/png/).
 */
const REPORT_DIR = path.resolve(process.cwd(), 'reports/miwg');

const FILES = ['A.1.0', 'A.2.0', 'A.3.0', 'A.4.0', 'A.4.1', 'B.1.0', 'B.2.0', 'C.1.0', 'C.2.0', 'C.3.0', 'C.4.0'];

test.use({ viewport: { width: 1600, height: 1300 } });

for (const name of FILES) {
  test(`MIWG ${name}: every DI shape and edge of the first diagram is drawn`, async ({ page }) => {
    const file = path.join(CORPUS, 'miwg-reference', `${name}.bpmn`);
    const expected = firstDiagramCounts(file);
    await importThroughUi(page, file);

    const diagram = page.getByTestId('bpmn-diagram');
    await expect(diagram).toHaveAttribute('data-shape-count', String(expected.shapes));
    const shapes = diagram.locator('.react-flow__node [data-bpmn-shape]');
    await expect(shapes).toHaveCount(expected.shapes);
    await expect(diagram.locator('[data-bpmn-edge]')).toHaveCount(expected.edges);
    // React Flow keeps nodes hidden until it has measured them: all must be shown.
    await expect
      .poll(() =>
        shapes.evaluateAll(
          (els) =>
            els.filter((el) => {
              const node = el.closest('.react-flow__node');
              const box = el.getBoundingClientRect();
              return node !== null && getComputedStyle(node).visibility === 'visible' && box.width > 0 && box.height > 0;
            }).length,
        ),
      )
      .toBe(expected.shapes);
    if (expected.diagrams > 1) await expect(diagram.getByTestId('diagram-select').locator('option')).toHaveCount(expected.diagrams);

    // Let fit-view settle, then keep a picture for the comparison with the reference.
    await page.waitForTimeout(400);
    mkdirSync(REPORT_DIR, { recursive: true });
    await diagram.locator('.bpmn-canvas').screenshot({ path: path.join(REPORT_DIR, `${name}.png`) });
  });
}
