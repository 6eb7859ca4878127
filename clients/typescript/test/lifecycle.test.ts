import { describe, expect, it } from 'vitest';
import { JobSocket, type AppEvent, type JobEvent, type StatusEvent } from '../src/index.js';
import { ANSWERS, IDEA, NodeWebSocket, isQuestion, range, registeredClient, seqsOf, waitFor } from './helpers.js';

describe('a job against the real server', () => {
  it('is interviewed over the socket and ends done with an app (version 1)', async () => {
    const client = await registeredClient('life');
    const me = await client.me();
    expect(me.email).toMatch(/@example\.com$/);

    const job = await client.createJob({ prompt: IDEA });
    expect(job.status).toBe('collecting');
    expect(job.is_paused).toBe(false);

    const socket = new JobSocket({ client, jobId: job.id, after: 0, WebSocket: NodeWebSocket });
    const seen: JobEvent[] = [];
    let answered = 0;
    socket.onEvent((e) => {
      seen.push(e);
      if (isQuestion(e) && answered < ANSWERS.length) {
        expect(socket.sendChat(ANSWERS[answered++])).toBe(true);
      }
    });
    socket.connect();
    try {
      await waitFor('the app event', () => seen.find((e): e is AppEvent => e.kind === 'app'));
      await waitFor('status done', () => seen.some((e) => e.kind === 'status' && e.status === 'done'));
    } finally {
      socket.close();
    }
    expect(answered).toBe(ANSWERS.length);
    const statuses = seen.filter((e): e is StatusEvent => e.kind === 'status').map((e) => e.status);
    expect(statuses).toEqual(['queued', 'running', 'done']);
    expect(seen.filter((e) => e.kind === 'step').length).toBeGreaterThan(0);
    const app = seen.find((e): e is AppEvent => e.kind === 'app')!;
    expect(app.version).toBe(1);
    expect(typeof app.spec.summary).toBe('string');
    expect(app.spec.prd).toBeTypeOf('object');

    const seqs = seqsOf(seen);
    expect(seqs).toEqual(range(1, seqs.length));
    // The socket's transcript is the stored log.
    const stored = await client.listAllEvents(job.id);
    expect(stored.map((e) => e.seq)).toEqual(seqs);

    const detail = await client.getJob(job.id);
    expect(detail.status).toBe('done');
    expect(detail.requirements_summary).toBeTruthy();
    expect(detail.steps.length).toBeGreaterThan(0);
    expect(detail.usage.llm_calls).toBeGreaterThan(0);
    const byJob = await client.getAppByJob(job.id);
    expect(byJob?.id).toBe(app.id);
    expect(await client.listAppVersions(app.id)).toHaveLength(1);
  });
});
