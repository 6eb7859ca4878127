/**
 * Starts a real Ideaforge system for the integration tests, unless IDEAFORGE_URL points at one.
 *
 * It runs the repository's `scripts/run` (SKIP_BUILD=1: the jars must be built) on its own ports,
 * run directory and database, so it never collides with a system on the default ports:
 * PORT 18000, WORKER_PORT 18081, TEMPORAL_PORT 17233 (its dev server's UI on 18233), RUN_DIR
 * <repo>/.run/client-test and the database ideaforge_client_test, each overridable with
 * CLIENT_TEST_PORT, CLIENT_TEST_WORKER_PORT, CLIENT_TEST_TEMPORAL_PORT, CLIENT_TEST_TEMPORAL_UI_PORT,
 * CLIENT_TEST_RUN_DIR and CLIENT_TEST_DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    ideaforgeUrl: string;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const START_TIMEOUT_MS = Number(process.env.CLIENT_TEST_START_TIMEOUT_MS ?? 150_000);

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.IDEAFORGE_URL;
  if (external) {
    project.provide('ideaforgeUrl', external.replace(/\/+$/, ''));
    return;
  }

  const port = Number(process.env.CLIENT_TEST_PORT ?? 18000);
  const workerPort = Number(process.env.CLIENT_TEST_WORKER_PORT ?? 18081);
  const temporalPort = Number(process.env.CLIENT_TEST_TEMPORAL_PORT ?? 17233);
  const temporalUiPort = Number(process.env.CLIENT_TEST_TEMPORAL_UI_PORT ?? temporalPort + 1000);
  const runDir = process.env.CLIENT_TEST_RUN_DIR ?? path.join(repoRoot, '.run', 'client-test');
  const databaseUrl =
    process.env.CLIENT_TEST_DATABASE_URL ?? 'jdbc:postgresql://127.0.0.1:5432/ideaforge_client_test';

  const jars = ['api-server/target/api-server.jar', 'workflow-worker/target/workflow-worker.jar'];
  const missing = jars.filter((j) => !existsSync(path.join(repoRoot, j)));
  if (missing.length) {
    throw new Error(
      `Ideaforge jars are missing (${missing.join(', ')}). Build them first, from ${repoRoot}: ` +
        '`mvn -B -ntp -q -DskipTests package` (or set IDEAFORGE_URL to a running system).',
    );
  }
  for (const p of [port, workerPort, temporalPort, temporalUiPort]) {
    if (await portInUse(p)) {
      throw new Error(
        `Port ${p} is already in use: another system runs there. Stop it, choose other ports ` +
          '(CLIENT_TEST_PORT, CLIENT_TEST_WORKER_PORT, CLIENT_TEST_TEMPORAL_PORT, ' +
          'CLIENT_TEST_TEMPORAL_UI_PORT) or set IDEAFORGE_URL.',
      );
    }
  }
  mkdirSync(runDir, { recursive: true });

  const child: ChildProcess = spawn(path.join(repoRoot, 'scripts', 'run'), [], {
    cwd: repoRoot,
    detached: true, // its own process group: teardown kills the script, Temporal, worker and API
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SKIP_BUILD: '1',
      PORT: String(port),
      WORKER_PORT: String(workerPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(temporalUiPort),
      RUN_DIR: runDir,
      DATABASE_URL: databaseUrl,
    },
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000}s`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ideaforge is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    function fail(why: string) {
      clearTimeout(timer);
      reject(new Error(`Ideaforge ${why}. scripts/run said:\n${log}\n(logs in ${runDir})`));
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    void exited.then((code) => fail(`exited (code ${code}) before it was ready`));
  }).catch(async (e) => {
    await killGroup(child, exited);
    throw e;
  });
  writeFileSync(path.join(runDir, 'scripts-run.log'), log);
  const url = `http://127.0.0.1:${port}`;
  console.log(`[global-setup] Ideaforge started at ${url} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  project.provide('ideaforgeUrl', url);

  return async () => {
    const t0 = Date.now();
    await killGroup(child, exited);
    console.log(`[global-setup] Ideaforge stopped in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  };
}

async function killGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 20_000)));
  const first = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (first === 'timeout') {
    signal('SIGKILL');
    await exited;
  }
  // The script's children (JVMs) are in the same group; give them a moment to go.
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  signal('SIGKILL');
}
