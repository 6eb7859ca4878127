/**
 * Compile-time contract: the hand-written types of src/types.ts against the server's OpenAPI
 * description (src/generated/openapi.ts, generated from clients/openapi.json by
 * `npm run gen:openapi`). Nothing here runs; `npm run typecheck` (tsc) and
 * test/openapi-contract.test.ts fail when a check below does not hold, and the compiler's message
 * names the mismatch, e.g. `Type '"Job.is_paused: only in the OpenAPI schema"' does not satisfy
 * the constraint 'never'`.
 *
 * For each schema: the hand-written type and the generated one are mutually assignable, have
 * exactly the same keys (and the same optional keys), and each field is compared deeply (objects
 * key by key, arrays element by element, everything else by mutual assignability). Where the
 * hand-written type is deliberately more precise than the schema, the field is listed in
 * `Narrowed` with the reason; there it must be a strict subtype of the schema's type (so an
 * exception that is no longer needed fails too).
 */
import type { components } from '../src/generated/openapi';
import type {
  App,
  AppEvent,
  AppVersion,
  AuthResponse,
  ChangeRequest,
  ChatEvent,
  CreateJobRequest,
  CreateMessageRequest,
  DetailResponse,
  ErrorEvent,
  Job,
  JobDetail,
  JobEvent,
  LoginRequest,
  Message,
  MessageDeletedEvent,
  PauseResult,
  PurgeResult,
  RefreshRequest,
  RegisterRequest,
  StatusEvent,
  Step,
  StepEvent,
  StoredJobEvent,
  TokenPair,
  UpdateJobRequest,
  Usage,
  User,
} from '../src/types';

type S = components['schemas'];

/**
 * The fields where src/types.ts is deliberately more precise than the OpenAPI description, one
 * path each (`Type.field`, `[]` for an array's items). Nothing else may differ.
 */
type Narrowed =
  // Step and Message metadata: the schema says "Any JSON object" (Record<string, unknown>); the client says its values are JSON (JsonObject).
  | 'Step.metadata'
  | 'Message.metadata'
  | 'JobDetail.steps[].metadata'
  | 'JobDetail.messages[].metadata'
  | 'ChatEvent.metadata'
  // The client's metadata object is sent as JSON: JsonObject rather than the schema's { [key: string]: unknown }.
  | 'CreateMessageRequest.metadata'
  // An app spec: the schema says "Any JSON object"; AppSpec names its known keys (requirements, discussion, summary, prd), all JSON.
  | 'App.spec'
  | 'AppVersion.spec'
  | 'AppEvent.spec';

// ---------------------------------------------------------------------------------------------
// The deep structural comparison

type IsAny<T> = 0 extends 1 & T ? true : false;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type StrictlyNarrower<H, S> = [H] extends [S] ? ([S] extends [H] ? false : true) : false;

/** A single object type (not an array, a function or a union). */
type IsObject<T> = [T] extends [object]
  ? [T] extends [readonly unknown[]]
    ? false
    : [T] extends [(...args: never[]) => unknown]
      ? false
      : true extends IsUnion<T>
        ? false
        : true
  : false;

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** The mismatches between hand-written H and schema S at path P, as strings; never if none. */
type Diff<H, S, P extends string> = P extends Narrowed
  ? StrictlyNarrower<H, S> extends true
    ? never
    : `${P}: listed in Narrowed, but the hand-written type is not a strict subtype of the schema's`
  : true extends IsAny<H> | IsAny<S>
    ? `${P}: any`
    : [H, S] extends [readonly (infer HE)[], readonly (infer SE)[]]
      ? Diff<HE, SE, `${P}[]`>
      : [IsObject<H>, IsObject<S>] extends [true, true]
        ? ObjectDiff<H, S, P>
        : Mutual<H, S> extends true
          ? never
          : `${P}: the types differ`;

type ObjectDiff<H, S, P extends string> =
  | { [K in Exclude<keyof H, keyof S>]: `${P}.${K & string}: only in the hand-written type` }[Exclude<
      keyof H,
      keyof S
    >]
  | { [K in Exclude<keyof S, keyof H>]: `${P}.${K & string}: only in the OpenAPI schema` }[Exclude<
      keyof S,
      keyof H
    >]
  | {
      [K in keyof H & keyof S]-?:
        | (Mutual<K extends OptionalKeys<H> ? 1 : 0, K extends OptionalKeys<S> ? 1 : 0> extends true
            ? never
            : `${P}.${K & string}: optional on one side only`)
        | Diff<H[K], S[K], `${P}.${K & string}`>;
    }[keyof H & keyof S];

/**
 * Diff, plus the top-level check: mutually assignable, or (when the type has Narrowed fields)
 * the hand-written type assignable to the schema's and the rest of the fields mutually so.
 */
