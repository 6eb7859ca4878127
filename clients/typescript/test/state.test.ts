import { describe, expect, it } from 'vitest';
import {
  acceptsChat,
  applyApp,
  applyDetail,
  applyEvent,
  applyEvents,
  initialJobState,
  type AppEvent,
  type ChatEvent,
  type JobDetail,
  type JobEvent,
  type MessageDeletedEvent,
  type StatusEvent,
  type StepEvent,
} from '../src/index.js';

const JOB = 'job-1';
const T = '2026-11-30T00:00:00Z';

const chat = (seq: number, id: string, content: string, role: 'user' | 'agent' = 'agent'): ChatEvent => ({
  kind: 'chat', seq, jobId: JOB, id, role, sender: role === 'agent' ? 'Client Relations' : 'me', content, metadata: {}, timestamp: T,
});
const status = (seq: number, s: StatusEvent['status'], message = `now ${s}`): StatusEvent => ({
  kind: 'status', seq, jobId: JOB, status: s, message, timestamp: T,
});
const step = (seq: number, id: string, order: number, agent = 'CEO'): StepEvent => ({
  kind: 'step', seq, jobId: JOB, id, agent, message: `turn ${order}`, order, timestamp: T,
});
const app = (seq: number, version: number): AppEvent => ({
  kind: 'app', seq, jobId: JOB, id: 'app-1', status: 'done', spec: { summary: `# PRD v${version}` }, version, timestamp: T,
});
const tomb = (seq: number, id: string): MessageDeletedEvent => ({ kind: 'message_deleted', seq, jobId: JOB, id, timestamp: T });

const lifecycle: JobEvent[] = [
  chat(1, 'm1', 'idea', 'user'),
  chat(2, 'm2', 'question?'),
  status(3, 'queued'),
  status(4, 'running'),
  step(5, 's1', 1),
  step(6, 's2', 2, 'CTO'),
  app(7, 1),
  status(8, 'done'),
];

