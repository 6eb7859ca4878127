/**
 * The types of src/types.ts field for field against what the real server sends: each key list
 * below is checked against its type at compile time (exactly the type's keys) and against a real
 * response at run time.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type {
  App,
  AppEvent,
  AppVersion,
  AuthResponse,
  ChatEvent,
  Job,
  JobDetail,
  Message,
  PauseResult,
  StatusEvent,
  Step,
  StepEvent,
  User,
  Usage,
} from '../src/index.js';
import { ANSWERS, IDEA, isQuestion, registeredClient, waitFor } from './helpers.js';

/** The sorted keys of T, given as an object literal with exactly T's keys (compile-time check). */
function keysOf<T>() {
  return <K extends Record<keyof T, true>>(k: K & Record<Exclude<keyof K, keyof T>, never>): string[] =>
    Object.keys(k).sort();
}

const USER = keysOf<User>()({ id: true, email: true, username: true, name: true, date_joined: true });
const AUTH = keysOf<AuthResponse>()({ access: true, refresh: true, user: true });
const JOB = keysOf<Job>()({
  id: true, initial_prompt: true, prompt: true, requirements_summary: true, status: true, error_message: true,
  is_paused: true, token_budget: true, created_at: true, updated_at: true,
});
const DETAIL = keysOf<JobDetail>()({
  id: true, initial_prompt: true, prompt: true, requirements_summary: true, status: true, error_message: true,
  is_paused: true, token_budget: true, created_at: true, updated_at: true, steps: true, messages: true, usage: true,
});
const USAGE = keysOf<Usage>()({ llm_calls: true, prompt_tokens: true, completion_tokens: true });
const STEP = keysOf<Step>()({ id: true, agent_name: true, message: true, order: true, metadata: true, created_at: true });
const MESSAGE = keysOf<Message>()({
  id: true, job_id: true, role: true, sender: true, content: true, metadata: true, created_at: true,
});
const APP = keysOf<App>()({ id: true, job_id: true, spec: true, version: true, created_at: true, updated_at: true });
const VERSION = keysOf<AppVersion>()({ version: true, spec: true, change_request: true, created_at: true });
const PAUSE = keysOf<PauseResult>()({ detail: true, is_paused: true, status: true });
const CHAT_EVENT = keysOf<ChatEvent>()({
  kind: true, seq: true, jobId: true, id: true, role: true, sender: true, content: true, metadata: true, timestamp: true,
});
const STATUS_EVENT = keysOf<StatusEvent>()({
  kind: true, seq: true, jobId: true, status: true, message: true, paused: true, timestamp: true,
});
const STEP_EVENT = keysOf<StepEvent>()({
  kind: true, seq: true, jobId: true, id: true, agent: true, message: true, order: true, timestamp: true,
});
const APP_EVENT = keysOf<AppEvent>()({
  kind: true, seq: true, jobId: true, id: true, status: true, spec: true, version: true, timestamp: true,
});

const sorted = (o: object) => Object.keys(o).sort();

describe('types match the real server', () => {
  it('REST bodies and events have exactly the typed fields', async () => {
    const client = await registeredClient('shape');
    const auth = await client.login({ email: (await client.me()).email, password: 'correct-horse-9' });
    expect(sorted(auth)).toEqual(AUTH);
    expect(sorted(auth.user)).toEqual(USER);
    expect(sorted(await client.me())).toEqual(USER);

    const job = await client.createJob({ prompt: IDEA });
    expect(sorted(job)).toEqual(DETAIL);
    expect(sorted(await client.updateJob(job.id, { token_budget: 500000 }))).toEqual(DETAIL);
    expect(sorted((await client.listJobs())[0])).toEqual(JOB);
    const pause = await client.pauseJob(job.id);
    expect(sorted(pause)).toEqual(PAUSE);
    expect(sorted(await client.resumeJob(job.id))).toEqual(PAUSE);

    // Answer the interview over a raw socket (no client code in between).
    const ws = new WebSocket(client.socketUrl(job.id, 0), client.socketProtocols());
    let answered = 0;
    ws.on('message', (data) => {
      const e = JSON.parse(String(data));
      if (isQuestion(e) && answered < ANSWERS.length) ws.send(JSON.stringify({ kind: 'chat', content: ANSWERS[answered++] }));
    });
    await waitFor('done', async () => (await client.getJob(job.id)).status === 'done');
    ws.close();

    const detail = await client.getJob(job.id);
    expect(sorted(detail)).toEqual(DETAIL);
    expect(sorted(detail.usage)).toEqual(USAGE);
    expect(sorted(detail.steps[0])).toEqual(STEP);
    expect(sorted(detail.messages[0])).toEqual(MESSAGE);
    expect(sorted((await client.listMessages(job.id))[0])).toEqual(MESSAGE);
    expect(sorted(await client.getMessage(detail.messages[0].id))).toEqual(MESSAGE);

    const app = (await client.getAppByJob(job.id))!;
    expect(sorted(app)).toEqual(APP);
    expect(sorted((await client.listApps())[0])).toEqual(APP);
    expect(sorted(await client.getApp(app.id))).toEqual(APP);
    expect(sorted((await client.listAppVersions(app.id))[0])).toEqual(VERSION);
    expect(Object.keys(app.spec)).toEqual(expect.arrayContaining(['requirements', 'discussion', 'summary', 'prd']));

    const events = await client.listAllEvents(job.id);
    const byKind = (k: string) => events.find((e) => e.kind === k)!;
    expect(sorted(byKind('chat'))).toEqual(CHAT_EVENT);
    expect(sorted(byKind('status'))).toEqual(STATUS_EVENT);
    expect(sorted(byKind('step'))).toEqual(STEP_EVENT);
    expect(sorted(byKind('app'))).toEqual(APP_EVENT);
    const paused = events.find((e) => e.kind === 'status' && e.message.startsWith('Paused'));
    const resumed = events.find((e) => e.kind === 'status' && e.message.startsWith('Resumed'));
    expect(paused && resumed).toBeTruthy();
  });
});
