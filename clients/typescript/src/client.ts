import type {
  App,
  AppVersion,
  AuthResponse,
  CreateJobRequest,
  CreateMessageRequest,
  DetailResponse,
  Job,
  JobDetail,
  LoginRequest,
  Message,
  PauseResult,
  PurgeResult,
  RegisterRequest,
  StoredJobEvent,
  TokenPair,
  UpdateJobRequest,
  User,
} from './types.js';

/** The socket's subprotocol, and the prefix of the one that carries the access token. */
export const SOCKET_PROTOCOL = 'ideaforge.v1';
export const SOCKET_BEARER_PROTOCOL = 'ideaforge.bearer.';

// ---------------------------------------------------------------------------------------------
// Tokens

export interface TokenStore {
  get(): TokenPair | null;
  set(tokens: TokenPair): void;
  clear(): void;
  /**
   * Optional: calls `listener` when the tokens change from elsewhere (another tab signing in or
   * out, or refreshing). Returns the unsubscribe function.
   */
  subscribe?(listener: () => void): () => void;
}

export class MemoryTokenStore implements TokenStore {
  private tokens: TokenPair | null;

  constructor(initial: TokenPair | null = null) {
    this.tokens = initial;
  }

  get(): TokenPair | null {
    return this.tokens;
  }

  set(tokens: TokenPair): void {
    this.tokens = { access: tokens.access, refresh: tokens.refresh };
  }

  clear(): void {
    this.tokens = null;
  }
}

/**
 * Keeps the pair in `localStorage` (one key), so a reload stays signed in. Tabs share it: a
 * sign-in, refresh or sign-out in another tab reaches `subscribe` listeners (the `storage` event).
 */
export class LocalStorageTokenStore implements TokenStore {
  private readonly listeners = new Set<() => void>();
  private detachStorageEvent: (() => void) | null = null;

