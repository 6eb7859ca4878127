import { describe, expect, it } from 'vitest';
import { ApiError, IdeaforgeClient, MemoryTokenStore } from '../src/index.js';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fake server: access tokens `a<n>` are valid for the current n; refresh `r<n>` rotates to n+1. */
function fakeServer(opts: { refreshDelayMs?: number } = {}) {
  let gen = 1;
  const used = new Set<string>();
  const calls: string[] = [];
  let revoked = false;
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url.endsWith('/api/auth/token/refresh/')) {
      const { refresh } = JSON.parse(String(init!.body)) as { refresh: string };
      await new Promise((r) => setTimeout(r, opts.refreshDelayMs ?? 10));
      if (used.has(refresh) || revoked) {
        revoked = true; // reuse revokes the family
        return json(401, { detail: 'Token is blacklisted' });
      }
      if (refresh !== `r${gen}`) return json(401, { detail: 'Token is invalid or expired' });
      used.add(refresh);
      gen++;
      return json(200, { access: `a${gen}`, refresh: `r${gen}` });
    }
    const auth = new Headers(init?.headers).get('Authorization');
    if (revoked || auth !== `Bearer a${gen}`) {
      return json(401, { detail: 'Given token not valid for any token type' });
    }
    if (url.endsWith('/api/jobs/')) return json(200, []);
    if (url.includes('/api/apps/by-job/')) return new Response(null, { status: 204 });
    if (url.endsWith('/limited/')) return json(429, { detail: 'Too many requests.' }, { 'Retry-After': '42' });
    if (url.endsWith('/fields/')) return json(400, { prompt: ['This field is required.'], token_budget: ['Too big.'] });
    return json(404, { detail: 'Not found.' });
  };
  return { fetchImpl, calls, get gen() { return gen; }, get revoked() { return revoked; } };
}

describe('IdeaforgeClient refresh', () => {
  it('serialises concurrent 401s into one refresh and retries each call once', async () => {
    const server = fakeServer({ refreshDelayMs: 30 });
    const store = new MemoryTokenStore({ access: 'stale', refresh: 'r1' });
    const client = new IdeaforgeClient({ baseUrl: 'http://x', tokenStore: store, fetch: server.fetchImpl });
    const results = await Promise.all(Array.from({ length: 8 }, () => client.listJobs()));
    expect(results).toHaveLength(8);
    expect(server.calls.filter((c) => c.includes('/token/refresh/'))).toHaveLength(1);
    expect(server.revoked).toBe(false);
    expect(store.get()).toEqual({ access: 'a2', refresh: 'r2' });
  });

  it('a 401 that arrives after another call refreshed reuses the new pair', async () => {
    const server = fakeServer();
    const store = new MemoryTokenStore({ access: 'stale', refresh: 'r1' });
    const client = new IdeaforgeClient({ baseUrl: 'http://x', tokenStore: store, fetch: server.fetchImpl });
    await client.listJobs();
    // A late refresh for the old access token must not rotate again (it would present r2 twice in
    // a race, or waste a rotation).
    const pair = await client.refresh('stale');
    expect(pair).toEqual({ access: 'a2', refresh: 'r2' });
    expect(server.calls.filter((c) => c.includes('/token/refresh/'))).toHaveLength(1);
  });

  it('a failed refresh clears the tokens, reports auth lost once, and throws 401', async () => {
    const server = fakeServer();
    const store = new MemoryTokenStore({ access: 'stale', refresh: 'wrong' });
    const lost: string[] = [];
    const client = new IdeaforgeClient({ baseUrl: 'http://x', tokenStore: store, fetch: server.fetchImpl, onAuthLost: (r) => lost.push(r) });
    const errs = await Promise.all([client.listJobs(), client.listJobs()].map((p) => p.catch((e: unknown) => e)));
    for (const e of errs) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).status).toBe(401);
    }
    expect(store.get()).toBeNull();
    expect(lost).toHaveLength(1);
  });

  it('does not refresh anonymous calls or calls without a token', async () => {
    const server = fakeServer();
    const client = new IdeaforgeClient({ baseUrl: 'http://x', fetch: server.fetchImpl });
    await expect(client.listJobs()).rejects.toMatchObject({ status: 401 });
    expect(server.calls.some((c) => c.includes('/token/refresh/'))).toBe(false);
  });
});

describe('IdeaforgeClient errors and URLs', () => {
  const server = fakeServer();
  const client = new IdeaforgeClient({ baseUrl: 'https://api.example.com/', tokenStore: new MemoryTokenStore({ access: 'a1', refresh: 'r1' }), fetch: server.fetchImpl });

  it('maps detail, field errors and Retry-After', async () => {
    const limited = (await client.request('GET', '/limited/').catch((e: unknown) => e)) as ApiError;
    expect(limited).toMatchObject({ status: 429, detail: 'Too many requests.', retryAfter: 42 });
    const fields = (await client.request('POST', '/fields/', {}).catch((e: unknown) => e)) as ApiError;
    expect(fields.status).toBe(400);
    expect(fields.fieldErrors).toEqual({ prompt: ['This field is required.'], token_budget: ['Too big.'] });
    expect(fields.detail).toContain('prompt');
  });

  it('204 from by-job is null', async () => {
    expect(await client.getAppByJob('j')).toBeNull();
  });

  it('builds socket URLs with after, and offers the access token as a subprotocol, never in the URL', () => {
    expect(client.socketUrl('j1', 7)).toBe('wss://api.example.com/ws/jobs/j1/?after=7');
    expect(client.socketProtocols()).toEqual(['ideaforge.v1', 'ideaforge.bearer.a1']);
    const plain = new IdeaforgeClient({ baseUrl: 'http://127.0.0.1:8000', tokenStore: new MemoryTokenStore({ access: 't', refresh: 'r' }) });
    expect(plain.socketUrl('j2')).toBe('ws://127.0.0.1:8000/ws/jobs/j2/');
    expect(new IdeaforgeClient({ baseUrl: 'http://x' }).socketProtocols()).toEqual(['ideaforge.v1']);
  });
});
