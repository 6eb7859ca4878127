import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdeaforgeClient, JobSocket, MemoryTokenStore, type JobEvent } from '../src/index.js';
import { FakeWS } from './fake-ws.js';


const chat = (seq: number) => ({ kind: 'chat', seq, jobId: 'j', id: `m${seq}`, role: 'agent', sender: 'CR', content: 'q', metadata: {}, timestamp: 't' });

function setup(refresh?: () => Promise<Response>) {
  FakeWS.all = [];
  const lost: string[] = [];
  const client = new IdeaforgeClient({
    baseUrl: 'http://h',
    tokenStore: new MemoryTokenStore({ access: 'a1', refresh: 'r1' }),
    onAuthLost: (r) => lost.push(r),
    fetch: async () => (refresh ? refresh() : new Response(JSON.stringify({ access: 'a2', refresh: 'r2' }), { status: 200 })),
  });
  const socket = new JobSocket({ client, jobId: 'j', after: 0, WebSocket: FakeWS, backoff: { initialMs: 1, maxMs: 5 } });
  const events: JobEvent[] = [];
  socket.onEvent((e) => events.push(e));
  return { socket, events, lost, client };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('JobSocket', () => {
  it('reconnects after 1006/1001/1011 with after=<last seq> and drops duplicates', async () => {
    const { socket, events } = setup();
    socket.connect();
    expect(socket.state).toBe('connecting');
    FakeWS.all[0].open();
    expect(socket.state).toBe('open');
    FakeWS.all[0].frame(chat(1));
    FakeWS.all[0].frame(chat(2));
    for (const [i, code] of [1006, 1001, 1011].entries()) {
      FakeWS.all[i].drop(code);
      expect(socket.state).toBe('reconnecting');
      await tick();
      expect(FakeWS.all).toHaveLength(i + 2);
      expect(FakeWS.all[i + 1].after).toBe('2');
      FakeWS.all[i + 1].open();
    }
    const last = FakeWS.all.at(-1)!;
    last.frame(chat(2)); // a duplicate across the hand-over
    last.frame(chat(3));
    expect(events.map((e) => (e.kind === 'error' ? 0 : e.seq))).toEqual([1, 2, 3]);
    expect(socket.sendChat('hello')).toBe(true);
    expect(JSON.parse(last.sent[0])).toEqual({ kind: 'chat', content: 'hello' });
    socket.close();
    expect(socket.state).toBe('closed');
    expect(socket.sendChat('x')).toBe(false);
  });

  it('stops on 4003 and 1008', () => {
    for (const code of [4003, 1008]) {
      const { socket } = setup();
      socket.connect();
      FakeWS.all[0].open();
      FakeWS.all[0].drop(code, 'nope');
      expect(socket.state).toBe('closed');
      expect(socket.stopReason?.code).toBe(code);
    }
  });

  it('4001 refreshes the token then reconnects with the new one', async () => {
    const { socket, client } = setup();
    socket.connect();
    FakeWS.all[0].drop(4001, 'Token expired');
    await tick();
    expect(client.tokens.get()?.access).toBe('a2');
    expect(FakeWS.all).toHaveLength(2);
    expect(FakeWS.all[1].protocols).toEqual(['ideaforge.v1', 'ideaforge.bearer.a2']);
    expect(new URL(FakeWS.all[1].url).searchParams.has('token')).toBe(false);
    expect(socket.state).toBe('reconnecting');
    socket.close();
  });

  it('4001 Token revoked stops and reports the lost login', () => {
    const { socket, lost, client } = setup();
    socket.connect();
    FakeWS.all[0].open();
    FakeWS.all[0].drop(4001, 'Token revoked');
    expect(socket.state).toBe('closed');
    expect(socket.stopReason?.kind).toBe('auth');
    expect(lost).toEqual(['Token revoked']);
    expect(client.tokens.get()).toBeNull();
  });

  it('4001 with a refused refresh stops', async () => {
    const { socket, lost } = setup(async () => new Response(JSON.stringify({ detail: 'bad' }), { status: 401 }));
    socket.connect();
    FakeWS.all[0].drop(4001, 'Authentication failed');
    await tick();
    expect(socket.state).toBe('closed');
    expect(lost).toHaveLength(1);
  });

  it('4001 with a refresh that fails for another reason (503, 429, network) keeps retrying', async () => {
    const answers: Array<() => Promise<Response>> = [
      async () => new Response(JSON.stringify({ detail: 'Redis away' }), { status: 503 }),
      async () => new Response(JSON.stringify({ detail: 'slow down' }), { status: 429 }),
      async () => {
        throw new TypeError('Failed to fetch');
      },
    ];
    let calls = 0;
    const stops: string[] = [];
    const { socket, lost, client } = setup(() => answers[calls++]());
    socket.onStop((s) => stops.push(s.kind));
    socket.connect();
    for (let i = 0; i < answers.length; i++) {
      FakeWS.all[i].open();
      FakeWS.all[i].drop(4001, 'Token expired');
      await tick();
      expect(socket.state).toBe('reconnecting');
      expect(FakeWS.all).toHaveLength(i + 2); // a backoff retry, with the tokens kept
    }
    expect(calls).toBe(3);
    expect(stops).toEqual([]);
    expect(lost).toEqual([]);
    expect(client.tokens.get()).toEqual({ access: 'a1', refresh: 'r1' });
    socket.close();
  });

  it('ignores a refresh that ends after close(), and opens no second socket after a new connect()', async () => {
    let release!: () => void;
    const { socket } = setup(
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(new Response(JSON.stringify({ access: 'a2', refresh: 'r2' }), { status: 200 }));
        }),
    );
    const stops: string[] = [];
    socket.onStop((s) => stops.push(s.kind));
    socket.connect();
    FakeWS.all[0].open();
    FakeWS.all[0].drop(4001, 'Token expired');
    await tick();
    socket.close();
    socket.connect(); // a new run while the old refresh is still in flight
    expect(FakeWS.all).toHaveLength(2);
    release();
    await tick();
    expect(FakeWS.all).toHaveLength(2);
    expect(stops).toEqual(['closed']);
    socket.close();
    expect(stops).toEqual(['closed', 'closed']);
  });

  it('ignores a refused refresh that ends after close()', async () => {
    let release!: () => void;
    const { socket, client } = setup(
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(new Response(JSON.stringify({ detail: 'bad' }), { status: 401 }));
        }),
    );
    const stops: string[] = [];
    socket.onStop((s) => stops.push(s.kind));
    socket.connect();
    FakeWS.all[0].drop(4001, 'Token expired');
    await tick();
    socket.close();
    release();
    await tick();
    expect(client.tokens.get()).toBeNull(); // the client still reports the refused refresh
    expect(stops).toEqual(['closed']);
    expect(socket.stopReason?.kind).toBe('closed');
  });

  describe('backoff across open → close cycles', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    function fakeTimed(stableAfterMs?: number) {
      vi.useFakeTimers();
      FakeWS.all = [];
      const client = new IdeaforgeClient({
        baseUrl: 'http://h',
        tokenStore: new MemoryTokenStore({ access: 'a1', refresh: 'r1' }),
        fetch: async () => new Response('{}', { status: 200 }),
      });
      const socket = new JobSocket({
        client,
        jobId: 'j',
        after: 0,
        WebSocket: FakeWS,
        backoff: { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0 },
        stableAfterMs,
      });
      /** How long until the next socket is created (ms), up to `limit`. */
      const nextDelay = (limit = 20_000): number => {
        const before = FakeWS.all.length;
        for (let ms = 1; ms <= limit; ms++) {
          vi.advanceTimersByTime(1);
          if (FakeWS.all.length > before) return ms;
        }
        return -1;
      };
      return { socket, nextDelay };
    }

    it('grows the delay when the server opens then closes with 1011 each time', () => {
      const { socket, nextDelay } = fakeTimed();
      socket.connect();
      const delays: number[] = [];
      for (let i = 0; i < 5; i++) {
        const ws = FakeWS.all.at(-1)!;
        ws.open();
        ws.drop(1011, 'Redis unavailable');
        delays.push(nextDelay());
      }
      expect(delays).toEqual([100, 200, 400, 800, 1600]);
      socket.close();
    });

    it('starts afresh after a frame or after staying open stableAfterMs', () => {
      const { socket, nextDelay } = fakeTimed(5000);
      socket.connect();
      FakeWS.all[0].open();
      FakeWS.all[0].drop(1011);
      expect(nextDelay()).toBe(100);
      FakeWS.all[1].open();
      FakeWS.all[1].drop(1011);
      expect(nextDelay()).toBe(200);
      // A frame: the connection worked.
      FakeWS.all[2].open();
      FakeWS.all[2].frame(chat(1));
      FakeWS.all[2].drop(1006);
      expect(nextDelay()).toBe(100);
      FakeWS.all[3].open();
      FakeWS.all[3].drop(1011);
      expect(nextDelay()).toBe(200);
      // Open for 5 s without a frame: healthy too.
      FakeWS.all[4].open();
      vi.advanceTimersByTime(5000);
      FakeWS.all[4].drop(1006);
      expect(nextDelay()).toBe(100);
      socket.close();
    });
  });
});
