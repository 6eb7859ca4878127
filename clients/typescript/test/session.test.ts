import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ChatNotSentError, JobSession } from '../src/index.js';
import { IDEA, NodeWebSocket, registeredClient, waitFor } from './helpers.js';

let session: JobSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

describe('JobSession against the real server', () => {
  it('loads history, pauses and resumes (is_paused from events and detail), chats over the socket', async () => {
    const client = await registeredClient('sess');
    const job = await client.createJob({ prompt: IDEA });
    await waitFor('the first question', async () =>
      (await client.listEvents(job.id)).some((e) => e.kind === 'chat' && e.role === 'agent'),
    );

    const s = new JobSession(client, job.id, { WebSocket: NodeWebSocket });
    session = s;
    const connections: string[] = [];
    s.subscribe(() => {
      const c = s.getState().connection;
      if (connections.at(-1) !== c) connections.push(c);
    });
    await s.start();
    const loaded = s.getState();
    expect(loaded.loaded).toBe(true);
    expect(loaded.status).toBe('collecting');
    expect(loaded.messages.map((m) => m.role)).toEqual(['user', 'agent']);
    expect(loaded.lastSeq).toBe(2);
    await waitFor('open', () => s.getState().connection === 'open');
    expect(connections).toEqual(['connecting', 'open']);
    expect(s.canChat).toBe(true);

    const paused = await s.pause();
    expect(paused).toMatchObject({ is_paused: true, status: 'collecting' });
    await waitFor('the pause status event', () =>
      s.getState().timeline.some((t) => t.kind === 'status' && t.message.startsWith('Paused')),
    );
    expect(s.getState().is_paused).toBe(true);
    await expect(s.pause()).rejects.toBeInstanceOf(ApiError);
    expect(s.getState().error).toBeTruthy();

    await s.resume();
    await waitFor('the resume status event', () =>
      s.getState().timeline.some((t) => t.kind === 'status' && t.message.startsWith('Resumed')),
    );
    await waitFor('detail re-read', () => s.getState().is_paused === false);
    expect(s.getState().error).toBeNull();

    await s.sendChat('Remote teams forget their daily check-ins');
    await waitFor('the next question', () => s.getState().messages.filter((m) => m.role === 'agent').length >= 2);
    const seqs = s.getState().lastSeq;
    expect(seqs).toBe((await client.listAllEvents(job.id)).at(-1)!.seq);
  });

  it('deleting a message over REST: a fresh session does not show it (tombstone on replay)', async () => {
    const client = await registeredClient('sess');
    const job = await client.createJob({ prompt: IDEA });
    const extra = await client.createMessage({ job_id: job.id, role: 'user', content: 'A note to delete' });
    await client.deleteMessage(extra.id);
    const events = await client.listAllEvents(job.id);
    expect(events.some((e) => e.kind === 'message_deleted' && e.id === extra.id)).toBe(true);
    const s = new JobSession(client, job.id, { WebSocket: NodeWebSocket });
    session = s;
    await s.start();
    expect(s.getState().messages.some((m) => m.id === extra.id)).toBe(false);
  });

  it('a chat over the length limit is rejected with the server message, and nothing is stored', async () => {
    const client = await registeredClient('sess');
    const job = await client.createJob({ prompt: IDEA });
    const s = new JobSession(client, job.id, { WebSocket: NodeWebSocket });
    session = s;
    await s.start();
    await waitFor('open', () => s.getState().connection === 'open');
    const before = await client.listAllEvents(job.id);

    const err = await s.sendChat('x'.repeat(10_001)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatNotSentError);
    expect(err).toMatchObject({ reason: 'server', message: 'content is too long: at most 10000 characters.' });
    expect(s.getState().error).toBe('content is too long: at most 10000 characters.');

    // The socket stays open and the next chat is confirmed by its own echo.
    await s.sendChat('Remote teams forget their daily check-ins');
    expect(s.getState().error).toBeNull();
    const after = await client.listAllEvents(job.id);
    const userChats = after.filter((e) => e.kind === 'chat' && e.role === 'user').map((e) => (e.kind === 'chat' ? e.content : ''));
    expect(userChats.some((c) => c.length > 10_000)).toBe(false);
    expect(userChats.filter((c) => c === 'Remote teams forget their daily check-ins')).toHaveLength(1);
    expect(after.length).toBeGreaterThan(before.length);
  });
});
