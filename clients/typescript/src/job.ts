import { ApiError, type IdeaforgeClient } from './client.js';
import { JobSocket, type BackoffOptions, type SocketStop, type WebSocketConstructor } from './socket.js';
import {
  acceptsChat,
  applyApp,
  applyDetail,
  applyEvent,
  applyEvents,
  initialJobState,
  withConnection,
  withError,
  type JobState,
} from './state.js';
import type { DetailResponse, JobEvent, Message, PauseResult } from './types.js';

export interface JobSessionOptions {
  WebSocket?: WebSocketConstructor;
  backoff?: BackoffOptions;
  /** Re-read job detail this long after a status event (exact is_paused, error_message). Default 150 ms. */
  detailRefreshDelayMs?: number;
  /**
   * How long `sendChat` over the socket waits for the server to confirm (the chat's own `chat`
   * event) before it rejects. Default 10000 ms.
   */
  chatAckTimeoutMs?: number;
}

/**
 * Why a chat sent over the socket was not confirmed: the server answered with an `error` frame
 * (`reason` 'server', `message` is the server's), the socket closed first ('closed') or no answer
 * came in time ('timeout'). In the last two cases the server may still have stored it.
 */
export class ChatNotSentError extends Error {
  readonly reason: 'server' | 'closed' | 'timeout';
  constructor(reason: 'server' | 'closed' | 'timeout', message: string) {
    super(message);
    this.name = 'ChatNotSentError';
    this.reason = reason;
  }
}

/** An error as one line for a banner. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) return e.detail || e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * A job as the UI sees it: history loaded over REST (events, detail, app and versions), then the
 * socket resumed with `after=<lastSeq>` so nothing is missed or applied twice. `getState()` and
 * `subscribe()` fit React's `useSyncExternalStore`.
 */
export class JobSession {
  readonly jobId: string;
  private readonly client: IdeaforgeClient;
  private readonly options: JobSessionOptions;
  private state: JobState;
  private readonly listeners = new Set<() => void>();
  private socket: JobSocket | null = null;
  private generation = 0;
  private detailTimer: ReturnType<typeof setTimeout> | null = null;
  /** Numbers the detail reads: only the answer to the latest one issued is applied. */
  private detailRequest = 0;
  private started = false;
  /** Chats go one at a time, so that an `error` frame answers the one in flight. */
  private chatQueue: Promise<unknown> = Promise.resolve();

  constructor(client: IdeaforgeClient, jobId: string, options: JobSessionOptions = {}) {
    this.client = client;
    this.jobId = jobId;
    this.options = options;
    this.state = initialJobState(jobId);
  }

  getState = (): JobState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(next: JobState): void {
    if (next === this.state) return;
    this.state = next;
    this.listeners.forEach((l) => l());
  }

  /** Loads the history and opens the socket. Safe to call again after `close()`. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const gen = ++this.generation;
    this.set(withError(withConnection(this.state, 'connecting'), null));
    try {
      // Events first: whatever the detail read later holds newer is replayed by the socket
      // (applied idempotently), so the state converges.
      const events = await this.client.listAllEvents(this.jobId, this.state.lastSeq);
      if (gen !== this.generation) return;
      let s = applyEvents(this.state, events);
      const detail = await this.client.getJob(this.jobId);
      if (gen !== this.generation) return;
      s = applyDetail(s, detail);
      const app = await this.client.getAppByJob(this.jobId);
      if (gen !== this.generation) return;
      if (app) s = applyApp(s, app, await this.client.listAppVersions(app.id));
      if (gen !== this.generation) return;
      this.set(s);
    } catch (e) {
      if (gen !== this.generation) return;
      this.started = false;
      this.set(withError(withConnection(this.state, 'closed'), describeError(e)));
      throw e;
    }
    this.openSocket(gen);
  }

  private openSocket(gen: number): void {
    const socket = new JobSocket({
      client: this.client,
      jobId: this.jobId,
      after: this.state.lastSeq,
      WebSocket: this.options.WebSocket,
      backoff: this.options.backoff,
    });
    this.socket = socket;
    socket.onStateChange((st) => {
      if (gen === this.generation) this.set(withConnection(this.state, st));
    });
    socket.onEvent((ev) => {
      if (gen === this.generation) this.handleEvent(ev);
    });
    socket.onStop((stop: SocketStop) => {
      if (gen !== this.generation || stop.kind === 'closed') return;
      const why =
        stop.kind === 'auth'
          ? 'Signed out: please sign in again.'
          : stop.kind === 'forbidden'
            ? 'This job no longer exists.'
            : `Live updates stopped: ${stop.reason}`;
      this.set(withError(this.state, why));
    });
    socket.connect();
  }

  private handleEvent(ev: JobEvent): void {
    const before = this.state;
    this.set(applyEvent(before, ev));
    if (ev.kind === 'status' && this.state !== before) this.scheduleDetail();
    if (ev.kind === 'app' && this.state !== before) void this.reloadApp();
  }

  private scheduleDetail(): void {
    if (this.detailTimer !== null) clearTimeout(this.detailTimer);
    this.detailTimer = setTimeout(() => {
      this.detailTimer = null;
      void this.reloadDetail();
    }, this.options.detailRefreshDelayMs ?? 150);
  }

  /** Re-reads job detail (exact is_paused, error_message, requirements_summary, usage). */
  async reloadDetail(): Promise<void> {
    const gen = this.generation;
    // Reloads overlap (one per status event, one per continueWith/retry) and may be answered out
    // of order: an older snapshot must not overwrite a newer status, is_paused or error_message.
    const request = ++this.detailRequest;
    const latest = () => gen === this.generation && request === this.detailRequest;
    try {
      const detail = await this.client.getJob(this.jobId);
      if (latest()) this.set(applyDetail(this.state, detail));
    } catch (e) {
      if (latest()) this.set(withError(this.state, describeError(e)));
    }
  }