describe('applyEvent', () => {
  it('folds a lifecycle into messages, steps, timeline, app and lastSeq', () => {
    const s = applyEvents(initialJobState(JOB), lifecycle);
    expect(s.lastSeq).toBe(8);
    expect(s.status).toBe('done');
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(s.messages[0]).toMatchObject({ job_id: JOB, role: 'user', content: 'idea', created_at: T });
    expect(s.steps.map((x) => [x.id, x.agent_name, x.order])).toEqual([['s1', 'CEO', 1], ['s2', 'CTO', 2]]);
    expect(s.timeline.map((t) => `${t.kind}:${t.seq}`)).toEqual(['status:3', 'status:4', 'step:5', 'step:6', 'status:8']);
    expect(s.app).toMatchObject({ id: 'app-1', version: 1 });
    expect(s.versions.map((v) => v.version)).toEqual([1]);
    expect(acceptsChat(s)).toBe(false);
  });

  it('is idempotent: the same events again (a replay) change nothing', () => {
    const once = applyEvents(initialJobState(JOB), lifecycle);
    const twice = applyEvents(once, lifecycle);
    expect(twice).toBe(once);
    for (const e of lifecycle) expect(applyEvent(once, e)).toBe(once);
  });

  it('ignores an event at or below lastSeq, applies the next one', () => {
    const s = applyEvents(initialJobState(JOB), lifecycle.slice(0, 3));
    expect(applyEvent(s, chat(2, 'm2', 'changed?'))).toBe(s);
    const next = applyEvent(s, status(4, 'running'));
    expect(next.status).toBe('running');
    expect(next.lastSeq).toBe(4);
  });

  it('chat replaces a message with the same id (REST snapshot then event)', () => {
    let s = initialJobState(JOB);
    s = applyDetail(s, detail({ messages: [{ id: 'm1', job_id: JOB, role: 'user', sender: 'me', content: 'idea', metadata: {}, created_at: T }] }));
    s = applyEvent(s, chat(1, 'm1', 'idea', 'user'));
    s = applyEvent(s, chat(2, 'm2', 'question?'));
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('a tombstone removes the message, and a stale snapshot does not bring it back', () => {
    let s = applyEvents(initialJobState(JOB), [chat(1, 'm1', 'idea', 'user'), chat(2, 'm2', 'secret')]);
    s = applyEvent(s, tomb(3, 'm2'));
    expect(s.messages.map((m) => m.id)).toEqual(['m1']);
    s = applyDetail(s, detail({
      messages: [
        { id: 'm1', job_id: JOB, role: 'user', sender: 'me', content: 'idea', metadata: {}, created_at: T },
        { id: 'm2', job_id: JOB, role: 'agent', sender: 'CR', content: 'secret', metadata: {}, created_at: T },
      ],
    }));
    expect(s.messages.map((m) => m.id)).toEqual(['m1']);
    // A replayed log holds the tombstone at the chat's seq: the message never shows.
    const replay = applyEvents(initialJobState(JOB), [chat(1, 'm1', 'idea', 'user'), tomb(2, 'm2'), chat(3, 'm3', 'q')]);
    expect(replay.messages.map((m) => m.id)).toEqual(['m1', 'm3']);
    expect(replay.lastSeq).toBe(3);
  });

  it('keeps the timeline in seq order and steps in order whatever the arrival', () => {
    // Gaps are allowed (a resumed socket after a REST load): later events still apply in order.
    const s = applyEvents(initialJobState(JOB), [step(5, 's2', 2), step(7, 's3', 3)]);
    expect(s.timeline.map((t) => t.seq)).toEqual([5, 7]);
    const steps = applyEvents(initialJobState(JOB), [step(1, 'b', 2), step(2, 'a', 1)]).steps;
    expect(steps.map((x) => x.order)).toEqual([1, 2]);
  });

  it('takes is_paused from the status event\'s flag, whatever the words say', () => {
    let s = applyEvents(initialJobState(JOB), [{ ...status(1, 'running', 'Resumed. But flagged.'), paused: true }]);
    expect(s.is_paused).toBe(true);
    s = applyEvent(s, { ...status(2, 'running', 'Paused. But flagged otherwise.'), paused: false });
    expect(s.is_paused).toBe(false);
  });

  it('sets is_paused from pause and resume status messages of events stored without the flag', () => {
    let s = applyEvents(initialJobState(JOB), [status(1, 'collecting', 'x')]);
    s = applyEvent(s, status(2, 'running', 'Paused. The turn in progress finishes, then the job waits until you resume it.'));
    expect(s.is_paused).toBe(true);
    expect(s.status).toBe('running');
    s = applyEvent(s, status(3, 'running', 'Resumed. The job carries on where it stopped.'));
    expect(s.is_paused).toBe(false);
    s = applyEvent(s, status(4, 'running', 'Paused: this job has used 10 of its 5 tokens. Raise its token_budget (PATCH /api/jobs/<id>/) and resume it to continue.'));
    expect(s.is_paused).toBe(true);
    s = applyEvent(s, status(5, 'failed', 'The model failed.'));
    expect(s.is_paused).toBe(false);
    expect(acceptsChat(s)).toBe(false);
    expect(acceptsChat(applyEvent(s, status(6, 'collecting', 'Retrying: the job carries on from where it failed.')))).toBe(true);
  });

  it('app events set the latest app and keep every version; an old replay does not downgrade', () => {
    let s = applyEvents(initialJobState(JOB), [app(1, 1), status(2, 'done'), status(3, 'queued'), app(4, 2)]);
    expect(s.app?.version).toBe(2);
    expect(s.versions.map((v) => v.version)).toEqual([1, 2]);
    s = applyApp(s, { id: 'app-1', job_id: JOB, spec: {}, version: 1, created_at: T, updated_at: T }, [
      { version: 1, spec: {}, change_request: null, created_at: T },
      { version: 2, spec: {}, change_request: 'Add dark mode', created_at: T },
    ]);
    expect(s.app?.version).toBe(2);
    expect(s.versions[1].change_request).toBe('Add dark mode');
  });

  it('error events set error only', () => {
    const s = applyEvents(initialJobState(JOB), lifecycle.slice(0, 2));
    const e = applyEvent(s, { kind: 'error', message: 'Content must not be empty.' });
    expect(e.error).toBe('Content must not be empty.');
    expect(e.lastSeq).toBe(2);
    expect(e.messages).toBe(s.messages);
  });
});

function detail(over: Partial<JobDetail>): JobDetail {
  return {
    id: JOB, initial_prompt: 'idea', prompt: 'idea', requirements_summary: null, status: 'collecting',
    error_message: null, is_paused: false, token_budget: 1000, created_at: T, updated_at: T,
    steps: [], messages: [], usage: { llm_calls: 0, prompt_tokens: 0, completion_tokens: 0 }, ...over,
  };
}
