import { describe, expect, it } from 'vitest';
import { IdeaforgeClient, JobSession, MemoryTokenStore, type JobDetail, type DetailResponse } from '../src/index.js';

// Unit tests of JobSession with a client whose calls resolve when the test says so (no server).

const T = '2026-11-30T00:00:00Z';

function detail(over: Partial<JobDetail>): JobDetail {
  return {
    id: 'j',
    initial_prompt: 'idea',
    prompt: 'idea',
    requirements_summary: null,
    status: 'running',
    error_message: null,
    is_paused: false,
    token_budget: null,
    created_at: T,
    updated_at: T,
    steps: [],
    messages: [],
    usage: { llm_calls: 0, prompt_tokens: 0, completion_tokens: 0 },
    ...over,
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function controlledClient() {
  const client = new IdeaforgeClient({ baseUrl: 'http://h', tokenStore: new MemoryTokenStore({ access: 'a', refresh: 'r' }) });
  const pending: Array<ReturnType<typeof deferred<JobDetail>>> = [];
  client.getJob = () => {
    const d = deferred<JobDetail>();
    pending.push(d);
    return d.promise;
  };
  return { client, pending };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('JobSession detail reloads', () => {
  it('applies only the latest reload issued when responses come back out of order', async () => {
    const { client, pending } = controlledClient();
    const s = new JobSession(client, 'j');
    const first = s.reloadDetail();
    const second = s.reloadDetail();
    expect(pending).toHaveLength(2);
    // The newer snapshot (paused, failed) arrives first, the older one last.
    pending[1].resolve(detail({ status: 'failed', is_paused: true, error_message: 'boom' }));
    await second;
    pending[0].resolve(detail({ status: 'running', is_paused: false, error_message: null }));
    await first;
    expect(s.getState()).toMatchObject({ status: 'failed', is_paused: true, error_message: 'boom' });
  });

  it('drops a stale failure too, and still applies the latest answer', async () => {
    const { client, pending } = controlledClient();
    const s = new JobSession(client, 'j');
    const first = s.reloadDetail();
    const second = s.reloadDetail();
    pending[1].resolve(detail({ status: 'done' }));
    pending[0].reject(new Error('network'));
    await Promise.all([first, second]);
    expect(s.getState().status).toBe('done');
    expect(s.getState().error).toBeNull();
  });

  it('a reload from retry() newer than a pending one wins', async () => {
    const { client, pending } = controlledClient();
    client.retryJob = async () => ({ detail: 'ok' }) as DetailResponse;
    const s = new JobSession(client, 'j');
    const stale = s.reloadDetail();
    await s.retry();
    await flush();
    expect(pending).toHaveLength(2);
    pending[1].resolve(detail({ status: 'collecting', error_message: null }));
    await flush();
    pending[0].resolve(detail({ status: 'failed', error_message: 'old failure' }));
    await stale;
    expect(s.getState()).toMatchObject({ status: 'collecting', error_message: null });
  });
});
