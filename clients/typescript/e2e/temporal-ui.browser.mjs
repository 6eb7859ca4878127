#!/usr/bin/env node
// The operators' view in a real browser: the Temporal Web UI of a running Ideaforge (scripts/run
// starts the `temporal` CLI's dev server with its UI; default API http://127.0.0.1:8000, UI
// http://127.0.0.1:8233). Over REST a new user signs up, creates a job and answers the interview
// (each answer is a `userMessage` signal) until the job is done. Then, as an operator would, the
// test types `IdeaforgeOwner="<user id>"` into the workflow list's query input (a filter by an
// owner nobody is must list nothing; the user's filter exactly `job-<jobId>`), opens the workflow,
// and finds in its event history every `userMessage` signal and the activities (ReplyToUser, the
// executive turns, the spec), then the search attributes and the memo. Debian's chromium
// (/usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core; no browser is downloaded.
// Screenshots go to e2e/screenshots/ (git-ignored); --screenshot <path> also saves the opened
// workflow's page with its history at <path> (the README's picture: docs/images/temporal-ui-job.png).
//   node e2e/temporal-ui.browser.mjs [api-base-url] [temporal-ui-url] [--screenshot <png path>]
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  INTERVIEW_ANSWERS as ANSWERS,
  SCREENSHOTS as SHOTS,
  STEP_TIMEOUT,
  launchChromium,
} from './browser.mjs';

