import type {
  App,
  AppVersion,
  ChatEvent,
  JobDetail,
  JobEvent,
  JobStatus,
  Message,
  Step,
  StoredJobEvent,
  Usage,
} from './types.js';

/** The status message prefixes of pause and resume (shared-model `JobStatusChanges`, worker `TokenBudget`). */
export const PAUSED_PREFIX = 'Paused';
export const RESUMED_PREFIX = 'Resumed';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** One line of the job's timeline: a status change or an executive step, in seq order. */
export type TimelineItem =
  | {
      kind: 'status';
      seq: number;
      status: JobStatus;
      message: string;
      timestamp: string;
    }
  | {
      kind: 'step';
      seq: number;
      /** The step id. */
      id: string;
      agent: string;
      message: string;
      order: number;
      timestamp: string;
    };

export interface JobState {
  jobId: string;
  /** True once the history was loaded over REST. */
  loaded: boolean;
  status: JobStatus | null;
  is_paused: boolean;
  error_message: string | null;
  requirements_summary: string | null;
  prompt: string | null;
  initial_prompt: string | null;
  token_budget: number | null;
  usage: Usage | null;
  created_at: string | null;
  updated_at: string | null;
  /** Chat transcript, oldest first. */
  messages: Message[];
  /** Executive steps by `order`. */
  steps: Step[];
  /** Status changes and steps in seq order. */
  timeline: TimelineItem[];
  /** The app's latest version, or null. */
  app: App | null;
  /** Every version of the app, oldest first. */
  versions: AppVersion[];
  /** Ids of messages seen deleted (tombstones), so a stale snapshot does not bring them back. */
  deletedMessageIds: string[];
  /** The greatest event seq applied; resume the socket with `after=lastSeq`. */
  lastSeq: number;
  connection: ConnectionState;
  /** The last error (API or socket) worth showing, or null. */
  error: string | null;
}

export function initialJobState(jobId: string): JobState {
  return {
    jobId,
    loaded: false,
    status: null,
    is_paused: false,
    error_message: null,
    requirements_summary: null,
    prompt: null,
    initial_prompt: null,
    token_budget: null,
    usage: null,
    created_at: null,
    updated_at: null,
    messages: [],
    steps: [],
    timeline: [],
    app: null,
    versions: [],
    deletedMessageIds: [],
    lastSeq: 0,
    connection: 'idle',
    error: null,
  };
}

/** Whether the job takes a user chat now (the server answers 409 / an `error` event once done or failed). */
export function acceptsChat(state: Pick<JobState, 'status'>): boolean {
  return state.status !== null && state.status !== 'done' && state.status !== 'failed';
}

export function isPauseMessage(message: string): boolean {
  return message.startsWith(PAUSED_PREFIX);
}

export function isResumeMessage(message: string): boolean {
  return message.startsWith(RESUMED_PREFIX);
}

export function chatToMessage(e: ChatEvent): Message {
  return {
    id: e.id,
    job_id: e.jobId,
    role: e.role,
    sender: e.sender,
    content: e.content,
    metadata: e.metadata ?? {},
    created_at: e.timestamp,
  };
}

function upsertBy<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  const i = list.findIndex(same);
  if (i < 0) return [...list, item];
  const copy = list.slice();
  copy[i] = item;
  return copy;
}

function insertTimeline(timeline: TimelineItem[], item: TimelineItem): TimelineItem[] {
  if (timeline.some((t) => t.seq === item.seq)) return timeline;
  const copy = [...timeline, item];
  // Usually appended at the end; keep seq order whatever the arrival.
  if (copy.length > 1 && copy[copy.length - 2].seq > item.seq) copy.sort((a, b) => a.seq - b.seq);
  return copy;
}

/**
 * Merges one event into the state, purely. Stored events with `seq <= lastSeq` are ignored, so
 * applying the same event twice, or a replay, changes nothing. `error` events (no seq) only set
 * `error`.
 */