  private async reloadApp(): Promise<void> {
    const gen = this.generation;
    try {
      const app = await this.client.getAppByJob(this.jobId);
      if (!app || gen !== this.generation) return;
      const versions = await this.client.listAppVersions(app.id);
      if (gen === this.generation) this.set(applyApp(this.state, app, versions));
    } catch (e) {
      if (gen === this.generation) this.set(withError(this.state, describeError(e)));
    }
  }

  /** Stops the socket and timers. `start()` may be called again. */
  close(): void {
    this.generation++;
    this.started = false;
    if (this.detailTimer !== null) clearTimeout(this.detailTimer);
    this.detailTimer = null;
    this.socket?.close();
    this.socket = null;
    this.set(withConnection(this.state, 'closed'));
  }

  /** The socket (for tests and diagnostics). */
  get liveSocket(): JobSocket | null {
    return this.socket;
  }

  get canChat(): boolean {
    return acceptsChat(this.state);
  }

  clearError(): void {
    this.set(withError(this.state, null));
  }

  private async act<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const r = await fn();
      this.set(withError(this.state, null));
      return r;
    } catch (e) {
      this.set(withError(this.state, describeError(e)));
      throw e;
    }
  }

  /**
   * Sends a chat: over the socket when it is open, else over REST (`POST /api/job-messages/`).
   * Resolves once the server stored it: over the socket when its own `chat` event comes back
   * (role `user`, same content, a seq newer than any seen before the send), over REST when the
   * POST answers. Rejects (and sets `error`) with a `ChatNotSentError` when the socket answers with
   * an `error` frame (the server's message), closes before the echo, or stays silent for
   * `chatAckTimeoutMs`; with an `ApiError` when REST refuses it. Chats are sent one at a time: a
   * second call waits until the first settled.
   */
  sendChat(content: string): Promise<void> {
    const text = content.trim();
    if (!text) return Promise.resolve();
    const turn = this.chatQueue.then(() => this.sendChatNow(text));
    this.chatQueue = turn.catch(() => {});
    return turn;
  }

  private async sendChatNow(text: string): Promise<void> {
    if (!acceptsChat(this.state)) {
      const err = new ApiError(409, 'This job no longer takes messages.');
      this.set(withError(this.state, err.detail));
      throw err;
    }
    const socket = this.socket;
    if (socket && socket.state === 'open') {
      const ack = this.awaitEcho(socket, text);
      let sent = false;
      try {
        sent = socket.sendChat(text);
      } catch (e) {
        ack.cancel();
        this.set(withError(this.state, describeError(e)));
        throw e;
      }
      if (sent) {
        await this.act(() => ack.promise);
        return;
      }
      ack.cancel();
    }
    await this.act<Message>(() =>
      this.client.createMessage({ job_id: this.jobId, role: 'user', content: text }),
    );
  }

  /** Listens (before the send) for the server's answer to a chat about to go on `socket`. */
  private awaitEcho(socket: JobSocket, text: string): { promise: Promise<void>; cancel: () => void } {
    const since = socket.lastSeq;
    const timeoutMs = this.options.chatAckTimeoutMs ?? 10_000;
    let cancel = () => {};
    const promise = new Promise<void>((resolve, reject) => {
      const settle = (err: Error | null) => {
        clearTimeout(timer);
        offEvent();
        offState();
        if (err) reject(err);
        else resolve();
      };
      cancel = () => settle(null);
      const offEvent = socket.onEvent((ev) => {
        if (ev.kind === 'error') settle(new ChatNotSentError('server', ev.message));
        else if (
          ev.kind === 'chat' &&
          ev.role === 'user' &&
          ev.content === text &&
          (since === null || ev.seq > since)
        )
          settle(null);
      });
      const offState = socket.onStateChange((st) => {
        if (st !== 'open')
          settle(
            new ChatNotSentError(
              'closed',
              'The connection was lost before the server confirmed the message: it may not have been sent.',
            ),
          );
      });
      const timer = setTimeout(
        () =>
          settle(
            new ChatNotSentError(
              'timeout',
              `The server did not confirm the message within ${Math.round(timeoutMs / 1000)} s: it may not have been sent.`,
            ),
          ),
        timeoutMs,
      );
    });
    return { promise, cancel };
  }

  async pause(): Promise<PauseResult> {
    const r = await this.act(() => this.client.pauseJob(this.jobId));
    this.set({ ...this.state, is_paused: r.is_paused, status: r.status });
    return r;
  }

  async resume(): Promise<PauseResult> {
    const r = await this.act(() => this.client.resumeJob(this.jobId));
    this.set({ ...this.state, is_paused: r.is_paused, status: r.status });
    return r;
  }

  /** A change request on a done job. */
  async continueWith(requirements: string): Promise<DetailResponse> {
    const r = await this.act(() => this.client.continueJob(this.jobId, requirements));
    void this.reloadDetail();
    return r;
  }

  async retry(): Promise<DetailResponse> {
    const r = await this.act(() => this.client.retryJob(this.jobId));
    void this.reloadDetail();
    return r;
  }
}
