#!/usr/bin/env node
/**
 * Generates src/generated/openapi.ts from the server's OpenAPI description (../openapi.json) with
 * openapi-typescript. `npm run gen:openapi` writes the file; test/openapi-contract.test.ts calls
 * generate() and fails when the committed file differs, and test/openapi-contract.ts checks the
 * hand-written src/types.ts against it.
 *
 * emptyObjectsUnknown: the server's JSON values (`metadata`, `spec`) are `{"type": "object"}`
 * ("Any JSON object"), which is Record<string, unknown>, not openapi-typescript's default
 * Record<string, never> (an object with no keys).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OPENAPI_JSON = path.resolve(here, '..', '..', 'openapi.json');
export const GENERATED_TS = path.resolve(here, '..', 'src', 'generated', 'openapi.ts');

const HEADER = `/**
 * GENERATED FILE, do not edit: the types of the server's OpenAPI description, clients/openapi.json,
 * made by openapi-typescript (scripts/gen-openapi.mjs, option emptyObjectsUnknown).
 * Regenerate with \`npm run gen:openapi\` (in clients/typescript) after clients/openapi.json changes;
 * test/openapi-contract.test.ts fails while this file is out of date.
 */

`;

/** The contents of src/generated/openapi.ts for the given OpenAPI description. */
export async function generate(openapiJson = OPENAPI_JSON) {
  const ast = await openapiTS(pathToFileURL(openapiJson), { emptyObjectsUnknown: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : GENERATED_TS;
  writeFileSync(out, await generate());
  console.log(`${path.relative(process.cwd(), OPENAPI_JSON)} → ${path.relative(process.cwd(), out)}`);
}
