/**
 * The hand-written types (src/types.ts) against the server's OpenAPI description
 * (clients/openapi.json, kept current by the api-server's OpenApiDescriptionTest):
 * src/generated/openapi.ts is what openapi-typescript makes of clients/openapi.json today, and
 * test/openapi-contract.ts, which compares every schema with its hand-written type, compiles.
 * No server needed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { GENERATED_TS, generate } from '../scripts/gen-openapi.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

describe('OpenAPI contract', () => {
  it('src/generated/openapi.ts is generated from the current clients/openapi.json', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ideaforge-openapi-'));
    try {
      const fresh = path.join(dir, 'openapi.ts');
      writeFileSync(fresh, await generate());
      const committed = readFileSync(GENERATED_TS, 'utf8');
      expect(
        committed === readFileSync(fresh, 'utf8'),
        'src/generated/openapi.ts is out of date with clients/openapi.json: run `npm run gen:openapi`',
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the hand-written types match the OpenAPI schemas (test/openapi-contract.ts compiles)', () => {
    const configPath = path.join(root, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!config) throw new Error(`cannot read ${configPath}`);
    // Only the contract file as root: it imports src/types.ts and src/generated/openapi.ts.
    const program = ts.createProgram([path.join(here, 'openapi-contract.ts')], config.options);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    const report = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    });
    expect(report, 'src/types.ts disagrees with clients/openapi.json').toBe('');
  });
});
