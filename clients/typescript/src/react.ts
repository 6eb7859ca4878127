/**
 * React bindings: `IdeaforgeProvider` puts a client in context; `useJobs()` and `useJob(jobId)`
 * read it. React is a peer dependency (18 or later: `useSyncExternalStore`).
 */
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { IdeaforgeClient } from './client.js';
import { JobSession, describeError, type JobSessionOptions } from './job.js';
import { acceptsChat, type JobState } from './state.js';
import type { CreateJobRequest, DetailResponse, Job, PauseResult } from './types.js';

interface IdeaforgeContextValue {
  client: IdeaforgeClient;
  sessionOptions: JobSessionOptions;
}

const IdeaforgeContext = createContext<IdeaforgeContextValue | null>(null);

export interface IdeaforgeProviderProps {
  client: IdeaforgeClient;
  /** Socket options of every `useJob` (e.g. `WebSocket` in Node tests, `backoff`). */
  sessionOptions?: JobSessionOptions;
  children?: ReactNode;
}

export function IdeaforgeProvider({ client, sessionOptions, children }: IdeaforgeProviderProps) {
  const value = useMemo(() => ({ client, sessionOptions: sessionOptions ?? {} }), [client, sessionOptions]);
  return createElement(IdeaforgeContext.Provider, { value }, children);
}

function useCtx(): IdeaforgeContextValue {
  const ctx = useContext(IdeaforgeContext);
  if (!ctx) throw new Error('Ideaforge hooks need an <IdeaforgeProvider client={...}> above them');
  return ctx;
}

/** The client from the provider. */
export function useIdeaforgeClient(): IdeaforgeClient {
  return useCtx().client;
}

/** Whether the client holds tokens; re-renders on sign in, refresh and sign out. */
export function useAuthenticated(): boolean {
  const client = useIdeaforgeClient();
  return useSyncExternalStore(
    (cb) => client.onTokensChanged(cb),
    () => client.isAuthenticated,
    () => client.isAuthenticated,
  );
}

export interface UseJobsResult {
  jobs: Job[];
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
  create: (request: CreateJobRequest) => Promise<Job>;
}

/** The user's jobs (newest first), loaded on mount. */
export function useJobs(): UseJobsResult {
  const client = useIdeaforgeClient();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      setJobs(await client.listJobs());
      setError(null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  }, [client]);

  const create = useCallback(
    async (request: CreateJobRequest) => {
      try {
        const detail = await client.createJob(request);
        const { steps: _s, messages: _m, usage: _u, ...job } = detail;
        setJobs((prev) => [job, ...prev.filter((j) => j.id !== job.id)]);
        setError(null);
        return job;
      } catch (e) {
        setError(describeError(e));
        throw e;
      }
    },
    [client],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { jobs, loading, error, refresh, create };
}

export interface UseJobResult {
  state: JobState;
  sendChat: (content: string) => Promise<void>;
  pause: () => Promise<PauseResult>;
  resume: () => Promise<PauseResult>;
  continueWith: (requirements: string) => Promise<DetailResponse>;
  retry: () => Promise<DetailResponse>;
  /** False once the job is done or failed (the server refuses chats then), or before it loaded. */
  canChat: boolean;
  /** The last API or socket error, or null. */
  error: string | null;
  clearError: () => void;
  session: JobSession;
}

/**
 * One job, live: history over REST, then the socket resumed after the last seq. The session
 * closes when the component unmounts or `jobId` changes.
 */
export function useJob(jobId: string): UseJobResult {
  const { client, sessionOptions } = useCtx();
  const session = useMemo(() => new JobSession(client, jobId, sessionOptions), [client, jobId, sessionOptions]);

  useEffect(() => {
    session.start().catch(() => {
      /* the error is in the state */
    });
    return () => session.close();
  }, [session]);

  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);

  // Actions reject with ApiError (sendChat over the socket with ChatNotSentError); the error is
  // also in state.error for a banner.
  return {
    state,
    sendChat: useCallback((c: string) => session.sendChat(c), [session]),
    pause: useCallback(() => session.pause(), [session]),
    resume: useCallback(() => session.resume(), [session]),
    continueWith: useCallback((r: string) => session.continueWith(r), [session]),
    retry: useCallback(() => session.retry(), [session]),
    canChat: state.loaded && acceptsChat(state),
    error: state.error,
    clearError: useCallback(() => session.clearError(), [session]),
    session,
  };
}
