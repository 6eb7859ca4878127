// What the browser tests share: Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) through
// playwright-core (no browser is ever downloaded), where screenshots go, how long a step may take,
// and the interview answers of test-support's Interviewee (after them the scripted agent writes
// its summary).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const STEP_TIMEOUT = Number(process.env.BROWSER_TEST_TIMEOUT_MS ?? 60_000);
export const INTERVIEW_ANSWERS = [
  'Remote teams forget their daily check-ins',
  'Daily check-ins, streaks and reminders',
  'Web and iOS',
  'A small budget',
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // This machine's network is closed: no background traffic, no sandbox as root.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
