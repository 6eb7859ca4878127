import { ApiError, type IdeaforgeClient } from './client.js';
import type { JobEvent, StoredJobEvent } from './types.js';

/** The part of the browser `WebSocket` (and of the `ws` package's) that JobSocket uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface BackoffOptions {
  /** First retry delay (ms). Default 500. */
  initialMs?: number;
  /** Cap of the delay (ms). Default 15000. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Share of the delay that is random, 0..1. Default 0.5 (delay in [base/2, base]). */
  jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  initialMs: 500,
  maxMs: 15_000,
  factor: 2,
  jitter: 0.5,
};

/**
 * The delay before reconnect attempt `attempt` (0 = the first retry): exponential, capped at
 * `maxMs`, with `jitter` of it random so that many clients cut at once do not come back together.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const o = { ...DEFAULT_BACKOFF, ...options };
  const jitter = Math.min(1, Math.max(0, o.jitter));
  const exp = o.initialMs * Math.pow(o.factor, Math.max(0, attempt));
  const base = Math.min(o.maxMs, Number.isFinite(exp) ? exp : o.maxMs);
  return Math.round(base * (1 - jitter) + base * jitter * random());
}

/** Why the socket stopped for good. */
export interface SocketStop {
  code: number;
  reason: string;
  /** 'auth' (sign in again), 'forbidden' (job gone or not yours), 'policy' (1008), 'closed' (by you). */
  kind: 'auth' | 'forbidden' | 'policy' | 'closed';
}

export interface JobSocketOptions {
  client: IdeaforgeClient;
  jobId: string;
  /** Resume after this seq (the last one already seen). Omit for live events only. */
  after?: number;
  /** The constructor: browser `WebSocket` by default; in Node pass the `ws` package's. */
  WebSocket?: WebSocketConstructor;
  backoff?: BackoffOptions;
  /** Consecutive 4001s (each followed by a refresh) before giving up. Default 3. */
  maxAuthRetries?: number;
  /**
   * A socket counts as healthy (the backoff starts again from its first delay) once it delivered
   * a frame or stayed open this long (ms). A bare open is not enough: the server completes the
   * handshake before it closes with 1011, 4001 or 4003. Default 5000.
   */
  stableAfterMs?: number;
  random?: () => number;
}

type Fn<T> = (value: T) => void;

/**
 * One job's live socket. Delivers every stored event once, in seq order, and reconnects with
 * `after=<last seq seen>` (exponential backoff with jitter) on network loss, a server restart or
 * 1011; on 4001 it refreshes the token and reconnects; 4001 "Token revoked", 4003 and 1008 stop it.
 */
export class JobSocket {
  readonly jobId: string;
  private readonly client: IdeaforgeClient;
  private readonly Ctor: WebSocketConstructor;
  private readonly backoff: BackoffOptions;
  private readonly maxAuthRetries: number;
  private readonly stableAfterMs: number;
  private readonly random: () => number;
  private ws: WebSocketLike | null = null;
  private _state: SocketState = 'closed';
  private _lastSeq: number | null;
  private attempt = 0;
  private authRetries = 0;
  private openedAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  /** Bumped by connect() and finish(): callbacks of an earlier run (a refresh in flight) are ignored. */
  private generation = 0;
  private _stop: SocketStop | null = null;
  private readonly eventListeners = new Set<Fn<JobEvent>>();
  private readonly stateListeners = new Set<Fn<SocketState>>();
  private readonly stopListeners = new Set<Fn<SocketStop>>();
  /** How many sockets were opened (the first connect and every reconnect). */
  connects = 0;

  constructor(options: JobSocketOptions) {
    this.client = options.client;
    this.jobId = options.jobId;
    const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('JobSocket: no WebSocket implementation; pass options.WebSocket');
    this.Ctor = Ctor;
    this.backoff = options.backoff ?? {};
    this.maxAuthRetries = options.maxAuthRetries ?? 3;
    this.stableAfterMs = options.stableAfterMs ?? 5000;
    this.random = options.random ?? Math.random;
    this._lastSeq = options.after ?? null;
  }

  get state(): SocketState {
    return this._state;
  }

  /** The last seq delivered (or the `after` it started from). */
  get lastSeq(): number | null {
    return this._lastSeq;
  }

  /** Why it stopped for good, if it did. */
  get stopReason(): SocketStop | null {
    return this._stop;
  }

  onEvent(fn: Fn<JobEvent>): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  onStateChange(fn: Fn<SocketState>): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  onStop(fn: Fn<SocketStop>): () => void {
    this.stopListeners.add(fn);
    return () => this.stopListeners.delete(fn);
  }

