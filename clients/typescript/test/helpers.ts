import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { IdeaforgeClient, MemoryTokenStore, type WebSocketConstructor } from '../src/index.js';
import type { JobEvent } from '../src/types.js';

/** The same interview as the Java drills (test-support `Interviewee`). */
export const IDEA = 'A habit tracker for remote teams';
export const ANSWERS = [
  'Remote teams forget their daily check-ins',
  'Daily check-ins, streaks and reminders',
  'Web and iOS',
  'A small budget',
];
export const PASSWORD = 'correct-horse-9';

export const NodeWebSocket = WebSocket as unknown as WebSocketConstructor;

export function baseUrl(): string {
  return inject('ideaforgeUrl');
}

export function newClient(url = baseUrl(), store = new MemoryTokenStore()): IdeaforgeClient {
  return new IdeaforgeClient({ baseUrl: url, tokenStore: store });
}

export async function registeredClient(prefix = 'ts'): Promise<IdeaforgeClient> {
  const client = newClient();
  const name = `${prefix}${randomUUID().slice(0, 8)}`;
  await client.register({ email: `${name}@example.com`, password: PASSWORD });
  return client;
}

/** An agent question (not yet the summary) that the interviewee answers. */
export function isQuestion(e: JobEvent): boolean {
  return e.kind === 'chat' && e.role === 'agent' && !e.content.includes('REQUIREMENTS_SUMMARY');
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 45_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function seqsOf(events: JobEvent[]): number[] {
  return events.flatMap((e) => (e.kind === 'error' ? [] : [e.seq]));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
