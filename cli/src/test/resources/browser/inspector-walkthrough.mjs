// Clicks through the inspector in headless Chromium (playwright-core, the system's Chromium) and saves screenshots:
// calls -> flows -> a flow's diagram -> the stuck call (node highlighted, timeline) -> an ended call.
// usage: node inspector-walkthrough.mjs BASE_URL SCREENSHOT_DIR STUCK_CALL_ID ENDED_CALL_ID
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots, stuckCall, endedCall] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const steps = [];
function check(condition, message) {
  if (!condition) problems.push(message);
}
async function shot(page, name) {
  const file = join(shots, name);
  await page.screenshot({ path: file, fullPage: true });
  steps.push(name);
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });

  // 1. live calls: the stuck call is listed first, flagged STUCK at main-menu
  await page.goto(base + '/inspector');
  const stuckRow = page.locator(`#calls-table tr[data-call-id="${stuckCall}"]`);
  await stuckRow.waitFor({ timeout: 20000 });
  await page.locator(`#calls-table tr[data-call-id="${stuckCall}"] [data-verdict="STUCK"]`).waitFor({ timeout: 20000 });
  check((await stuckRow.locator('[data-testid=current-node]').textContent()) === 'main-menu', 'stuck call not at main-menu');
  check((await stuckRow.textContent()).includes("RecognizeCompleted for 'main-menu'"), 'stuck call: wrong wait');
  await page.locator(`#recent-table tr[data-call-id="${endedCall}"]`).waitFor({ timeout: 20000 });
  await shot(page, '01-live-calls.png');

  // 2. flows, then one flow's diagram drawn by Mermaid (offline, from the WebJar)
  await page.click('#nav-flows');
  await page.locator('#flows-table tr[data-flow="support-line"]').waitFor({ timeout: 20000 });
  await shot(page, '02-flows.png');
  await page.click('#flows-table tr[data-flow="support-line"] a');
  await page.locator('[data-testid=diagram] svg').waitFor({ timeout: 20000 });
  check((await page.locator('[data-testid=diagram] svg').textContent()).includes('main-menu'), 'diagram lacks main-menu');
  await shot(page, '03-flow-support-line.png');

  // 3. the stuck call: diagram with the current node highlighted, timeline, the operation without a result
  await page.click('#nav-calls');
  await stuckRow.locator('a').waitFor({ timeout: 20000 });
  await stuckRow.locator('a').click();
  await page.locator('#timeline').waitFor({ timeout: 20000 });
  await page.locator('[data-testid=diagram] svg').waitFor({ timeout: 20000 });
  check(await page.locator('[data-testid=diagram] svg .current').count() > 0, 'no highlighted node in the call diagram');
  check((await page.locator('[data-testid=call-node]').textContent()) === 'main-menu', 'call page: wrong node');
  const recognize = page.locator('#operations tr[data-operation="recognizeKeys"]');
  check((await recognize.textContent()).includes('no result event yet'), 'recognizeKeys not shown as awaited');
  check((await page.locator('#timeline').textContent()).includes('entered'), 'timeline has no node entries');
  check((await page.locator('#stack-trace').textContent()).includes('awaitOperation'), 'no stack trace');
  await shot(page, '04-stuck-call.png');

  // 4. an ended call's timeline
  await page.click('#nav-calls');
  const ended = page.locator(`#recent-table tr[data-call-id="${endedCall}"] a`);
  await ended.waitFor({ timeout: 20000 });
  await ended.click();
  await page.locator('#timeline').waitFor({ timeout: 20000 });
  check((await page.locator('#call-title').textContent()).includes('ENDED'), 'ended call not shown as ENDED');
  check((await page.locator('#timeline').textContent()).includes('hungup-by-flow'), 'ended call: no ending in timeline');
  await shot(page, '05-ended-call.png');
} catch (e) {
  problems.push(String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(JSON.stringify({ steps, problems }));
process.exit(problems.length === 0 ? 0 : 1);
