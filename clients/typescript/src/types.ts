/**
 * The JSON shapes of the Ideaforge API, field for field as the server sends them: REST bodies use
 * snake_case; socket events (and the items of `GET /api/jobs/<id>/events/`) use `jobId`.
 *
 * Timestamps are ISO-8601 strings (`2026-11-30T02:57:27.123456Z`); ids are UUID strings.
 * The component names match the server's OpenAPI description; keep them.
 */

/** Any JSON value (inside message metadata and app specs). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object: message and step metadata. */
export type JsonObject = { [key: string]: JsonValue };

export type JobStatus = 'collecting' | 'queued' | 'running' | 'done' | 'failed';

export const JOB_STATUSES: readonly JobStatus[] = [
  'collecting',
  'queued',
  'running',
  'done',
  'failed',
] as const;

/** Who wrote a message. */
export type MessageRole = 'user' | 'agent' | 'system';

// ---------------------------------------------------------------------------------------------
// Auth

export interface User {
  id: string;
  email: string;
  username: string;
  /** Empty when the user registered without one. */
  name: string;
  date_joined: string;
}

/** `POST /api/auth/register/` and `POST /api/auth/login/` (200/201). */
export interface AuthResponse {
  access: string;
  refresh: string;
  user: User;
}

/** `POST /api/auth/token/refresh/`: a new pair; the presented refresh token stops working. */
export interface TokenPair {
  access: string;
  refresh: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  name?: string;
  username?: string;
  password2?: string;
}

/** Either `email` or `username`, and the password. */
export interface LoginRequest {
  email?: string;
  username?: string;
  password: string;
}

/** Body of `POST /api/auth/token/refresh/` and of `POST /api/auth/logout/`. */
export interface RefreshRequest {
  refresh: string;
}

// ---------------------------------------------------------------------------------------------
// Jobs

export interface Job {
  id: string;
  initial_prompt: string;
  prompt: string;
  requirements_summary: string | null;
  status: JobStatus;
  error_message: string | null;
  is_paused: boolean;
  /** null for jobs created before budgets: no limit. */
  token_budget: number | null;
  created_at: string;
  updated_at: string;
}

/** One executive discussion turn, as REST returns it (job detail's `steps`). */
export interface Step {
  id: string;
  agent_name: string;
  message: string;
  order: number;
  metadata: JsonObject;
  created_at: string;
}

export interface Usage {
  llm_calls: number;
  prompt_tokens: number;
  completion_tokens: number;
}

export interface Message {
  id: string;
  job_id: string;
  role: MessageRole;
  sender: string;
  content: string;
  metadata: JsonObject;
  created_at: string;
}

/** `GET /api/jobs/<id>/`. */
export interface JobDetail extends Job {
  steps: Step[];
  messages: Message[];
  usage: Usage;
}

export interface CreateJobRequest {
  prompt: string;
  token_budget?: number;
}

/** `PATCH /api/jobs/<id>/`: `initial_prompt` only while collecting; `token_budget` any time. */
export interface UpdateJobRequest {
  initial_prompt?: string;
  token_budget?: number;
}

/** Body of `POST /api/jobs/<id>/continue/` on a done job. */
export interface ChangeRequest {
  requirements: string;
}

/** `POST /api/jobs/<id>/pause/` and `/resume/`. */
export interface PauseResult {
  detail: string;
  is_paused: boolean;
  status: JobStatus;
}

/** `{"detail": "..."}`: 202 of continue/retry, and most error bodies. */
export interface DetailResponse {
  detail: string;
}

/** `DELETE /api/jobs/purge/`. */
export interface PurgeResult {
  deleted: number;
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface CreateMessageRequest {
  job_id: string;
  role: MessageRole;
  /** Optional: the server uses the user's name (or username) for user messages. */
  sender?: string;
  content: string;
  metadata?: JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Apps

/**
 * The spec of an app version: `{requirements, discussion, summary (Markdown PRD), prd (JSON)}`.
 * `prd` follows docs/prd.schema.json; it is kept as JSON here.
 */
export interface AppSpec {
  requirements?: string;
  discussion?: JsonValue;
  summary?: string;
  prd?: JsonValue;
  [key: string]: JsonValue | undefined;
}

/** `GET /api/apps/<id>/`, `GET /api/apps/by-job/<job_id>/`: the latest version of the app. */
export interface App {
  id: string;
  job_id: string;
  spec: AppSpec;
  version: number;
  created_at: string;
  updated_at: string;
}

/** An item of `GET /api/apps/<id>/versions/`, oldest first. */
export interface AppVersion {
  version: number;
  spec: AppSpec;
  /** null for version 1. */
  change_request: string | null;
  created_at: string;
}

// ---------------------------------------------------------------------------------------------
// Events (socket frames and `GET /api/jobs/<id>/events/` items)

interface StoredEventBase {
  /** Per job, 1, 2, 3… without gaps. */
  seq: number;
  jobId: string;
}

export interface ChatEvent extends StoredEventBase {
  kind: 'chat';
  /** The message id. */
  id: string;
  role: MessageRole;
  sender: string;
  content: string;
  metadata: JsonObject;
  timestamp: string;
}

export interface StatusEvent extends StoredEventBase {
  kind: 'status';
  status: JobStatus;
  message: string;
  /** The job's pause flag after this change; absent on events stored before the server sent it. */
  paused?: boolean;
  timestamp: string;
}

export interface StepEvent extends StoredEventBase {
  kind: 'step';
  id: string;
  agent: string;
  message: string;
  order: number;
  timestamp: string;
}

export interface AppEvent extends StoredEventBase {
  kind: 'app';
  /** The app id. */
  id: string;
  status: JobStatus;
  spec: AppSpec;
  version: number;
  timestamp: string;
}

/** The tombstone of a deleted message: replaces its chat event (same seq) on replay. */
export interface MessageDeletedEvent extends StoredEventBase {
  kind: 'message_deleted';
  /** The deleted message's id. */
  id: string;
  /** Of the original message. */
  timestamp: string;
}

/** Not stored and carries no seq: sent only to the socket whose frame caused it. */
export interface ErrorEvent {
  kind: 'error';
  message: string;
}

export type StoredJobEvent = ChatEvent | StatusEvent | StepEvent | AppEvent | MessageDeletedEvent;

export type JobEvent = StoredJobEvent | ErrorEvent;

/** Client → server socket frame. */
export interface ChatFrame {
  kind: 'chat';
  content: string;
}

/** Error bodies: `{"detail": "..."}` or `{"field": ["message", ...]}`. */
export type ErrorBody = Partial<DetailResponse> & { [field: string]: string | string[] | undefined };
