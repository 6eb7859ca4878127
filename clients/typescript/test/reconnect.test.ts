import { afterEach, describe, expect, it } from 'vitest';
import { IdeaforgeClient, JobSession, JobSocket, type JobEvent, type SocketState } from '../src/index.js';
import { ANSWERS, IDEA, NodeWebSocket, baseUrl, isQuestion, range, registeredClient, seqsOf, waitFor } from './helpers.js';
import { CuttableProxy } from './proxy.js';

let proxy: CuttableProxy | null = null;
let socket: JobSocket | null = null;

afterEach(async () => {
  socket?.close();
  await proxy?.close();
  proxy = null;
  socket = null;
});

describe('JobSocket resume across a network cut', () => {
  it('reconnects with after=<last seq> and sees every seq 1..N exactly once, in order', async () => {
    const direct = await registeredClient('cut');
    proxy = await CuttableProxy.start(baseUrl());
    // The socket goes through the proxy; it shares the login (token store) of the direct client.
    const viaProxy = new IdeaforgeClient({ baseUrl: proxy.url, tokenStore: direct.tokens });
    const job = await direct.createJob({ prompt: IDEA });

    socket = new JobSocket({
      client: viaProxy,
      jobId: job.id,
      after: 0,
      WebSocket: NodeWebSocket,
      backoff: { initialMs: 100, maxMs: 400 },
    });
    const seen: JobEvent[] = [];
    const states: SocketState[] = [];
    const urls: string[] = [];
    let answered = 0;
    let cutAt: number | null = null;
    // Answer over the socket up to `limit`: two before the cut, the rest after it.
    let limit = 2;
    const s = socket;
    s.onStateChange((st) => states.push(st));
    s.onEvent((e) => {
      seen.push(e);
      if (isQuestion(e) && answered < limit) s.sendChat(ANSWERS[answered++]);
    });
    const origUrl = viaProxy.socketUrl.bind(viaProxy);
    viaProxy.socketUrl = (id, after) => {
      const u = origUrl(id, after);
      urls.push(u);
      return u;
    };
    s.connect();

    // Two answers in, cut the line before the third question's answer.
    await waitFor('the third question', () => answered === 2 && seen.filter(isQuestion).length >= 3);
    cutAt = seqsOf(seen).at(-1)!;
    proxy.cut();
    await waitFor('the socket to notice the cut', () => s.state === 'reconnecting');

    // While disconnected: answer over REST and let the agent reply; the socket sees none of it.
    await direct.createMessage({ job_id: job.id, role: 'user', content: ANSWERS[answered++] });
    const missed = await waitFor('the agent reply while cut', async () => {
      const evs = await direct.listEvents(job.id, { after: cutAt! });
      return evs.some((e) => e.kind === 'chat' && e.role === 'agent') ? evs : null;
    });
    expect(missed.length).toBeGreaterThanOrEqual(2);
    expect(seqsOf(seen).at(-1)).toBe(cutAt);

    // Back up: the socket resumes after the last seq it saw and the interview goes on.
    const resumeFrom = cutAt;
    limit = ANSWERS.length;
    proxy.restore();
    // The question asked while cut comes on the replay and is answered over the socket.
    await waitFor('the socket open again', () => s.state === 'open');
    await waitFor('status done', () => seen.some((e) => e.kind === 'status' && e.status === 'done'));
    await waitFor('the app', () => seen.some((e) => e.kind === 'app'));

    const seqs = seqsOf(seen);
    expect(seqs).toEqual(range(1, seqs.length));
    expect(new Set(seqs).size).toBe(seqs.length);
    const stored = await direct.listAllEvents(job.id);
    expect(seqs).toEqual(stored.map((e) => e.seq));

    expect(s.connects).toBeGreaterThanOrEqual(2);
    expect(states).toContain('reconnecting');
    // Every reconnect asked for what followed the last seq it had seen (never 0 again).
    const afters = urls.map((u) => Number(new URL(u).searchParams.get('after')));
    expect(afters[0]).toBe(0);
    expect(afters.slice(1).every((a) => a === resumeFrom)).toBe(true);
    // The events stored while cut reached the socket on the replay, once.
    for (const e of missed) expect(seqsOf(seen).filter((q) => q === e.seq)).toHaveLength(1);
    expect(answered).toBe(ANSWERS.length);
  });
});

describe('JobSession across a network cut', () => {
  it('shows reconnecting, then catches up: the transcript equals the server one, no duplicates', async () => {
    const direct = await registeredClient('cutsess');
    proxy = await CuttableProxy.start(baseUrl());
    const viaProxy = new IdeaforgeClient({ baseUrl: proxy.url, tokenStore: direct.tokens });
    const job = await direct.createJob({ prompt: IDEA });
    const session = new JobSession(viaProxy, job.id, {
      WebSocket: NodeWebSocket,
      backoff: { initialMs: 100, maxMs: 400 },
    });
    const connections: string[] = [];
    session.subscribe(() => {
      const c = session.getState().connection;
      if (connections.at(-1) !== c) connections.push(c);
    });
    try {
      await session.start();
      await waitFor('open and the first question', () => {
        const st = session.getState();
        return st.connection === 'open' && st.messages.some((m) => m.role === 'agent');
      });
      const before = session.getState().lastSeq;
      proxy.cut();
      await waitFor('reconnecting', () => session.getState().connection === 'reconnecting');
      await direct.createMessage({ job_id: job.id, role: 'user', content: ANSWERS[0] });
      await waitFor('the reply while cut', async () =>
        (await direct.listEvents(job.id, { after: before })).some((e) => e.kind === 'chat' && e.role === 'agent'),
      );
      expect(session.getState().lastSeq).toBe(before);
      proxy.restore();
      const stored = await direct.listAllEvents(job.id);
      await waitFor('caught up', () => session.getState().lastSeq === stored.at(-1)!.seq);
      expect(session.getState().connection).toBe('open');
      const messages = await direct.listMessages(job.id);
      expect(session.getState().messages.map((m) => m.id)).toEqual(messages.map((m) => m.id));
      expect(connections).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    } finally {
      session.close();
    }
  });
});