type Check<H, S, Name extends string> =
  | Diff<H, S, Name>
  | (Mutual<H, S> extends true
      ? never
      : [Extract<Narrowed, `${Name}.${string}`>] extends [never]
        ? `${Name}: not mutually assignable`
        : [H] extends [S]
          ? Mutual<Omit<H, TopFields<Name>>, Omit<S, TopFields<Name>>> extends true
            ? never
            : `${Name}: the fields outside Narrowed are not mutually assignable`
          : `${Name}: not assignable to the schema`);

/** The top-level field names of Name's Narrowed paths. */
type TopFields<Name extends string> =
  Extract<Narrowed, `${Name}.${string}`> extends `${Name}.${infer F}`
    ? F extends `${infer Field}[]${string}` | `${infer Field}.${string}`
      ? Field
      : F
    : never;

type Ok<T extends never> = T;

// ---------------------------------------------------------------------------------------------
// The checks, one per schema of src/types.ts

export type Contract = [
  // Auth
  Ok<Check<User, S['User'], 'User'>>,
  Ok<Check<AuthResponse, S['AuthResponse'], 'AuthResponse'>>,
  Ok<Check<TokenPair, S['TokenPair'], 'TokenPair'>>,
  Ok<Check<RegisterRequest, S['RegisterRequest'], 'RegisterRequest'>>,
  Ok<Check<LoginRequest, S['LoginRequest'], 'LoginRequest'>>,
  Ok<Check<RefreshRequest, S['RefreshRequest'], 'RefreshRequest'>>,
  // Jobs
  Ok<Check<Job, S['Job'], 'Job'>>,
  Ok<Check<JobDetail, S['JobDetail'], 'JobDetail'>>,
  Ok<Check<Step, S['Step'], 'Step'>>,
  Ok<Check<Usage, S['Usage'], 'Usage'>>,
  Ok<Check<CreateJobRequest, S['CreateJobRequest'], 'CreateJobRequest'>>,
  Ok<Check<UpdateJobRequest, S['UpdateJobRequest'], 'UpdateJobRequest'>>,
  Ok<Check<ChangeRequest, S['ChangeRequest'], 'ChangeRequest'>>,
  Ok<Check<PauseResult, S['PauseResult'], 'PauseResult'>>,
  Ok<Check<DetailResponse, S['DetailResponse'], 'DetailResponse'>>,
  Ok<Check<PurgeResult, S['PurgeResult'], 'PurgeResult'>>,
  // Messages
  Ok<Check<Message, S['Message'], 'Message'>>,
  Ok<Check<CreateMessageRequest, S['CreateMessageRequest'], 'CreateMessageRequest'>>,
  // Apps
  Ok<Check<App, S['App'], 'App'>>,
  Ok<Check<AppVersion, S['AppVersion'], 'AppVersion'>>,
  // Events
  Ok<Check<ChatEvent, S['ChatEvent'], 'ChatEvent'>>,
  Ok<Check<StatusEvent, S['StatusEvent'], 'StatusEvent'>>,
  Ok<Check<StepEvent, S['StepEvent'], 'StepEvent'>>,
  Ok<Check<AppEvent, S['AppEvent'], 'AppEvent'>>,
  Ok<Check<MessageDeletedEvent, S['MessageDeletedEvent'], 'MessageDeletedEvent'>>,
  Ok<Check<ErrorEvent, S['ErrorEvent'], 'ErrorEvent'>>,
  // JobEvent: the schema's is the oneOf of the stored events (each checked above); the client's
  // also has ErrorEvent, which the socket sends but never stores.
  Ok<StoredEvents>,
];

type StoredEvents =
  | (Mutual<StoredJobEvent['kind'], S['JobEvent']['kind']> extends true
      ? never
      : 'JobEvent: the stored kinds differ from the schema oneOf')
  | ([StoredJobEvent] extends [S['JobEvent']] ? never : 'JobEvent: a stored event is not assignable to the schema')
  | (Mutual<Exclude<JobEvent, ErrorEvent>, StoredJobEvent> extends true
      ? never
      : 'JobEvent: not StoredJobEvent | ErrorEvent')
  | (Mutual<Extract<JobEvent, { kind: 'error' }>, ErrorEvent> extends true ? never : 'JobEvent: no ErrorEvent')
  | {
      [K in StoredJobEvent['kind']]: Check<
        Extract<StoredJobEvent, { kind: K }>,
        Extract<S['JobEvent'], { kind: K }>,
        K extends keyof EventNames ? EventNames[K] : `JobEvent[kind=${K}]: unnamed`
      >;
    }[StoredJobEvent['kind']];

/** The schema name of each stored kind, so that the member checks use the Narrowed paths. */
type EventNames = {
  chat: 'ChatEvent';
  status: 'StatusEvent';
  step: 'StepEvent';
  app: 'AppEvent';
  message_deleted: 'MessageDeletedEvent';
};
