// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor as rtlWaitFor } from '@testing-library/react';
import { createElement, useEffect, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { IdeaforgeProvider, useJob, useJobs } from '../src/react.js';
import type { IdeaforgeClient } from '../src/index.js';
import { ANSWERS, IDEA, NodeWebSocket, registeredClient } from './helpers.js';

afterEach(() => cleanup());

const sessionOptions = { WebSocket: NodeWebSocket };

/** Answers every interview question it sees, like a user would, through the hook. */
function Interview({ jobId }: { jobId: string }) {
  const { state, sendChat, canChat } = useJob(jobId);
  const answered = useRef(0);
  const lastAnswered = useRef<string | null>(null);
  useEffect(() => {
    const last = state.messages.at(-1);
    if (
      state.connection === 'open' &&
      last &&
      last.role === 'agent' &&
      !last.content.includes('REQUIREMENTS_SUMMARY') &&
      last.id !== lastAnswered.current &&
      answered.current < ANSWERS.length
    ) {
      lastAnswered.current = last.id;
      void sendChat(ANSWERS[answered.current++]);
    }
  }, [state.messages, state.connection, sendChat]);
  return createElement(
    'div',
    {
      'data-testid': 'job',
      'data-status': state.status ?? '',
      'data-connection': state.connection,
      'data-can-chat': String(canChat),
      'data-version': String(state.app?.version ?? 0),
      'data-last-seq': String(state.lastSeq),
    },
    `${state.messages.length} messages, ${state.steps.length} steps, ${state.timeline.length} timeline`,
  );
}

function JobList() {
  const { jobs, loading } = useJobs();
  return createElement('ul', { 'data-testid': 'jobs', 'data-loading': String(loading) },
    jobs.map((j) => createElement('li', { key: j.id, 'data-status': j.status }, j.prompt)));
}

function renderWith(client: IdeaforgeClient, child: ReturnType<typeof createElement>) {
  return render(createElement(IdeaforgeProvider, { client, sessionOptions }, child));
}

describe('React hooks against the real server', () => {
  it('useJob follows an interview to done, then a change request to version 2', async () => {
    const client = await registeredClient('hook');
    const job = await client.createJob({ prompt: IDEA });
    renderWith(client, createElement(Interview, { jobId: job.id }));
    const el = () => screen.getByTestId('job');

    await rtlWaitFor(() => expect(el().dataset.status).toBe('done'), { timeout: 30_000 });
    await rtlWaitFor(() => expect(el().dataset.version).toBe('1'), { timeout: 10_000 });
    expect(el().dataset.canChat).toBe('false');
    expect(el().dataset.connection).toBe('open');

    // The change request through the REST client; the hook sees it stream in.
    await act(async () => {
      await client.continueJob(job.id, 'Add a dark mode and Android');
    });
    await rtlWaitFor(() => expect(el().dataset.version).toBe('2'), { timeout: 30_000 });
    await rtlWaitFor(() => expect(el().dataset.status).toBe('done'), { timeout: 10_000 });
    const versions = await client.listAppVersions((await client.getAppByJob(job.id))!.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1].change_request).toBe('Add a dark mode and Android');
    const stored = await client.listAllEvents(job.id);
    expect(el().dataset.lastSeq).toBe(String(stored.at(-1)!.seq));
  });

  it('useJobs lists the user jobs', async () => {
    const client = await registeredClient('hook');
    await client.createJob({ prompt: 'First idea' });
    await client.createJob({ prompt: 'Second idea' });
    renderWith(client, createElement(JobList));
    await rtlWaitFor(() => expect(screen.getByTestId('jobs').dataset.loading).toBe('false'));
    const items = screen.getByTestId('jobs').querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual(['Second idea', 'First idea']);
  });
});
