#!/usr/bin/env node
// The web console in a real browser against a running Ideaforge (default http://127.0.0.1:8000):
// a new user signs up, creates a job, answers the interview, watches the executive steps stream
// in, sees the PRD, asks for a change and sees version 2, and reloads mid-way and at the end to
// find the same state. Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) driven by
// playwright-core; no browser is downloaded. Screenshots go to e2e/screenshots/ (git-ignored).
//   node e2e/console.browser.mjs [base-url]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  INTERVIEW_ANSWERS as ANSWERS,
  SCREENSHOTS as SHOTS,
  STEP_TIMEOUT,
  launchChromium,
} from './browser.mjs';

const BASE = (process.argv[2] ?? process.env.IDEAFORGE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');

const started = Date.now();
const log = (msg) => console.log(`browser-test: ${((Date.now() - started) / 1000).toFixed(1)}s ${msg}`);
function check(condition, message) {
  if (!condition) throw new Error(message);
}

mkdirSync(SHOTS, { recursive: true });
const browser = await launchChromium();
// A phone-sized screen: the console must be usable there.
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
const page = await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
// The browser logs every non-2xx answer as a console error; those are the API's to judge (a 401
// before signing in is expected). Scripts' own errors are not.
page.on('console', (m) => {
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
});
const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

async function jobState() {
  const view = byTestId('job-view');
  return {
    status: await view.getAttribute('data-status'),
    paused: await view.getAttribute('data-paused'),
    messages: await byTestId('chat-message').allTextContents(),
    timeline: await byTestId('timeline-item').count(),
  };
}

async function awaitLive() {
  await page.waitForSelector('[data-testid="connection-state"][data-state="open"]');
}

/** Records each change of the number of steps on the page: they must arrive live, not at once. */
function watchSteps() {
  return page.evaluate(() => {
    window.__stepArrivals = [];
    new MutationObserver(() => {
      const steps = document.querySelectorAll('[data-testid="timeline-item"][data-kind="step"]').length;
      const last = window.__stepArrivals.at(-1);
      if (steps > 0 && (!last || last.steps !== steps)) window.__stepArrivals.push({ steps, at: performance.now() });
    }).observe(document.body, { childList: true, subtree: true });
  });
}

try {
  // Sign up.
  await page.goto(`${BASE}/console/`);
  await byTestId('auth-toggle').click();
  await shot('1-sign-up');
  const email = `browser-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await byTestId('auth-email').fill(email);
  await byTestId('auth-password').fill('correct-horse-9');
  await byTestId('auth-submit').click();
  await byTestId('new-job-prompt').waitFor();
  log(`signed up as ${email}`);

  // Create a job: the console opens it.
  await byTestId('new-job-prompt').fill('A habit tracker for remote teams');
  await shot('2-job-list');
  await byTestId('new-job-submit').click();
  await byTestId('job-view').waitFor();
  await awaitLive();
  const jobUrl = page.url();
  check(/#\/jobs\/[0-9a-f-]{36}/.test(jobUrl), `the job has its own address: ${jobUrl}`);
  log(`job created: ${jobUrl}`);

  await watchSteps();

  // The interview: answer each question once it is asked; reload half-way through.
  for (let i = 0; i < ANSWERS.length; i++) {
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="chat-message"][data-role="agent"]').length >= n,
      i + 1,
    );
    if (i === 2) {
      const before = await jobState();
      await page.reload();
      await byTestId('job-view').waitFor();
      await awaitLive();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="chat-message"]').length >= n,
        before.messages.length,
      );
      const after = await jobState();
      check(
        JSON.stringify(after.messages) === JSON.stringify(before.messages) && after.status === before.status,
        `a reload mid-interview shows the same job: ${JSON.stringify({ before, after })}`,
      );
      log(`reloaded mid-interview: ${after.messages.length} messages, status ${after.status}`);
      await watchSteps(); // the observer went with the old page
    }
    if (i === 1) await shot('3-interview');
    check(await byTestId('chat-input').isEditable(), 'the chat takes input while collecting');
    await byTestId('chat-input').fill(ANSWERS[i]);
    check(await byTestId('chat-send').isEnabled(), 'the chat can be sent while collecting');
    await byTestId('chat-send').click();
    await page.waitForFunction(
      (text) =>
        [...document.querySelectorAll('[data-testid="chat-message"][data-role="user"]')].some((m) =>
          m.textContent.includes(text),
        ),
      ANSWERS[i],
    );
  }
  log('interview answered');

  // The discussion streams in, then the PRD.
  await page.waitForSelector('[data-testid="job-view"][data-status="done"]', { timeout: 2 * STEP_TIMEOUT });
  await page.waitForSelector('[data-testid="prd"][data-version="1"]');
  const arrivals = await page.evaluate(() => window.__stepArrivals);
  const steps = await page.locator('[data-testid="timeline-item"][data-kind="step"]').count();
  check(steps >= 3, `the executive steps are on the timeline: ${steps}`);
  check(arrivals.length >= 2, `the steps arrived live, one update after another: ${JSON.stringify(arrivals)}`);
  const prd = await byTestId('prd').innerText();
  check(prd.trim().length > 100, `the PRD is rendered: ${prd.slice(0, 200)}`);
  check(await byTestId('chat-send').isDisabled(), 'a done job takes no chat');
  log(`done: ${steps} steps arrived in ${arrivals.length} updates; PRD v1 shown`);
  await byTestId('prd').scrollIntoViewIfNeeded();
  await shot('4-prd-v1');

  // A change request: version 2.
  await byTestId('change-request-input').fill('Add a weekly summary e-mail for team leads');
  await byTestId('change-request-submit').click();
  await page.waitForSelector('[data-testid="prd"][data-version="2"]', { timeout: 2 * STEP_TIMEOUT });
  await page.waitForSelector('[data-testid="job-view"][data-status="done"]');
  const versions = await page.locator('[data-testid="prd-version"] option').evaluateAll((os) => os.map((o) => o.value));
  check(versions.includes('1') && versions.includes('2'), `both versions can be picked: ${versions}`);
  log('change request done: PRD v2 shown');
  await shot('5-prd-v2');

  // A reload finds the same state.
  const before = await jobState();
  await page.reload();
  await byTestId('job-view').waitFor();
  await awaitLive();
  await page.waitForSelector('[data-testid="prd"][data-version="2"]');
  const after = await jobState();
  check(
    JSON.stringify({ ...after, timeline: undefined }) === JSON.stringify({ ...before, timeline: undefined }) &&
      after.timeline >= steps,
    `a reload shows the same job: ${JSON.stringify({ before, after })}`,
  );

  // An older version can still be shown, and downloaded.
  await byTestId('prd-version').selectOption('1');
  await page.waitForSelector('[data-testid="prd"][data-version="1"]');
  const download = page.waitForEvent('download');
  await byTestId('download-md').click();
  const md = await download;
  check(/\.md$/.test(md.suggestedFilename()), `the Markdown download has a .md name: ${md.suggestedFilename()}`);

  // Back to the list: the job is there, done.
  await byTestId('back-to-jobs').click();
  await page.waitForSelector('[data-testid="job-item"][data-status="done"]');
  await shot('6-job-list-done');
  check(pageErrors.length === 0, `no errors in the page: ${pageErrors.join(' | ')}`);
  log(`passed; screenshots in ${SHOTS}`);
} catch (e) {
  await shot('failure').catch(() => {});
  console.error(`browser-test: FAILED after ${((Date.now() - started) / 1000).toFixed(1)}s: ${e.message}`);
  console.error(`browser-test: page errors: ${pageErrors.join(' | ') || 'none'}; screenshot: ${SHOTS}/failure.png`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
