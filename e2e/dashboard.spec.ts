import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { E2E_PORT, stateOf, type DemoUser } from './support';

/**
 * The monitoring dashboard against the production server: a process of this run is published,
 * three instances run through it (one skips the review, one completes it after its 1 ms SLA,
 * one fails into an incident); the dashboard shows exactly those figures, the per-process
 * heatmap draws them on the diagram with the gateway's branch shares, and the CSV export
 * downloads the rows.
 */
const BASE = `http://127.0.0.1:${E2E_PORT}`;
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const KEY = `e2e-dash-${RUN}`;
const JOB = `e2e-review-${RUN}`;
const headers = { origin: BASE };

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://baton.dev/e2e">
  <bpmn:process id="claims_${RUN}" name="Dashboard claims ${RUN}" isExecutable="true">
    <bpmn:startEvent id="start" name="Claim received"/>
    <bpmn:exclusiveGateway id="big" name="Large claim?" default="small"/>
    <bpmn:serviceTask id="review" name="Review claim"><bpmn:extensionElements>
      <baton:taskDefinition type="${JOB}"/><baton:sla target="PT0.001S"/>
    </bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" name="Done"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="big"/>
    <bpmn:sequenceFlow id="large" sourceRef="big" targetRef="review"><bpmn:conditionExpression>=amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="big" targetRef="end"/>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="claims_${RUN}">
    <bpmndi:BPMNShape id="s_start" bpmnElement="start"><dc:Bounds x="100" y="122" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s_big" bpmnElement="big" isMarkerVisible="true"><dc:Bounds x="195" y="115" width="50" height="50"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s_review" bpmnElement="review"><dc:Bounds x="310" y="100" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s_end" bpmnElement="end"><dc:Bounds x="482" y="122" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="e_f1" bpmnElement="f1"><di:waypoint x="136" y="140"/><di:waypoint x="195" y="140"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e_large" bpmnElement="large"><di:waypoint x="245" y="140"/><di:waypoint x="310" y="140"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e_small" bpmnElement="small"><di:waypoint x="220" y="165"/><di:waypoint x="220" y="240"/><di:waypoint x="500" y="240"/><di:waypoint x="500" y="158"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e_f3" bpmnElement="f3"><di:waypoint x="410" y="140"/><di:waypoint x="482" y="140"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

async function as(browser: Browser, user: DemoUser) {
  const context = await browser.newContext({ storageState: stateOf(user), baseURL: BASE, viewport: { width: 1440, height: 900 } });
  return { context, request: context.request, page: await context.newPage() };
}

async function ok(response: Promise<import('@playwright/test').APIResponse>, status: number) {
  const answer = await response;
  expect(answer.status(), await answer.text()).toBe(status);
  return answer.json();
}

/** Publishes the process and runs the three instances; returns the one whose review breached its SLA. */
async function seed(modeler: APIRequestContext, operator: APIRequestContext): Promise<string> {
  await ok(modeler.post(`/api/v1/models?key=${KEY}`, { headers: { ...headers, 'content-type': 'application/xml' }, data: xml }), 201);
  await ok(modeler.post(`/api/v1/models/${KEY}/publish`, { headers, data: { message: 'e2e dashboard' } }), 201);
  for (const amount of [500, 900, 5]) await ok(operator.post('/api/v1/instances', { headers, data: { processKey: KEY, variables: { amount } } }), 201);
  const { jobs } = await ok(operator.post('/api/v1/jobs/activate', { headers, data: { type: JOB, worker: 'e2e-dashboard', maxJobs: 2, requestTimeoutMs: 5000 } }), 200);
  expect(jobs).toHaveLength(2);
  await ok(operator.post(`/api/v1/jobs/${jobs[0].key}/complete`, { headers, data: {} }), 200);
  await ok(operator.post(`/api/v1/jobs/${jobs[1].key}/fail`, { headers, data: { retries: 0, errorMessage: 'reviewer unavailable' } }), 200);
  return jobs[0].instanceId;
}

