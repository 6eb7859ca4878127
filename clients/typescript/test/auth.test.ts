import { describe, expect, it } from 'vitest';
import { ApiError, IdeaforgeClient, JobSocket, MemoryTokenStore, type JobEvent } from '../src/index.js';
import { IDEA, NodeWebSocket, baseUrl, registeredClient, waitFor } from './helpers.js';

/** A client over `store` whose fetch counts refresh calls. */
function countingClient(store: MemoryTokenStore, onAuthLost?: (r: string) => void) {
  const counts = { refresh: 0, total: 0 };
  const client = new IdeaforgeClient({
    baseUrl: baseUrl(),
    tokenStore: store,
    onAuthLost,
    fetch: (input, init) => {
      counts.total++;
      if (String(input).includes('/api/auth/token/refresh/')) counts.refresh++;
      return fetch(input, init);
    },
  });
  return { client, counts };
}

describe('tokens against the real server', () => {
  it('refreshes once on a 401 and retries the call', async () => {
    const owner = await registeredClient('auth');
    const { refresh } = owner.tokens.get()!;
    const store = new MemoryTokenStore({ access: 'not-a-valid-token', refresh });
    const { client, counts } = countingClient(store);

    const me = await client.me();
    expect(me.email).toMatch(/@example\.com$/);
    expect(counts.refresh).toBe(1);
    const rotated = store.get()!;
    expect(rotated.access).not.toBe('not-a-valid-token');
    expect(rotated.refresh).not.toBe(refresh);
    // The new pair works without another refresh.
    await client.listJobs();
    expect(counts.refresh).toBe(1);
  });

  it('serialises concurrent refreshes: many 401s, one refresh, the login survives', async () => {
    const owner = await registeredClient('auth');
    const { refresh } = owner.tokens.get()!;
    const store = new MemoryTokenStore({ access: 'expired-or-forged', refresh });
    let lost = 0;
    const { client, counts } = countingClient(store, () => lost++);

    const results = await Promise.all([
      client.me(),
      client.listJobs(),
      client.listApps(),
      client.me(),
      client.listJobs(),
    ]);
    expect(results).toHaveLength(5);
    expect(counts.refresh).toBe(1);
    expect(lost).toBe(0);
    // Had two refreshes raced, the reuse would have revoked the family: check it did not.
    const job = await client.createJob({ prompt: IDEA });
    expect(job.status).toBe('collecting');
    await client.deleteJob(job.id);
  });

  it('a refused refresh clears the tokens and reports the lost login', async () => {
    const owner = await registeredClient('auth');
    const { refresh } = owner.tokens.get()!;
    // Rotate once: the original refresh token is now used.
    await owner.refresh();
    const store = new MemoryTokenStore({ access: 'bad', refresh });
    const reasons: string[] = [];
    const { client } = countingClient(store, (r) => reasons.push(r));
    const err = await client.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(store.get()).toBeNull();
    expect(reasons).toHaveLength(1);
    // Reuse revoked the whole family: the owner's rotated pair is dead too.
    const ownerErr = await owner.me().catch((e: unknown) => e);
    expect((ownerErr as ApiError).status).toBe(401);
  });

  it('maps error bodies: field errors and detail', async () => {
    const client = await registeredClient('auth');
    const fieldErr = (await client.createJob({ prompt: '' }).catch((e: unknown) => e)) as ApiError;
    expect(fieldErr).toBeInstanceOf(ApiError);
    expect(fieldErr.status).toBe(400);
    expect(fieldErr.fieldErrors.prompt?.length).toBeGreaterThan(0);
    const job = await client.createJob({ prompt: IDEA });
    const conflict = (await client.continueJob(job.id, 'More').catch((e: unknown) => e)) as ApiError;
    expect(conflict.status).toBe(409);
    expect(conflict.detail).toBeTruthy();
    const missing = (await client.getJob('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e)) as ApiError;
    expect(missing.status).toBe(404);
    expect(await client.getAppByJob(job.id)).toBeNull();
    await client.deleteJob(job.id);
  });

  it('a socket closed with 4001 refreshes the token and reconnects', async () => {
    const owner = await registeredClient('auth');
    const job = await owner.createJob({ prompt: IDEA });
    const { refresh } = owner.tokens.get()!;
    const store = new MemoryTokenStore({ access: 'bad', refresh });
    const { client, counts } = countingClient(store);
    const socket = new JobSocket({ client, jobId: job.id, after: 0, WebSocket: NodeWebSocket });
    const seen: JobEvent[] = [];
    socket.onEvent((e) => seen.push(e));
    socket.connect();
    try {
      await waitFor('the first event', () => seen.length > 0);
      expect(socket.state).toBe('open');
      expect(counts.refresh).toBe(1);
      expect(socket.connects).toBe(2);
      expect(seen[0].kind === 'chat' && seen[0].seq).toBe(1);
    } finally {
      socket.close();
    }
  });

  it('logout revokes the login: the socket stops with 4001 Token revoked', async () => {
    const client = await registeredClient('auth');
    const job = await client.createJob({ prompt: IDEA });
    const other = new IdeaforgeClient({ baseUrl: baseUrl(), tokenStore: new MemoryTokenStore(client.tokens.get()) });
    let lost = '';
    other.onAuthLost((r) => (lost = r));
    const socket = new JobSocket({ client: other, jobId: job.id, after: 0, WebSocket: NodeWebSocket });
    socket.connect();
    try {
      await waitFor('open', () => socket.state === 'open');
      await client.logout();
      expect(client.tokens.get()).toBeNull();
      await waitFor('the socket stop', () => socket.stopReason);
      expect(socket.stopReason).toMatchObject({ code: 4001, kind: 'auth' });
      expect(socket.state).toBe('closed');
      expect(lost).toMatch(/revoked/i);
      expect(other.tokens.get()).toBeNull();
    } finally {
      socket.close();
    }
  });
});