  /** Opens the socket (a no-op while it is running). */
  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.generation++;
    this._stop = null;
    this.attempt = 0;
    this.authRetries = 0;
    this.open('connecting');
  }

  /** Closes it for good (no reconnect). */
  close(): void {
    if (this.stopped) return;
    this.finish({ code: 1000, reason: 'Closed by the client', kind: 'closed' });
  }

  /** Sends a chat. Returns false when the socket is not open (nothing sent). */
  sendChat(content: string): boolean {
    if (!this.ws || this._state !== 'open' || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify({ kind: 'chat', content }));
    return true;
  }

  /** Drops the current connection as a network loss would (tests, "reconnect now" buttons). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.clearTimer();
    this.detach()?.close(4000, 'Reconnecting');
    this.attempt = 0;
    this.open('reconnecting');
  }

  private setState(s: SocketState): void {
    if (this._state === s) return;
    this._state = s;
    this.stateListeners.forEach((l) => l(s));
  }

  private open(state: 'connecting' | 'reconnecting'): void {
    if (this.stopped) return;
    this.setState(state);
    let url: string;
    try {
      url = this.client.socketUrl(this.jobId, this._lastSeq);
    } catch (e) {
      this.finish({ code: 0, reason: String(e), kind: 'policy' });
      return;
    }
    if (!this.client.tokens.get()) {
      this.finish({ code: 4001, reason: 'Not signed in', kind: 'auth' });
      return;
    }
    const usedAccess = this.client.tokens.get()?.access;
    this.openedAt = 0;
    const ws = new this.Ctor(url, this.client.socketProtocols());
    this.ws = ws;
    this.connects++;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      // Not `attempt = 0` here: the server opens, then closes with 1011 (Redis away), so a reset on
      // open would retry twice a second forever. See handleFrame and handleClose.
      this.openedAt = Date.now();
      this.setState('open');
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.handleFrame(ev.data);
    };
    ws.onerror = () => {
      /* a close follows */
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.handleClose(ev.code, ev.reason ?? '', usedAccess);
    };
  }

  private handleFrame(data: unknown): void {
    let text: string;
    if (typeof data === 'string') text = data;
    else if (data instanceof ArrayBuffer) text = new TextDecoder().decode(data);
    else if (ArrayBuffer.isView(data)) text = new TextDecoder().decode(data as Uint8Array);
    else text = String(data);
    let event: JobEvent;
    try {
      event = JSON.parse(text) as JobEvent;
    } catch {
      return;
    }
    if (!event || typeof event !== 'object' || typeof event.kind !== 'string') return;
    // A frame proves the connection works: the next drop starts the backoff afresh.
    this.attempt = 0;
    if (event.kind !== 'error' && typeof (event as StoredJobEvent).seq === 'number') {
      const seq = (event as StoredJobEvent).seq;
      if (this._lastSeq !== null && seq <= this._lastSeq) return; // already delivered
      this._lastSeq = seq;
      // A frame after a successful open proves the token good.
      this.authRetries = 0;
    }
    this.eventListeners.forEach((l) => l(event));
  }

  private handleClose(code: number, reason: string, usedAccess: string | undefined): void {
    if (this.stopped) return;
    const stable = this.openedAt !== 0 && Date.now() - this.openedAt >= this.stableAfterMs;
    if (stable) this.attempt = 0;
    if (code === 4001) {
      if (/revoked/i.test(reason)) {
        this.client.authLost('Token revoked');
        this.finish({ code, reason, kind: 'auth' });
        return;
      }
      // A socket that lived a while (its token expired later) starts the count afresh.
      if (stable) this.authRetries = 0;
      if (++this.authRetries > this.maxAuthRetries) {
        this.client.authLost(reason || 'Authentication failed');
        this.finish({ code, reason, kind: 'auth' });
        return;
      }
      this.setState('reconnecting');
      const gen = this.generation;
      this.client.refresh(usedAccess).then(
        () => {
          if (gen === this.generation && !this.stopped) this.schedule(0);
        },
        (e: unknown) => {
          // close() (and maybe connect()) came meanwhile: this refresh's outcome is not ours.
          if (gen !== this.generation || this.stopped) return;
          if (e instanceof ApiError && (e.status === 400 || e.status === 401 || e.status === 403)) {
            // Refused (refresh() already reported the lost login) or not signed in at all.
            this.finish({ code, reason: reason || 'Authentication failed', kind: 'auth' });
            return;
          }
          // A network error, 503 or 429: the client keeps the tokens, so retry later. This 4001
          // is not held against the token (it was never replaced).
          this.authRetries = Math.max(0, this.authRetries - 1);
          this.schedule(backoffDelay(this.attempt++, this.backoff, this.random));
        },
      );
      return;
    }
    if (code === 4003) {
      this.finish({ code, reason: reason || 'Job not found', kind: 'forbidden' });
      return;
    }
    if (code === 1008) {
      this.finish({ code, reason: reason || 'Policy violation', kind: 'policy' });
      return;
    }
    // 1001, 1006, 1011 and anything else: reconnect with after=<last seq>.
    this.setState('reconnecting');
    this.schedule(backoffDelay(this.attempt++, this.backoff, this.random));
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open('reconnecting');
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private detach(): WebSocketLike | null {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = () => {};
    }
    return ws;
  }

  private finish(stop: SocketStop): void {
    this.stopped = true;
    this.generation++;
    this.clearTimer();
    const ws = this.detach();
    if (ws && (ws.readyState === 0 || ws.readyState === 1)) {
      try {
        ws.close(1000, 'Client closed');
      } catch {
        /* closing a socket that is still connecting may throw in some implementations */
      }
    }
    this._stop = stop;
    this.setState('closed');
    this.stopListeners.forEach((l) => l(stop));
  }
}