test('the dashboard shows the seeded figures, the heatmap draws them on the diagram, and the CSV export downloads them', async ({ browser }) => {
  const modeler = await as(browser, 'modeler');
  const operator = await as(browser, 'operator');
  const breachedInstanceId = await seed(modeler.request, operator.request);

  // Dashboard, filtered to this run's process
  const page = operator.page;
  await page.goto(`/dashboard?process=${KEY}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('stat-started')).toHaveText('3');
  await expect(page.getByTestId('stat-completed')).toHaveText('2');
  await expect(page.getByTestId('stat-failed')).toHaveText('1');
  await expect(page.getByTestId('stat-active')).toHaveText('1');
  await expect(page.getByTestId('stat-incidents')).toHaveText('1');
  await expect(page.getByTestId('stat-sla')).toHaveText('1');
  await expect(page.getByTestId('over-time-chart').getByRole('application')).toBeVisible();
  const row = page.locator(`[data-testid="process-row"][data-process="${KEY}"]`);
  const cells = row.locator('td');
  await expect(cells.nth(0)).toContainText(KEY);
  for (const [index, text] of [[1, '3'], [2, '2'], [3, '0'], [4, '1'], [5, '1'], [7, '1'], [8, '1']] as const) await expect(cells.nth(index)).toHaveText(text);
  await expect(cells.nth(4).getByRole('link')).toHaveAttribute('href', `/instances?process=${KEY}&incidents=open`);
  await expect(page.getByTestId('failing-table')).toContainText('Review claim');
  await page.screenshot({ path: `test-results/dashboard-${E2E_PORT}.png`, fullPage: true });

  // Per-process heatmap on the diagram
  await cells.nth(0).getByRole('link').click();
  await page.waitForURL(new RegExp(`/dashboard/processes/${KEY}`));
  await expect(page.getByTestId('heatmap')).toBeVisible();
  const review = page.locator('[data-testid="heat-cell"][data-element="review"]');
  await expect(review).toBeVisible();
  // count: start and gateway ran 3 times, the review 2 → level ceil(2/3 · 5) = 4
  await expect(review).toHaveAttribute('data-level', '4');
  await expect(review.getByTestId('heat-badge')).toHaveText('2');
  await expect(page.locator('[data-testid="branch-share"][data-flow="large"]')).toHaveText('67%');
  await expect(page.locator('[data-testid="branch-share"][data-flow="small"]')).toHaveText('33%');
  await page.getByRole('radio', { name: 'Failure rate' }).click();
  await expect(review.getByTestId('heat-badge')).toHaveText('50%');
  await expect(review).toHaveAttribute('data-level', '5');
  await expect(page.locator('[data-testid="element-row"][data-element="review"] td').nth(1)).toHaveText('2');
  await page.screenshot({ path: `test-results/dashboard-heatmap-${E2E_PORT}.png`, fullPage: true });

  // CSV export of the element table
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-elements').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^baton-elements-${KEY}-.*\\.csv$`));
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe('elementId,runs,completed,terminated,incidents,failureRate,averageMs,p95Ms,slaBreaches');
  const byId = new Map(lines.slice(1).map((line) => [line.split(',')[0], line.split(',')]));
  expect(byId.get('review')?.slice(0, 6)).toEqual(['review', '2', '1', '0', '1', '0.5']);
  expect(byId.get('review')?.[8]).toBe('1');
  expect(byId.get('big')?.slice(0, 3)).toEqual(['big', '3', '3']);

  // The printable summary lists the breach
  await page.goto(`/dashboard/report?process=${KEY}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Operations summary' })).toBeVisible();
  await expect(page.getByTestId('breach-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('breach-table')).toContainText(`${KEY} · review`);
  await page.screenshot({ path: `test-results/dashboard-report-${E2E_PORT}.png`, fullPage: true });

  // The instance page shows the same breach
  await page.goto(`/instances/${breachedInstanceId}`);
  await expect(page.getByTestId('sla-count')).toHaveText('1 breach');
  await expect(page.getByTestId('sla-breach')).toHaveAttribute('data-element', 'review');
  await expect(page.getByTestId('sla-breach')).toContainText('Review claim');

  await modeler.context.close();
  await operator.context.close();
});