const args = process.argv.slice(2);
const shotAt = args.indexOf('--screenshot');
let SCREENSHOT = null;
if (shotAt >= 0) {
  SCREENSHOT = args[shotAt + 1];
  if (!SCREENSHOT || SCREENSHOT.startsWith('--')) {
    console.error('usage: temporal-ui.browser.mjs [api-base-url] [temporal-ui-url] [--screenshot <png path>]');
    process.exit(2);
  }
  args.splice(shotAt, 2);
}
const trim = (url) => url.replace(/\/+$/, '');
const API = trim(args[0] ?? process.env.IDEAFORGE_URL ?? 'http://127.0.0.1:8000');
const UI = trim(args[1] ?? process.env.TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233');
const NAMESPACE = process.env.TEMPORAL_NAMESPACE ?? 'default';
// The idea of test-support's Interviewee, whose answers these are.
const IDEA = 'A habit tracker for remote teams';
// The activities a done job's history must show: the interview's and the executives'.
const ACTIVITIES = ['ReplyToUser', 'ClaimExecutiveSlot', 'TakeTurn', 'WriteSpec'];

const started = Date.now();
const log = (msg) => console.log(`temporal-ui-test: ${((Date.now() - started) / 1000).toFixed(1)}s ${msg}`);
function check(condition, message) {
  if (!condition) throw new Error(message);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ----- REST ------------------------------------------------------------------------------------

async function api(method, urlPath, { token, body, expect = [200] } = {}) {
  let res;
  try {
    res = await fetch(`${API}${urlPath}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new Error(`${method} ${API}${urlPath}: the API is unreachable (${e.cause?.code ?? e.message})`);
  }
  const text = await res.text();
  check(
    expect.includes(res.status),
    `${method} ${urlPath} answered ${res.status}, expected ${expect}: ${text.slice(0, 300)}`,
  );
  return text ? JSON.parse(text) : null;
}

/** Signs up, creates a job and answers the interview over REST until the job is done. */
async function jobThroughInterview() {
  const email = `ops-ui-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const { access: token } = await api('POST', '/api/auth/register/', {
    body: { email, password: 'correct-horse-9' },
    expect: [201],
  });
  const me = await api('GET', '/api/auth/me/', { token });
  check(typeof me?.id === 'string' && me.id.length > 0, `/api/auth/me/ has the user's id: ${JSON.stringify(me)}`);
  log(`signed up as ${email}: user id ${me.id}`);

  const created = await api('POST', '/api/jobs/', { token, body: { prompt: IDEA }, expect: [201] });
  log(`job created: ${created.id} (${created.status}); its workflow is job-${created.id}`);

  // Answer each question once it is asked (an agent message that is not the summary), as a
  // user message over REST: each one reaches the workflow as a `userMessage` signal.
  const deadline = Date.now() + STEP_TIMEOUT;
  let answered = 0;
  let job = created;
  for (;;) {
    job = await api('GET', `/api/jobs/${created.id}/`, { token });
    if (job.status === 'done') break;
    check(job.status !== 'failed', `the job failed: ${job.error_message}`);
    const questions = job.messages.filter((m) => m.role === 'agent' && !m.content.includes('REQUIREMENTS_SUMMARY'));
    if (job.status === 'collecting' && questions.length > answered) {
      check(
        answered < ANSWERS.length,
        `the interviewer asks more than the ${ANSWERS.length} questions this test answers: ${questions.at(-1).content}`,
      );
      await api('POST', '/api/job-messages/', {
        token,
        body: { job_id: created.id, role: 'user', content: ANSWERS[answered] },
        expect: [201],
      });
      answered++;
      log(`answered question ${answered}: "${ANSWERS[answered - 1]}"`);
      continue;
    }
    check(
      Date.now() < deadline,
      `the job did not get done within ${STEP_TIMEOUT / 1000}s: status ${job.status}, ${answered} answers, ` +
        `${questions.length} questions`,
    );
    await sleep(250);
  }
  check(answered === ANSWERS.length, `the interview took all ${ANSWERS.length} answers: ${answered}`);
  check(job.steps.length >= 2, `the executives took turns: ${job.steps.length} steps`);
  log(`job done over REST: ${answered} answers sent, ${job.steps.length} executive steps`);
  return { userId: me.id, jobId: created.id, answered };
}

// ----- the Temporal UI -------------------------------------------------------------------------

mkdirSync(SHOTS, { recursive: true });
if (SCREENSHOT) mkdirSync(path.dirname(path.resolve(SCREENSHOT)), { recursive: true });
let browser;
let page;
const pageErrors = [];

async function openBrowser() {
  browser = await launchChromium();
  // An operator's desktop screen.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'UTC' });
  page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT / 2);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
}

const shot = (name) => page.screenshot({ path: path.join(SHOTS, `temporal-ui-${name}.png`) });
const byTestId = (id) => page.locator(`[data-testid="${id}"]`);
// The workflow ids the list shows: one "Select Workflow <id>" checkbox per row.
const ROW_BOXES = 'input[type="checkbox"][aria-label^="Select Workflow "]';
const listedWorkflows = () =>
  page
    .locator(ROW_BOXES)
    .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label').replace(/^Select Workflow /, '')));

/** Types a visibility query into the workflow list's query input and runs it, as an operator does. */
async function filterWorkflows(query) {
  const input = byTestId('workflow-manual-search-input');
  if (!(await input.isVisible())) await byTestId('toggle-manual-query').click(); // "View raw query"
  await input.fill(query);
  await input.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('query') === query);
}

/** The event history's rows as the page shows them: event id, type and details, in one text. */
const historyRows = () =>
  byTestId('event-summary-row').evaluateAll((rows) =>
    rows.map((r) => ({ id: Number(r.dataset.eventid), text: r.innerText.replace(/\s+/g, ' ').trim() })),
  );

try {
  const { userId, jobId, answered } = await jobThroughInterview();
  const workflowId = `job-${jobId}`;
  await openBrowser();

  // The workflow list, filtered by an owner nobody is: nothing.
  await page.goto(`${UI}/namespaces/${NAMESPACE}/workflows`).catch((e) => {
    throw new Error(`the Temporal UI at ${UI} is unreachable: ${e.message.split('\n')[0]}`);
  });
  await page.locator(`${ROW_BOXES}, :text("No Workflows Found")`).first().waitFor(); // the list has loaded
  log(`Temporal UI open: ${await byTestId('workflow-count').innerText()} workflows in namespace ${NAMESPACE}`);
  const nobody = randomUUID();
  await filterWorkflows(`IdeaforgeOwner="${nobody}"`);
  await page.getByText('No Workflows Found').waitFor();
  const strangers = await listedWorkflows();
  check(strangers.length === 0, `a filter by an owner nobody is lists nothing: ${strangers}`);
  log(`IdeaforgeOwner="${nobody}" lists no workflow`);

  // Filtered by the user's id: exactly this user's job.
  const ownerQuery = `IdeaforgeOwner="${userId}"`;
  await filterWorkflows(ownerQuery);
  // Visibility is eventually consistent: an empty answer is asked again (Refresh), for a while.
  const listDeadline = Date.now() + STEP_TIMEOUT / 2;
  for (;;) {
    await page.locator(`${ROW_BOXES}, :text("No Workflows Found")`).first().waitFor();
    if ((await page.locator(ROW_BOXES).count()) > 0) break;
    check(
      Date.now() < listDeadline,
      `${ownerQuery} lists no workflow: the job's owner search attribute is missing or wrong`,
    );
    await sleep(1000);
    await page.getByRole('button', { name: 'Refresh' }).click();
  }
  const listed = await listedWorkflows();
  const count = (await byTestId('workflow-count').innerText()).trim();
  check(
    listed.length === 1 && listed[0] === workflowId && count === '1',
    `${ownerQuery} lists exactly ${workflowId}: ${JSON.stringify(listed)} (count "${count}")`,
  );
  log(`${ownerQuery} lists exactly ${listed[0]}`);
  await page.mouse.move(900, 60); // no tooltip in the picture
  await shot('1-filtered-list');

  // Open it: the workflow page.
  await page.locator(`a[href*="/workflows/${workflowId}/"]`).first().click();
  await page.waitForURL((url) => url.pathname.includes(`/workflows/${workflowId}/`));
  await byTestId('workflow-id-heading').filter({ hasText: workflowId }).waitFor();
  const status = (await byTestId('execution-status').innerText()).trim();
  check(/completed/i.test(status), `the done job's workflow has completed: ${status}`);
  const type = await page.getByText('JobWorkflow', { exact: true }).count();
  check(type > 0, 'the workflow page shows its type JobWorkflow');
  log(`opened ${workflowId}: ${status}, JobWorkflow`);

  // Its event history, every event on one page, oldest first.
  await byTestId('history-tab').click();
  await page.waitForURL((url) => url.pathname.endsWith('/history'));
  await byTestId('feed').click(); // "All" events, one row each
  const events = Number((await byTestId('history-tab').innerText()).replace(/\D+/g, ''));
  check(events > 0, `the Event History tab counts the events: ${await byTestId('history-tab').innerText()}`);
  await byTestId('event-summary-row').first().waitFor();
  const perPage = page.locator('select#per-page-filter');
  const sizes = await perPage.locator('option').evaluateAll((os) => os.map((o) => Number(o.value)));
  if (events > Number(await perPage.inputValue())) await perPage.selectOption(String(Math.max(...sizes)));
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="event-summary-row"]').length >= n,
    Math.min(events, Math.max(...sizes)),
  );
  const rows = await historyRows();
  check(
    rows.length === events,
    `the history view shows all ${events} events on one page: ${rows.length} rows ` +
      `(ids ${rows.at(-1)?.id}…${rows[0]?.id})`,
  );

  const signals = rows.filter((r) => /Workflow Execution Signaled/.test(r.text));
  const userMessages = signals.filter((r) => /Signal Name userMessage\b/.test(r.text));
  check(
    userMessages.length === answered,
    `the history has one userMessage signal per chat message sent (${answered}): ${userMessages.length} ` +
      `(signals: ${signals.map((r) => r.text.slice(0, 120)).join(' | ') || 'none'})`,
  );
  const scheduled = rows
    .filter((r) => /Activity Task Scheduled/.test(r.text))
    .map((r) => /Activity Type (\S+)/.exec(r.text)?.[1]);
  const tally = Object.fromEntries(ACTIVITIES.map((a) => [a, scheduled.filter((s) => s === a).length]));
  const missing = ACTIVITIES.filter((a) => tally[a] === 0);
  check(
    missing.length === 0,
    `the history lacks the activities ${missing.join(', ')}; scheduled: ${scheduled.join(', ')}`,
  );
  check(
    tally.ReplyToUser >= answered + 1,
    `Client Relations replied to the idea and to every answer: ${tally.ReplyToUser} ReplyToUser ` +
      `for ${answered} answers`,
  );
  log(
    `event history: ${events} events, ${userMessages.length} userMessage signals, activities ` +
      `${Object.entries(tally).map(([a, n]) => `${a}×${n}`).join(', ')}`,
  );

  // Its search attributes and memo: whose job it is, where it stands.
  await byTestId('search-attributes-tab').click();
  await page.waitForURL((url) => url.pathname.endsWith('/search-attributes'));
  await page.getByText('IdeaforgeOwner').first().waitFor();
  const attributes = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const attributesSeen = attributes.slice(attributes.lastIndexOf('Search Attributes'));
  check(
    attributes.includes(`"IdeaforgeOwner": "${userId}"`),
    `the search attributes name the owner ${userId}: ${attributesSeen}`,
  );
  check(attributes.includes('"IdeaforgeStatus": "done"'), `the search attributes say done: ${attributesSeen}`);
  check(attributes.includes('"IdeaforgePaused": false'), `the search attributes say not paused: ${attributesSeen}`);
  await byTestId('memo-tab').click();
  await page.waitForURL((url) => url.pathname.endsWith('/memo'));
  await page.getByText('ownerId').first().waitFor();
  const memo = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  check(
    memo.includes(`"jobId": "${jobId}"`) && memo.includes(`"ownerId": "${userId}"`) && memo.includes(IDEA),
    `the memo holds the job id, the owner and the idea: ${memo.slice(memo.lastIndexOf('Memo'))}`,
  );
  log('search attributes: IdeaforgeOwner, IdeaforgeStatus "done", IdeaforgePaused false; memo: jobId, ownerId, idea');

  // The picture for the README: the history, compact and oldest first (the interview's signals
  // and replies, then the executives).
  await byTestId('history-tab').click();
  await page.waitForURL((url) => url.pathname.endsWith('/history'));
  await byTestId('compact').click();
  const order = page.locator('button', { hasText: /^\s*(Descending|Ascending)\s*$/ });
  if (/Descending/.test(await order.innerText())) await order.click();
  await page.waitForURL((url) => url.searchParams.get('sort') === 'ascending');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="event-summary-row"]');
    const ids = [...rows].map((r) => Number(r.dataset.eventid));
    return ids.length > 1 && ids[0] < ids.at(-1);
  });
  await page.getByText('userMessage').first().waitFor();
  const compact = await historyRows();
  check(
    compact.some((r) => /Local Activity .*LoadJob/.test(r.text)),
    `the compact history shows the local activity LoadJob: ` +
      compact
        .slice(0, 5)
        .map((r) => r.text.slice(0, 80))
        .join(' | '),
  );
  await page.mouse.move(900, 60); // nothing under the pointer is highlighted
  await shot('2-workflow-history');
  if (SCREENSHOT) {
    await page.screenshot({ path: SCREENSHOT });
    log(`screenshot of the workflow page: ${SCREENSHOT}`);
  }
  if (pageErrors.length > 0) log(`the Temporal UI's own page errors (not judged): ${pageErrors.join(' | ')}`);
  log(`passed; screenshots in ${SHOTS}`);
} catch (e) {
  console.error(`temporal-ui-test: FAILED after ${((Date.now() - started) / 1000).toFixed(1)}s: ${e.message}`);
  if (page) {
    await page.screenshot({ path: path.join(SHOTS, 'temporal-ui-failure.png') }).catch(() => {});
    console.error(`temporal-ui-test: at ${page.url()}; screenshot: ${SHOTS}/temporal-ui-failure.png`);
  }
  process.exitCode = 1;
} finally {
  await browser?.close();
}
