// @vitest-environment jsdom
/**
 * The console's chat form with a fake server (no Java system): Enter while a send is in flight
 * posts nothing more, and a failed send keeps the typed text and shows the error.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobView } from '../console/JobView.js';
import { IdeaforgeClient, MemoryTokenStore, type WebSocketLike } from '../src/index.js';
import { IdeaforgeProvider } from '../src/react.js';
import { FakeWS } from './fake-ws.js';

/** A socket that never opens, so chats go over REST (POST /api/job-messages/). */
class SilentWS implements WebSocketLike {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  send() {}
  close() {
    this.readyState = 3;
  }
}


const T = '2026-11-30T00:00:00Z';
const DETAIL = {
  id: 'j1', initial_prompt: 'idea', prompt: 'idea', requirements_summary: null, status: 'collecting',
  error_message: null, is_paused: false, token_budget: null, created_at: T, updated_at: T,
  steps: [], messages: [], usage: { llm_calls: 0, prompt_tokens: 0, completion_tokens: 0 },
};

function fakeServer() {
  const posts: Array<{ body: string; answer: (res: Response) => void }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
    if (init?.method === 'POST' && url.endsWith('/api/job-messages/')) {
      return new Promise<Response>((answer) => posts.push({ body: String(init.body), answer }));
    }
    if (url.includes('/events/')) return json([]);
    if (url.includes('/api/apps/by-job/')) return new Response(null, { status: 204 });
    if (url.endsWith('/api/jobs/j1/')) return json(DETAIL);
    return json({ detail: 'Not found.' }, 404);
  };
  return { fetchImpl, posts };
}

afterEach(() => cleanup());

function renderJob(WebSocket: typeof SilentWS | typeof FakeWS = SilentWS) {
  const server = fakeServer();
  const client = new IdeaforgeClient({ baseUrl: 'http://h', tokenStore: new MemoryTokenStore({ access: 'a', refresh: 'r' }), fetch: server.fetchImpl });
  const sessionOptions = { WebSocket };
  render(createElement(IdeaforgeProvider, { client, sessionOptions }, createElement(JobView, { jobId: 'j1' })));
  return server;
}

const input = () => screen.getByTestId('chat-input') as HTMLTextAreaElement;
const enter = () => fireEvent.keyDown(input(), { key: 'Enter' });

describe('console chat form', () => {
  it('Enter while sending posts once; the text clears only once the send succeeded', async () => {
    const server = renderJob();
    await waitFor(() => expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.change(input(), { target: { value: 'Web and iOS' } });
    enter();
    enter();
    enter();
    await waitFor(() => expect(server.posts).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(server.posts).toHaveLength(1);
    expect(input().value).toBe('Web and iOS'); // not cleared before the answer
    await act(async () => {
      server.posts[0].answer(new Response(JSON.stringify({ id: 'm1', job_id: 'j1', role: 'user', sender: 'me', content: 'Web and iOS', metadata: {}, created_at: T }), { status: 201 }));
    });
    await waitFor(() => expect(input().value).toBe(''));
  });

  it('a failed send keeps the text and shows the error in the banner', async () => {
    const server = renderJob();
    await waitFor(() => expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.change(input(), { target: { value: 'Only the web' } });
    enter();
    await waitFor(() => expect(server.posts).toHaveLength(1));
    await act(async () => {
      server.posts[0].answer(new Response(JSON.stringify({ detail: 'Too many requests.' }), { status: 429 }));
    });
    await waitFor(() => expect(screen.getByTestId('error-banner').textContent).toContain('Too many requests.'));
    expect(input().value).toBe('Only the web');
    expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(false);
  });

  it('over the socket: an error frame keeps the text and shows the server message; the echo clears it', async () => {
    FakeWS.all = [];
    const server = renderJob(FakeWS);
    await waitFor(() => expect(FakeWS.last).toBeDefined());
    const ws = FakeWS.last!;
    act(() => ws.open());
    await waitFor(() => expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.change(input(), { target: { value: 'Only the web' } });
    enter();
    await waitFor(() => expect(ws.sent).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(input().value).toBe('Only the web'); // sent, but not yet confirmed
    act(() => ws.frame({ kind: 'error', message: 'Too many messages: at most 5 per second.' }));
    await waitFor(() => expect(screen.getByTestId('error-banner').textContent).toContain('Too many messages'));
    await waitFor(() => expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(false));
    expect(input().value).toBe('Only the web');

    enter();
    await waitFor(() => expect(ws.sent).toHaveLength(2));
    act(() =>
      ws.frame({ kind: 'chat', seq: 1, jobId: 'j1', id: 'm1', role: 'user', sender: 'me', content: 'Only the web', metadata: {}, timestamp: T }),
    );
    await waitFor(() => expect(input().value).toBe(''));
    expect(screen.getAllByTestId('chat-message').map((m) => m.textContent)).toEqual([expect.stringContaining('Only the web')]);
    expect(server.posts).toHaveLength(0);
  });
});
