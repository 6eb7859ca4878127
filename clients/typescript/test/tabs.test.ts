// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { IdeaforgeClient, LocalStorageTokenStore } from '../src/index.js';

// Two tabs share one localStorage login. jsdom fires no `storage` event for this page's own
// writes (nor do browsers), so "the other tab" is simulated by writing to localStorage directly
// and dispatching the event a browser would deliver.

const KEY = 'ideaforge.tokens';

function otherTabWrites(value: string | null) {
  const oldValue = localStorage.getItem(KEY);
  if (value === null) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, value);
  window.dispatchEvent(new StorageEvent('storage', { key: KEY, oldValue, newValue: value, storageArea: localStorage }));
}

afterEach(() => localStorage.clear());

describe('LocalStorageTokenStore across tabs', () => {
  it('tells token listeners about a sign-out and a refresh in another tab', () => {
    const client = new IdeaforgeClient({ baseUrl: 'http://h', tokenStore: new LocalStorageTokenStore() });
    client.tokens.set({ access: 'a1', refresh: 'r1' });
    const seen: boolean[] = [];
    const off = client.onTokensChanged(() => seen.push(client.isAuthenticated));

    otherTabWrites(JSON.stringify({ access: 'a2', refresh: 'r2' })); // refreshed there
    expect(client.tokens.get()).toEqual({ access: 'a2', refresh: 'r2' });
    otherTabWrites(null); // signed out there
    expect(seen).toEqual([true, false]);

    // Another key, or after unsubscribing: nothing.
    window.dispatchEvent(new StorageEvent('storage', { key: 'other', storageArea: localStorage }));
    off();
    otherTabWrites(JSON.stringify({ access: 'a3', refresh: 'r3' }));
    expect(seen).toEqual([true, false]);
  });

  it('a call that gets a 401 with no tokens left reports the lost login (once for concurrent calls)', async () => {
    const lost: string[] = [];
    let calls = 0;
    const client = new IdeaforgeClient({
      baseUrl: 'http://h',
      tokenStore: new LocalStorageTokenStore(),
      onAuthLost: (r) => lost.push(r),
      fetch: async () => {
        calls++;
        return new Response(JSON.stringify({ detail: 'Authentication credentials were not provided.' }), { status: 401 });
      },
    });
    client.tokens.set({ access: 'a1', refresh: 'r1' });
    otherTabWrites(null);
    await Promise.all([
      expect(client.listJobs()).rejects.toMatchObject({ status: 401 }),
      expect(client.listJobs()).rejects.toMatchObject({ status: 401 }),
    ]);
    expect(lost).toEqual(['Authentication credentials were not provided.']);
    expect(calls).toBe(2); // no refresh attempted
  });

  it('a 401 on a call whose tokens another tab removed meanwhile reports the lost login', async () => {
    const lost: string[] = [];
    const urls: string[] = [];
    const client = new IdeaforgeClient({
      baseUrl: 'http://h',
      tokenStore: new LocalStorageTokenStore(),
      onAuthLost: (r) => lost.push(r),
      fetch: async (input) => {
        urls.push(String(input));
        otherTabWrites(null); // signed out (its logout revoked the access token) while this call ran
        return new Response(JSON.stringify({ detail: 'Token revoked' }), { status: 401 });
      },
    });
    client.tokens.set({ access: 'a1', refresh: 'r1' });
    await expect(client.listJobs()).rejects.toMatchObject({ status: 401 });
    expect(lost).toHaveLength(1);
    expect(urls.some((u) => u.includes('/token/refresh/'))).toBe(false);
  });
});
