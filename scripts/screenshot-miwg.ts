/**
 * Imports every MIWG reference file through a running Baton (the "Import .bpmn" picker, as a
 * person would), screenshots each of its diagrams on the model page, and writes
 * reports/miwg/index.html with Baton's drawing beside the suite's reference rendering.
 *
 *   npm run build && npx next start -H 127.0.0.1 -p 3100   (in another shell)
 *   npx tsx scripts/screenshot-miwg.ts [A.1.0 B.1.0 ...]
 *
 * BASE_URL (default http://127.0.0.1:3100), BPMN_CORPUS_DIR (default ../shared/bpmn-corpus)
 * and CHROMIUM_PATH (default /usr/bin/chromium) can be set. Never downloads a browser.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const CORPUS = process.env.BPMN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/bpmn-corpus');
const REFERENCE_DIR = path.join(CORPUS, 'miwg-reference');
const OUT_DIR = path.resolve(process.cwd(), 'reports/miwg');

type Shot = { name: string; file: string; reference?: string; shapes: string; note?: string };

async function importThroughUi(page: Page, file: string): Promise<void> {
  await page.goto(`${BASE_URL}/models`);
  await page.getByTestId('import-bpmn-input').setInputFiles(file);
  const outcome = await Promise.race([
    page.waitForURL(/\/models\/[^/]+$/, { timeout: 60_000 }).then(() => 'model', () => 'timeout'),
    page.getByTestId('import-key').waitFor({ timeout: 60_000 }).then(() => 'conflict', () => 'timeout'),
    page.getByTestId('import-error').waitFor({ timeout: 60_000 }).then(() => 'error', () => 'timeout'),
  ]);
  // The key field comes with the error panel when the key is taken.
  if (outcome === 'conflict' || (outcome === 'error' && (await page.getByTestId('import-key').count()) > 0)) {
    await page.getByTestId('import-key').fill(`miwg-${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Import with this key' }).click();
    await page.waitForURL(/\/models\/[^/]+$/, { timeout: 60_000 });
  } else if (outcome !== 'model') {
    throw new Error(`${path.basename(file)} was not imported: ${await page.getByTestId('import-error').innerText().catch(() => outcome)}`);
  }
}

async function waitForDrawing(page: Page): Promise<string> {
  const diagram = page.getByTestId('bpmn-diagram');
  await diagram.locator('.react-flow__node [data-bpmn-shape]').first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForTimeout(600);
  const expected = await diagram.getAttribute('data-shape-count');
  const drawn = await diagram.locator('.react-flow__node [data-bpmn-shape]').count();
  return `${drawn} of ${expected} DI shapes`;
}

async function main() {
  const wanted = process.argv.slice(2);
  const names = readdirSync(REFERENCE_DIR)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => f.replace(/\.bpmn$/, ''))
    .filter((n) => wanted.length === 0 || wanted.includes(n))
    .sort();
  const references = new Set(readdirSync(path.join(REFERENCE_DIR, 'png')));
  mkdirSync(OUT_DIR, { recursive: true });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1300 } });
  const shots: Shot[] = [];
  try {
    for (const name of names) {
      await importThroughUi(page, path.join(REFERENCE_DIR, `${name}.bpmn`));
      await waitForDrawing(page);
      const select = page.getByTestId('diagram-select');
      const diagrams = (await select.count()) > 0 ? await select.locator('option').count() : 1;
      for (let i = 0; i < diagrams; i++) {
        if (diagrams > 1) await select.selectOption(String(i));
        const shapes = await waitForDrawing(page);
        const shotName = diagrams > 1 ? `${name}.${i + 1}` : name;
        const file = `${shotName}.png`;
        await page.getByTestId('bpmn-diagram').locator('.bpmn-canvas').screenshot({ path: path.join(OUT_DIR, file) });
        const reference = references.has(file) ? file : undefined;
        shots.push({ name: shotName, file, reference, shapes });
        console.log(`${shotName}: ${shapes}${reference ? '' : ' (no reference image)'}`);
      }
    }
  } finally {
    await browser.close();
  }
  writeFileSync(path.join(OUT_DIR, 'index.html'), indexHtml(shots));
  console.log(`Wrote ${shots.length} screenshots and ${path.join(OUT_DIR, 'index.html')}`);
}

function indexHtml(shots: Shot[]): string {
  const referenceHref = (file: string) => path.relative(OUT_DIR, path.join(REFERENCE_DIR, 'png', file));
  const rows = shots
    .map(
      (s) => `<section><h2>${s.name} <small>${s.shapes}</small></h2><div class="pair">
  <figure><figcaption>Reference (MIWG)</figcaption>${s.reference ? `<img src="${referenceHref(s.reference)}">` : '<p>none</p>'}</figure>
  <figure><figcaption>Baton</figcaption><img src="${s.file}"></figure></div></section>`,
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>MIWG reference vs Baton</title>
<style>body{font-family:system-ui,sans-serif;margin:24px}section{margin-bottom:40px}.pair{display:grid;grid-template-columns:1fr 1fr;gap:16px}
img{max-width:100%;border:1px solid #ddd}figcaption{font-size:12px;color:#555}small{color:#777;font-weight:normal}</style>
<h1>MIWG reference renderings vs Baton's read-only diagram</h1>
<p>Diagrams in the MIWG test suite are CC BY 3.0 (OMG BPMN Model Interchange Working Group).</p>
${rows}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