export function applyEvent(state: JobState, event: JobEvent): JobState {
  if (event.kind === 'error') return { ...state, error: event.message };
  if (typeof event.seq !== 'number' || event.seq <= state.lastSeq) return state;
  const next: JobState = { ...state, lastSeq: event.seq };
  switch (event.kind) {
    case 'chat': {
      const msg = chatToMessage(event);
      next.messages = upsertBy(state.messages, msg, (m) => m.id === msg.id);
      return next;
    }
    case 'message_deleted':
      next.messages = state.messages.filter((m) => m.id !== event.id);
      next.deletedMessageIds = [...state.deletedMessageIds, event.id];
      return next;
    case 'status': {
      next.status = event.status;
      if (event.paused !== undefined) next.is_paused = event.paused;
      // Events stored before the server sent the flag: read it from the words.
      else if (isPauseMessage(event.message)) next.is_paused = true;
      else if (isResumeMessage(event.message)) next.is_paused = false;
      else if (event.status === 'done' || event.status === 'failed') next.is_paused = false;
      if (event.status !== 'failed') next.error_message = null;
      next.timeline = insertTimeline(state.timeline, {
        kind: 'status',
        seq: event.seq,
        status: event.status,
        message: event.message,
        timestamp: event.timestamp,
      });
      return next;
    }
    case 'step': {
      const prev = state.steps.find((s) => s.id === event.id);
      const step: Step = {
        id: event.id,
        agent_name: event.agent,
        message: event.message,
        order: event.order,
        metadata: prev?.metadata ?? {},
        created_at: prev?.created_at ?? event.timestamp,
      };
      next.steps = upsertBy(state.steps, step, (s) => s.id === step.id).sort((a, b) => a.order - b.order);
      next.timeline = insertTimeline(state.timeline, {
        kind: 'step',
        seq: event.seq,
        id: event.id,
        agent: event.agent,
        message: event.message,
        order: event.order,
        timestamp: event.timestamp,
      });
      return next;
    }
    case 'app': {
      const prevVersion = state.versions.find((v) => v.version === event.version);
      const app: App = {
        id: event.id,
        job_id: event.jobId,
        spec: event.spec,
        version: event.version,
        created_at:
          state.app && state.app.id === event.id ? state.app.created_at : event.timestamp,
        updated_at: event.timestamp,
      };
      // A replayed older version must not replace a newer app already shown.
      if (!state.app || state.app.id !== event.id || state.app.version <= event.version) next.app = app;
      const version: AppVersion = {
        version: event.version,
        spec: event.spec,
        change_request: prevVersion?.change_request ?? null,
        created_at: prevVersion?.created_at ?? event.timestamp,
      };
      next.versions = upsertBy(state.versions, version, (v) => v.version === event.version).sort(
        (a, b) => a.version - b.version,
      );
      return next;
    }
    default:
      return state;
  }
}

/** Applies events in order (see `applyEvent`). */
export function applyEvents(state: JobState, events: readonly JobEvent[]): JobState {
  return events.reduce(applyEvent, state);
}

/**
 * Takes the job's fields from a REST snapshot (exact `is_paused`, `error_message`, usage…), and
 * merges its messages and steps by id. The timeline and `lastSeq` stay the events'.
 */
export function applyDetail(state: JobState, detail: JobDetail): JobState {
  // Keep the snapshot's order for the messages it holds, then the newer ones seen live.
  const deleted = new Set(state.deletedMessageIds);
  const fromDetail = detail.messages.filter((m) => !deleted.has(m.id));
  const inDetail = new Set(fromDetail.map((m) => m.id));
  const messages = [...fromDetail, ...state.messages.filter((m) => !inDetail.has(m.id))];
  let steps = state.steps;
  for (const s of detail.steps) steps = upsertBy(steps, s, (x) => x.id === s.id);
  steps = steps.slice().sort((a, b) => a.order - b.order);
  return {
    ...state,
    loaded: true,
    status: detail.status,
    is_paused: detail.is_paused,
    error_message: detail.error_message,
    requirements_summary: detail.requirements_summary,
    prompt: detail.prompt,
    initial_prompt: detail.initial_prompt,
    token_budget: detail.token_budget,
    usage: detail.usage,
    created_at: detail.created_at,
    updated_at: detail.updated_at,
    messages,
    steps,
  };
}

/** Sets the app and its versions from REST (`getAppByJob` and `listAppVersions`). */
export function applyApp(state: JobState, app: App | null, versions?: AppVersion[]): JobState {
  if (!app) return state;
  const keepNewer = state.app && state.app.id === app.id && state.app.version > app.version;
  let merged = state.versions;
  for (const v of versions ?? []) merged = upsertBy(merged, v, (x) => x.version === v.version);
  return {
    ...state,
    app: keepNewer ? state.app : app,
    versions: merged.slice().sort((a, b) => a.version - b.version),
  };
}

export function withConnection(state: JobState, connection: ConnectionState): JobState {
  return state.connection === connection ? state : { ...state, connection };
}

export function withError(state: JobState, error: string | null): JobState {
  return state.error === error ? state : { ...state, error };
}

/** Whether an event is a stored one (has a seq). */
export function isStoredEvent(event: JobEvent): event is StoredJobEvent {
  return event.kind !== 'error';
}
