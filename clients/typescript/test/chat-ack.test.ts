import { afterEach, describe, expect, it } from 'vitest';
import {
  ChatNotSentError,
  IdeaforgeClient,
  JobSession,
  MemoryTokenStore,
  type JobDetail,
} from '../src/index.js';
import { FakeWS } from './fake-ws.js';

// JobSession.sendChat over a fake socket (no server): it resolves only on the chat's own echo.


const T = '2026-11-30T00:00:00Z';
const detail: JobDetail = {
  id: 'j',
  initial_prompt: 'idea',
  prompt: 'idea',
  requirements_summary: null,
  status: 'collecting',
  error_message: null,
  is_paused: false,
  token_budget: null,
  created_at: T,
  updated_at: T,
  steps: [],
  messages: [],
  usage: { llm_calls: 0, prompt_tokens: 0, completion_tokens: 0 },
};

const userChat = (seq: number, content: string) => ({
  kind: 'chat',
  seq,
  jobId: 'j',
  id: `m${seq}`,
  role: 'user',
  sender: 'me',
  content,
  metadata: {},
  timestamp: T,
});

const flush = (ms = 0) => new Promise((r) => setTimeout(r, ms));

let session: JobSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

/** A started session whose socket (FakeWS.all[0]) is open, after seq 2. */
async function openSession(options: { chatAckTimeoutMs?: number } = {}) {
  FakeWS.all = [];
  const client = new IdeaforgeClient({ baseUrl: 'http://h', tokenStore: new MemoryTokenStore({ access: 'a', refresh: 'r' }) });
  client.listAllEvents = async () => [userChat(1, 'idea'), { ...userChat(2, 'First question?'), role: 'agent', sender: 'CR' }] as never;
  client.getJob = async () => detail;
  client.getAppByJob = async () => null;
  const rest: string[] = [];
  client.createMessage = async (m) => {
    rest.push(m.content);
    return { id: 'r1', job_id: 'j', role: 'user', sender: 'me', content: m.content, metadata: {}, created_at: T } as never;
  };
  const s = new JobSession(client, 'j', { WebSocket: FakeWS, backoff: { initialMs: 1000, maxMs: 1000 }, ...options });
  session = s;
  await s.start();
  const ws = FakeWS.all[0];
  ws.open();
  expect(s.getState().connection).toBe('open');
  return { s, ws, rest };
}

/** Whether the promise settled yet, and how. */
function track(p: Promise<void>) {
  const t = { settled: false, error: null as unknown };
  p.then(
    () => (t.settled = true),
    (e: unknown) => {
      t.settled = true;
      t.error = e;
    },
  );
  return t;
}

describe('JobSession.sendChat over the socket waits for the server', () => {
  it('resolves only when its own chat event comes back', async () => {
    const { s, ws } = await openSession();
    const sent = track(s.sendChat('  Remote teams  '));
    await flush();
    expect(ws.sent.map((f) => JSON.parse(f))).toEqual([{ kind: 'chat', content: 'Remote teams' }]);
    expect(sent.settled).toBe(false);
    // Other events (an agent's chat, another content) do not confirm it.
    ws.frame({ ...userChat(3, 'Remote teams'), role: 'agent' });
    ws.frame(userChat(4, 'Something else'));
    await flush();
    expect(sent.settled).toBe(false);
    ws.frame(userChat(5, 'Remote teams'));
    await flush();
    expect(sent).toEqual({ settled: true, error: null });
    expect(s.getState().messages.at(-1)?.content).toBe('Remote teams');
    expect(s.getState().error).toBeNull();
  });

  it("rejects with the server's message on an error frame, and shows it", async () => {
    const { s, ws } = await openSession();
    const p = s.sendChat('x'.repeat(20));
    await flush();
    expect(ws.sent).toHaveLength(1);
    ws.frame({ kind: 'error', message: 'Too many messages: at most 5 per second.' });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatNotSentError);
    expect(err).toMatchObject({ reason: 'server', message: 'Too many messages: at most 5 per second.' });
    expect(s.getState().error).toBe('Too many messages: at most 5 per second.');
    // The socket stays usable: the next chat is confirmed by its echo.
    const next = track(s.sendChat('again'));
    await flush();
    ws.frame(userChat(3, 'again'));
    await flush();
    expect(next).toEqual({ settled: true, error: null });
    expect(s.getState().error).toBeNull();
  });

  it('rejects when the socket closes before the echo', async () => {
    const { s, ws } = await openSession();
    const p = s.sendChat('lost');
    await flush();
    ws.drop(1006);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatNotSentError);
    expect(err).toMatchObject({ reason: 'closed' });
    expect(s.getState().error).toMatch(/connection was lost/);
  });

  it('rejects when the session closes before the echo', async () => {
    const { s } = await openSession();
    const p = s.sendChat('bye');
    await flush();
    s.close();
    await expect(p).rejects.toMatchObject({ reason: 'closed' });
  });

  it('rejects after the timeout without an answer', async () => {
    const { s, ws } = await openSession({ chatAckTimeoutMs: 30 });
    const p = s.sendChat('silence');
    await flush();
    expect(ws.sent).toHaveLength(1);
    await expect(p).rejects.toMatchObject({ reason: 'timeout' });
    expect(s.getState().error).toMatch(/did not confirm/);
  });

  it('two identical messages in a row each resolve on their own echo', async () => {
    const { s, ws } = await openSession();
    // An identical message already in the history (seq 1 is 'idea') confirms neither.
    const first = track(s.sendChat('idea'));
    const second = track(s.sendChat('idea'));
    await flush();
    // One chat in flight at a time: the second waits for the first's answer.
    expect(ws.sent).toHaveLength(1);
    ws.frame(userChat(3, 'idea'));
    await flush();
    expect(first).toEqual({ settled: true, error: null });
    expect(second.settled).toBe(false);
    expect(ws.sent).toHaveLength(2);
    // A replayed old echo (seq 3, e.g. after a hand-over) does not count for the second.
    ws.frame(userChat(3, 'idea'));
    await flush();
    expect(second.settled).toBe(false);
    ws.frame(userChat(4, 'idea'));
    await flush();
    expect(second).toEqual({ settled: true, error: null });
  });

  it('an error frame for the second of two rejects only the second', async () => {
    const { s, ws } = await openSession();
    const first = track(s.sendChat('one'));
    const second = track(s.sendChat('two'));
    await flush();
    ws.frame(userChat(3, 'one'));
    await flush();
    ws.frame({ kind: 'error', message: 'content is too long: at most 10000 characters.' });
    await flush();
    expect(first).toEqual({ settled: true, error: null });
    expect(second.error).toMatchObject({ reason: 'server', message: 'content is too long: at most 10000 characters.' });
  });

  it('uses REST while the socket is not open, and resolves when stored', async () => {
    const { s, ws, rest } = await openSession();
    ws.drop(1006);
    expect(s.getState().connection).toBe('reconnecting');
    await s.sendChat('over rest');
    expect(rest).toEqual(['over rest']);
    expect(ws.sent).toHaveLength(0);
  });
});
