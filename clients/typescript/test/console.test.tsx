// @vitest-environment jsdom
/**
 * The web console in jsdom against the real server, through its data-testid hooks: sign up,
 * create a job, answer the interview in the chat, see the PRD, request a change (version 2), pick
 * a version, go back to the list, sign out.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../console/App.js';
import { IdeaforgeClient, MemoryTokenStore } from '../src/index.js';
import { IdeaforgeProvider } from '../src/react.js';
import { ANSWERS, IDEA, NodeWebSocket, PASSWORD, baseUrl } from './helpers.js';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const byTest = (id: string) => screen.getByTestId(id);
const all = (id: string) => screen.queryAllByTestId(id);
const T = { timeout: 30_000 };

describe('web console (jsdom) against the real server', () => {
  it('signs up, runs a job to a PRD, requests a change and signs out', async () => {
    const client = new IdeaforgeClient({ baseUrl: baseUrl(), tokenStore: new MemoryTokenStore() });
    render(
      createElement(IdeaforgeProvider, { client, sessionOptions: { WebSocket: NodeWebSocket } }, createElement(App)),
    );

    // Sign up (the screen opens on sign in).
    fireEvent.click(byTest('auth-toggle'));
    fireEvent.change(byTest('auth-email'), { target: { value: `console${randomUUID().slice(0, 8)}@example.com` } });
    fireEvent.change(byTest('auth-password'), { target: { value: PASSWORD } });
    fireEvent.click(byTest('auth-submit'));
    await waitFor(() => byTest('job-list'), T);

    // Create a job: the view opens on #/jobs/<id>.
    fireEvent.change(byTest('new-job-prompt'), { target: { value: IDEA } });
    fireEvent.click(byTest('new-job-submit'));
    await waitFor(() => expect(byTest('job-view')).toBeTruthy(), T);
    const jobId = /#\/jobs\/(.+)$/.exec(window.location.hash)![1];
    expect(jobId).toMatch(/[0-9a-f-]{36}/);
    await waitFor(() => expect(byTest('connection-state').dataset.state).toBe('open'), T);
    expect(byTest('job-view').dataset.status).toBe('collecting');
    expect(byTest('job-view').dataset.paused).toBe('false');

    // Answer each question as it appears.
    for (let i = 0; i < ANSWERS.length; i++) {
      await waitFor(() => {
        const agent = all('chat-message').filter((m) => m.dataset.role === 'agent');
        expect(agent.length).toBe(i + 1);
      }, T);
      expect((byTest('chat-send') as HTMLButtonElement).disabled).toBe(false);
      fireEvent.change(byTest('chat-input'), { target: { value: ANSWERS[i] } });
      fireEvent.click(byTest('chat-send'));
    }

    await waitFor(() => expect(byTest('job-view').dataset.status).toBe('done'), T);
    await waitFor(() => expect(byTest('prd').dataset.version).toBe('1'), T);
    expect(byTest('prd').textContent!.length).toBeGreaterThan(50);
    expect((byTest('chat-send') as HTMLButtonElement).disabled).toBe(true);
    const kinds = all('timeline-item').map((t) => t.dataset.kind);
    expect(kinds).toContain('status');
    expect(kinds).toContain('step');
    const users = all('chat-message').filter((m) => m.dataset.role === 'user');
    expect(users.length).toBe(ANSWERS.length + 1);
    expect(users.every((m) => m.dataset.sender)).toBe(true);
    expect(all('download-md')).toHaveLength(1);
    expect(all('download-json')).toHaveLength(1);

    // A change request: version 2 streams in and is shown; version 1 stays pickable.
    fireEvent.change(byTest('change-request-input'), { target: { value: 'Add a dark mode' } });
    fireEvent.click(byTest('change-request-submit'));
    await waitFor(() => expect(byTest('prd').dataset.version).toBe('2'), T);
    await waitFor(() => expect(byTest('job-view').dataset.status).toBe('done'), T);
    const options = [...(byTest('prd-version') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['1', '2']);
    fireEvent.change(byTest('prd-version'), { target: { value: '1' } });
    expect(byTest('prd').dataset.version).toBe('1');

    // Back to the list, then sign out.
    await act(async () => {
      window.location.hash = '#/';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => {
      const item = all('job-item').find((j) => j.dataset.jobId === jobId);
      expect(item?.dataset.status).toBe('done');
    }, T);
    fireEvent.click(byTest('sign-out'));
    await waitFor(() => byTest('auth-submit'), T);
    expect(client.tokens.get()).toBeNull();
  });

  it('shows a sign-in error', async () => {
    const client = new IdeaforgeClient({ baseUrl: baseUrl(), tokenStore: new MemoryTokenStore() });
    render(createElement(IdeaforgeProvider, { client }, createElement(App)));
    fireEvent.change(byTest('auth-email'), { target: { value: `nobody${randomUUID().slice(0, 8)}@example.com` } });
    fireEvent.change(byTest('auth-password'), { target: { value: 'wrong-password-1' } });
    fireEvent.click(byTest('auth-submit'));
    await waitFor(() => expect(byTest('auth-error').textContent).toBeTruthy(), T);
  });
});