  constructor(
    private readonly key = 'ideaforge.tokens',
    private readonly storage: Storage = globalThis.localStorage,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.detachStorageEvent) {
      const target = globalThis as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
      if (typeof target.addEventListener === 'function' && typeof target.removeEventListener === 'function') {
        // Fired in the other tabs only, never in the one that wrote. key null: storage.clear().
        const onStorage = (e: StorageEvent) => {
          if (e.key !== null && e.key !== this.key) return;
          if (e.storageArea && e.storageArea !== this.storage) return;
          this.listeners.forEach((l) => l());
        };
        target.addEventListener('storage', onStorage);
        this.detachStorageEvent = () => target.removeEventListener!('storage', onStorage);
      }
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.detachStorageEvent) {
        this.detachStorageEvent();
        this.detachStorageEvent = null;
      }
    };
  }

  get(): TokenPair | null {
    try {
      const raw = this.storage.getItem(this.key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<TokenPair>;
      return typeof parsed.access === 'string' && typeof parsed.refresh === 'string'
        ? { access: parsed.access, refresh: parsed.refresh }
        : null;
    } catch {
      return null;
    }
  }

  set(tokens: TokenPair): void {
    this.storage.setItem(this.key, JSON.stringify({ access: tokens.access, refresh: tokens.refresh }));
  }

  clear(): void {
    this.storage.removeItem(this.key);
  }
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * A non-2xx answer. `detail` is the server's `{"detail"}` (or a summary of the field errors);
 * `fieldErrors` holds `{"field": ["message"]}` bodies; `retryAfter` is `Retry-After` in seconds.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly fieldErrors: Record<string, string[]>;
  readonly retryAfter: number | null;
  readonly body: unknown;

  constructor(
    status: number,
    detail: string,
    fieldErrors: Record<string, string[]> = {},
    retryAfter: number | null = null,
    body: unknown = null,
  ) {
    super(detail ? `${status}: ${detail}` : `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
    this.body = body;
  }

  /** Builds the error from a response (reads its body). */
  static async from(res: Response): Promise<ApiError> {
    let body: unknown = null;
    const text = await res.text().catch(() => '');
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const fieldErrors: Record<string, string[]> = {};
    let detail = '';
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
        if (key === 'detail' && typeof value === 'string') detail = value;
        else if (Array.isArray(value)) fieldErrors[key] = value.map(String);
        else if (typeof value === 'string') fieldErrors[key] = [value];
      }
    } else if (typeof body === 'string') {
      detail = body.slice(0, 500);
    }
    if (!detail) {
      const first = Object.entries(fieldErrors)[0];
      detail = first ? `${first[0]}: ${first[1].join(' ')}` : res.statusText || `HTTP ${res.status}`;
    }
    const header = res.headers.get('Retry-After');
    const retryAfter = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
    return new ApiError(res.status, detail, fieldErrors, retryAfter, body);
  }
}

// ---------------------------------------------------------------------------------------------
// Client

export interface IdeaforgeClientOptions {
  /** `http(s)://host:port` of the api-server; '' (the default) is the page's own origin. */
  baseUrl?: string;
  tokenStore?: TokenStore;
  fetch?: typeof fetch;
  /** Called once each time the login is lost (refresh refused or revoked): sign in again. */
  onAuthLost?: (reason: string) => void;
}

export interface RequestOptions {
  /** Send no Authorization header (register, login, refresh, logout). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

type Listener = () => void;

export class IdeaforgeClient {
  readonly baseUrl: string;
  readonly tokens: TokenStore;
  private readonly fetchImpl: typeof fetch;
  private refreshing: Promise<TokenPair> | null = null;
  private readonly authListeners = new Set<(reason: string) => void>();
  private readonly tokenListeners = new Set<Listener>();
  private unsubscribeStore: (() => void) | null = null;
  /** Counts authLost() calls, so that one lost login is reported once, not by every caller. */
  private authLosses = 0;

  constructor(options: IdeaforgeClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.tokens = options.tokenStore ?? new MemoryTokenStore();
    const f = options.fetch ?? globalThis.fetch;
    // Bind: a browser's fetch throws "Illegal invocation" when called as a method of another object.
    this.fetchImpl = (input, init) => f.call(globalThis, input, init);
    if (options.onAuthLost) this.authListeners.add(options.onAuthLost);
  }

  // ----- auth state ----------------------------------------------------------------------------

  get isAuthenticated(): boolean {
    return this.tokens.get() !== null;
  }

  /** Subscribes to a lost login; returns the unsubscribe function. */
  onAuthLost(listener: (reason: string) => void): () => void {
    this.authListeners.add(listener);
    return () => this.authListeners.delete(listener);
  }

  /** Subscribes to any change of the stored tokens (sign in, refresh, sign out). */
  onTokensChanged(listener: Listener): () => void {
    this.tokenListeners.add(listener);
    // Changes made elsewhere (another tab) too, while anyone listens.
    if (!this.unsubscribeStore && this.tokens.subscribe) {
      this.unsubscribeStore = this.tokens.subscribe(() => this.tokenListeners.forEach((l) => l()));
    }
    return () => {
      this.tokenListeners.delete(listener);
      if (this.tokenListeners.size === 0 && this.unsubscribeStore) {
        this.unsubscribeStore();
        this.unsubscribeStore = null;
      }
    };
  }

  private setTokens(pair: TokenPair): void {
    this.tokens.set(pair);
    this.tokenListeners.forEach((l) => l());
  }

  private clearTokens(): void {
    this.tokens.clear();
    this.tokenListeners.forEach((l) => l());
  }

  /** Forgets the tokens and tells every `onAuthLost` listener. */
  authLost(reason: string): void {
    this.authLosses++;
    this.clearTokens();
    this.authListeners.forEach((l) => {
      try {
        l(reason);
      } catch {
        /* a listener's failure is its own */
      }
    });
  }

  /**
   * Rotates the refresh token. Serialised: while a refresh is in flight every caller shares it,
   * because presenting a refresh token twice revokes the whole login. When `staleAccess` is given
   * and the store already holds another access token (someone refreshed meanwhile), that pair is
   * returned without asking the server. A refused refresh clears the tokens and reports the lost
   * login.
   */
  refresh(staleAccess?: string): Promise<TokenPair> {
    if (this.refreshing) return this.refreshing;
    const current = this.tokens.get();
    if (!current) return Promise.reject(new ApiError(401, 'Not signed in.'));
    if (staleAccess !== undefined && current.access !== staleAccess) return Promise.resolve(current);
    const rotate = async (): Promise<TokenPair> => {
      // Another tab (sharing the store) may have rotated while this one waited for the lock.
      const now = this.tokens.get();
      if (!now) throw new ApiError(401, 'Not signed in.');
      if (now.refresh !== current.refresh) return now;
      // A network failure throws as is: the token may still be good, so it is kept.
      const res = await this.fetchImpl(this.url('/api/auth/token/refresh/'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh: now.refresh }),
      });
      if (!res.ok) {
        const err = await ApiError.from(res);
        if (res.status === 400 || res.status === 401 || res.status === 403) {
          this.authLost(err.detail || 'Session expired.');
        }
        throw err;
      }
      const pair = (await res.json()) as TokenPair;
      this.setTokens(pair);
      return pair;
    };
    // Across tabs of one browser, the Web Locks API serialises refreshes too (where it exists).
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    const run: Promise<TokenPair> = locks
      ? locks.request('ideaforge-token-refresh', () => rotate()).then((p) => p)
      : rotate();
    this.refreshing = run;
    const clear = () => {
      if (this.refreshing === run) this.refreshing = null;
    };
    run.then(clear, clear);
    return run;
  }

  // ----- transport -----------------------------------------------------------------------------

  url(path: string): string {
    return this.baseUrl + path;
  }

  /**
   * One API call. JSON in, JSON out (null for 204/205 or an empty body). A 401 with an access
   * token refreshes once (shared with concurrent callers) and retries once.
   */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const send = (access: string | null) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (access) headers.Authorization = `Bearer ${access}`;
      return this.fetchImpl(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    };
    const access = options.anonymous ? null : (this.tokens.get()?.access ?? null);
    const lossesBefore = this.authLosses;
    // A 401 while the store holds no tokens (signed out in another tab, or never signed in):
    // report the lost login once (unless someone already did meanwhile) instead of only throwing,
    // so the UI shows its sign-in instead of failing the same call again and again.
    const lostIfSignedOut = (err: ApiError) => {
      if (!options.anonymous && !this.tokens.get() && this.authLosses === lossesBefore) {
        this.authLost(err.detail || 'Not signed in.');
      }
    };
    let res = await send(access);
    if (res.status === 401 && !access) {
      const err = await ApiError.from(res);
      lostIfSignedOut(err);
      throw err;
    }
    if (res.status === 401 && access) {
      let pair: TokenPair;
      try {
        pair = await this.refresh(access);
      } catch (e) {
        if (e instanceof ApiError) {
          // The tokens went away meanwhile (refresh(): 'Not signed in.'); a refused refresh has
          // reported the lost login itself.
          if (e.status === 401) lostIfSignedOut(e);
          throw e;
        }
        throw await ApiError.from(res);
      }
      res = await send(pair.access);
      if (res.status === 401) {
        const err = await ApiError.from(res);
        this.authLost(err.detail);
        throw err;
      }
    }
    if (!res.ok) throw await ApiError.from(res);
    if (res.status === 204 || res.status === 205) return null as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  // ----- auth ----------------------------------------------------------------------------------

  async register(body: RegisterRequest): Promise<AuthResponse> {
    const r = await this.request<AuthResponse>('POST', '/api/auth/register/', body, { anonymous: true });
    this.setTokens({ access: r.access, refresh: r.refresh });
    return r;
  }

  async login(body: LoginRequest): Promise<AuthResponse> {
    const r = await this.request<AuthResponse>('POST', '/api/auth/login/', body, { anonymous: true });
    this.setTokens({ access: r.access, refresh: r.refresh });
    return r;
  }

  /**
   * Revokes the login on the server (its sockets close with 4001) and forgets the tokens.
   * A 503 (Redis away: nothing was revoked) throws and keeps the tokens so the caller can retry;
   * any other answer, or none, forgets them.
   */
  async logout(): Promise<void> {
    const current = this.tokens.get();
    if (!current) return;
    let res: Response | null = null;
    try {
      res = await this.fetchImpl(this.url('/api/auth/logout/'), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Bearer ${current.access}`,
        },
        body: JSON.stringify({ refresh: current.refresh }),
      });
    } catch {
      res = null;
    }
    if (res && res.status === 503) throw await ApiError.from(res);
    this.clearTokens();
  }

  me(): Promise<User> {
    return this.request<User>('GET', '/api/auth/me/');
  }

  // ----- jobs ----------------------------------------------------------------------------------

  listJobs(): Promise<Job[]> {
    return this.request<Job[]>('GET', '/api/jobs/');
  }

  getJob(id: string): Promise<JobDetail> {
    return this.request<JobDetail>('GET', `/api/jobs/${enc(id)}/`);
  }

  /** 201 with the job's detail (its first message, no steps yet). */
  createJob(body: CreateJobRequest): Promise<JobDetail> {
    return this.request<JobDetail>('POST', '/api/jobs/', body);
  }

  /** Answers the job's detail. */
  updateJob(id: string, body: UpdateJobRequest): Promise<JobDetail> {
    return this.request<JobDetail>('PATCH', `/api/jobs/${enc(id)}/`, body);
  }

  async deleteJob(id: string): Promise<void> {
    await this.request<null>('DELETE', `/api/jobs/${enc(id)}/`);
  }

  pauseJob(id: string): Promise<PauseResult> {
    return this.request<PauseResult>('POST', `/api/jobs/${enc(id)}/pause/`);
  }

  resumeJob(id: string): Promise<PauseResult> {
    return this.request<PauseResult>('POST', `/api/jobs/${enc(id)}/resume/`);
  }

  /** A change request on a done job: it goes queued → running → done with the next app version. */
  continueJob(id: string, requirements: string): Promise<DetailResponse> {
    return this.request<DetailResponse>('POST', `/api/jobs/${enc(id)}/continue/`, { requirements });
  }

  retryJob(id: string): Promise<DetailResponse> {
    return this.request<DetailResponse>('POST', `/api/jobs/${enc(id)}/retry/`);
  }

  /** Stored events after `after` (default 0), oldest first, at most `limit` (server max 1000). */
  listEvents(id: string, options: { after?: number; limit?: number } = {}): Promise<StoredJobEvent[]> {
    const q = new URLSearchParams();
    if (options.after !== undefined) q.set('after', String(options.after));
    if (options.limit !== undefined) q.set('limit', String(options.limit));
    const qs = q.toString();
    return this.request<StoredJobEvent[]>('GET', `/api/jobs/${enc(id)}/events/${qs ? `?${qs}` : ''}`);
  }

  /** Every stored event after `after`, page by page. */
  async listAllEvents(id: string, after = 0): Promise<StoredJobEvent[]> {
    const all: StoredJobEvent[] = [];
    let cursor = after;
    for (;;) {
      const page = await this.listEvents(id, { after: cursor, limit: 1000 });
      all.push(...page);
      if (page.length < 1000) return all;
      cursor = page[page.length - 1].seq;
    }
  }

  purgeJobs(): Promise<PurgeResult> {
    return this.request<PurgeResult>('DELETE', '/api/jobs/purge/');
  }

  // ----- messages ------------------------------------------------------------------------------

  listMessages(jobId: string): Promise<Message[]> {
    return this.request<Message[]>('GET', `/api/job-messages/?job_id=${enc(jobId)}`);
  }

  getMessage(id: string): Promise<Message> {
    return this.request<Message>('GET', `/api/job-messages/${enc(id)}/`);
  }

  createMessage(body: CreateMessageRequest): Promise<Message> {
    return this.request<Message>('POST', '/api/job-messages/', body);
  }

  async deleteMessage(id: string): Promise<void> {
    await this.request<null>('DELETE', `/api/job-messages/${enc(id)}/`);
  }

  // ----- apps ----------------------------------------------------------------------------------

  listApps(): Promise<App[]> {
    return this.request<App[]>('GET', '/api/apps/');
  }

  getApp(id: string): Promise<App> {
    return this.request<App>('GET', `/api/apps/${enc(id)}/`);
  }

  listAppVersions(id: string): Promise<AppVersion[]> {
    return this.request<AppVersion[]>('GET', `/api/apps/${enc(id)}/versions/`);
  }

  /** The job's app, or null while there is none (204). */
  getAppByJob(jobId: string): Promise<App | null> {
    return this.request<App | null>('GET', `/api/apps/by-job/${enc(jobId)}/`);
  }

  // ----- sockets -------------------------------------------------------------------------------

  /**
   * `ws(s)://…/ws/jobs/<id>/?after=<seq>`. The token does not go in the URL (URLs end up in
   * logs): it is offered as a subprotocol, see {@link socketProtocols}.
   */
  socketUrl(jobId: string, after?: number | null): string {
    let base = this.baseUrl;
    if (!base) {
      const loc = (globalThis as { location?: Location }).location;
      if (!loc) throw new Error('socketUrl: no baseUrl and no page location');
      base = loc.origin;
    }
    const wsBase = base.replace(/^http(s?):\/\//i, (_m, s: string) => `ws${s}://`);
    const q = new URLSearchParams();
    if (after !== undefined && after !== null) q.set('after', String(after));
    const qs = q.toString();
    return `${wsBase}/ws/jobs/${enc(jobId)}/${qs ? `?${qs}` : ''}`;
  }

  /**
   * The subprotocols a socket offers: browsers cannot set an `Authorization` header, so the access
   * token travels as `ideaforge.bearer.<access>` beside `ideaforge.v1`, which the server answers
   * with. `new WebSocket(client.socketUrl(id, after), client.socketProtocols())`.
   */
  socketProtocols(): string[] {
    const access = this.tokens.get()?.access;
    return access ? [SOCKET_PROTOCOL, `${SOCKET_BEARER_PROTOCOL}${access}`] : [SOCKET_PROTOCOL];
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
