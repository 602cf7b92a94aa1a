import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForStillView } from './modeler-helpers';

/**
 * Every MIWG reference file of the corpus opened on the modeler's canvas (imported through the
 * modeler's own File menu into a new model): every DI shape of the first diagram is drawn, and a
 * screenshot of the canvas is written to reports/miwg-modeler/ with index.html beside the
 * suite's reference rendering (miwg-reference/png/), for a person to compare.
 */
const CORPUS = process.env.BPMN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/bpmn-corpus');
const REFERENCE_DIR = path.join(CORPUS, 'miwg-reference');
const OUT_DIR = path.resolve(process.cwd(), 'reports/miwg-modeler');
const names = readdirSync(REFERENCE_DIR)
  .filter((f) => f.endsWith('.bpmn'))
  .map((f) => f.replace(/\.bpmn$/, ''))
  .sort();

function firstDiagramShapes(file: string): number {
  const xml = readFileSync(file, 'utf8');
  const start = xml.search(/<([\w-]+:)?BPMNDiagram[\s>]/);
  const end = xml.search(/<\/([\w-]+:)?BPMNDiagram>/);
  return (xml.slice(start, end).match(/<([\w-]+:)?BPMNShape[\s>]/g) ?? []).length;
}

test.use({ trace: 'off' });
test.describe.configure({ mode: 'serial' });

test.beforeAll(() => mkdirSync(OUT_DIR, { recursive: true }));

for (const name of names) {
  test(`MIWG ${name} on the modeler canvas`, async ({ page }) => {
    const file = path.join(REFERENCE_DIR, `${name}.bpmn`);
    await page.goto('/models/new');
    await page.getByTestId('new-model-name').fill(`MIWG ${name} ${Date.now().toString(36)}`);
    await page.getByTestId('new-model-submit').click();
    await page.waitForURL(/\/edit$/);
    await page.getByTestId('import-bpmn-file').setInputFiles(file);
    const expected = firstDiagramShapes(file);
    await expect(page.getByTestId('modeler-canvas').locator('[data-bpmn-shape]')).toHaveCount(expected, { timeout: 30_000 });
    // The minimap would cover a corner of the drawing in the screenshot.
    await page.addStyleTag({ content: '.react-flow__minimap { display: none; }' });
    await page.getByTestId('zoom-fit').click();
    await page.mouse.click(5, 5);
    await waitForStillView(page);
    await page.getByTestId('modeler-canvas').screenshot({ path: path.join(OUT_DIR, `${name}.png`) });
  });
}

test.afterAll(() => {
  const references = new Set(readdirSync(path.join(REFERENCE_DIR, 'png')));
  const rows = names
    .map((name) => {
      const refs = [...references].filter((r) => r === `${name}.png` || r.startsWith(`${name}.`)).sort();
      const refImgs = refs.map((r) => `<img src="${path.join(REFERENCE_DIR, 'png', r)}" alt="${r}">`).join('');
      return `<tr><th>${name}</th><td><img src="${name}.png" alt="Baton modeler"></td><td>${refImgs}</td></tr>`;
    })
    .join('\n');
  writeFileSync(
    path.join(OUT_DIR, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>MIWG on the modeler canvas</title><style>img{max-width:640px;border:1px solid #ddd}td{vertical-align:top}</style><table><tr><th></th><th>Baton modeler</th><th>Reference</th></tr>${rows}</table>`,
  );
});
