export * from './types.js';
export {
  ApiError,
  IdeaforgeClient,
  LocalStorageTokenStore,
  MemoryTokenStore,
  type IdeaforgeClientOptions,
  type RequestOptions,
  type TokenStore,
} from './client.js';
export * from './state.js';
export {
  DEFAULT_BACKOFF,
  JobSocket,
  backoffDelay,
  type BackoffOptions,
  type JobSocketOptions,
  type SocketState,
  type SocketStop,
  type WebSocketConstructor,
  type WebSocketLike,
} from './socket.js';
export { ChatNotSentError, JobSession, describeError, type JobSessionOptions } from './job.js';
