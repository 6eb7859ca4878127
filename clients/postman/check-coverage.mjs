// Checks that the Postman collection has a request for every endpoint of the README's REST API
// table. Reads the table rows (lines starting with "| `GET", "| `POST", "| `PATCH", "| `DELETE"),
// takes each "METHOD /path" of the first cell ("`GET`/`DELETE /path`" counts for both methods,
// "`GET /a/`, `GET /b/`" for both paths), drops query strings and turns "<id>"-like segments into
// a variable; the collection's URLs get the same treatment ("{{jobId}}" segments are variables).
// Exits 1 listing every endpoint the collection lacks.
//
// Usage: node check-coverage.mjs [README] [collection]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const readmePath = process.argv[2] || join(here, '..', '..', 'README.md');
const collectionPath = process.argv[3] || join(here, 'ideaforge.postman_collection.json');

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/** "/api/jobs/<id>/events/?after=<seq>" → "/api/jobs/:var/events/" */
function normalise(path) {
  const p = path.split('?')[0].trim();
  return p
    .split('/')
    .map((seg) => (/^<[^>]+>$/.test(seg) || /^\{\{[^}]+\}\}$/.test(seg) || /^:\w+$/.test(seg) ? ':var' : seg))
    .join('/');
}

function readmeEndpoints(text) {
  const endpoints = new Map(); // "METHOD path" → README line number
  text.split('\n').forEach((line, i) => {
    if (!/^\| `(GET|POST|PATCH|PUT|DELETE)/.test(line)) return;
    const cell = line.split('|')[1];
    // Every backticked piece of the first cell: "GET", "DELETE /api/...", "GET /api/...".
    const pieces = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim());
    let pending = []; // methods written alone ("`GET`/`DELETE /path`")
    for (const piece of pieces) {
      const [first, ...rest] = piece.split(/\s+/);
      if (!METHODS.includes(first)) continue;
      if (rest.length === 0) {
        pending.push(first);
        continue;
      }
      for (const method of [...pending, first]) endpoints.set(`${method} ${normalise(rest.join(' '))}`, i + 1);
      pending = [];
    }
  });
  return endpoints;
}

function collectionEndpoints(collection) {
  const found = new Map(); // "METHOD path" → request names
  const walk = (items, trail) => {
    for (const item of items || []) {
      if (item.item) {
        walk(item.item, [...trail, item.name]);
        continue;
      }
      if (!item.request) continue;
      const url = item.request.url;
      const raw = typeof url === 'string' ? url : url.raw || '/' + (url.path || []).join('/');
      const path = raw.replace(/^\{\{baseUrl\}\}/, '').replace(/^https?:\/\/[^/]+/, '');
      const key = `${item.request.method.toUpperCase()} ${normalise(path)}`;
      if (!found.has(key)) found.set(key, []);
      found.get(key).push([...trail, item.name].join(' / '));
    }
  };
  walk(collection.item, []);
  return found;
}

const expected = readmeEndpoints(readFileSync(readmePath, 'utf8'));
const have = collectionEndpoints(JSON.parse(readFileSync(collectionPath, 'utf8')));

if (expected.size === 0) {
  console.error(`check-coverage: no endpoint rows found in ${readmePath}; has the REST API table moved?`);
  process.exit(1);
}
const missing = [...expected.keys()].filter((k) => !have.has(k));
for (const key of expected.keys()) {
  console.log(`${have.has(key) ? 'ok     ' : 'MISSING'} ${key}${have.has(key) ? `  (${have.get(key).length} request(s))` : ''}`);
}
if (missing.length) {
  console.error(`\ncheck-coverage: the collection lacks ${missing.length} of ${expected.size} README endpoints:`);
  for (const key of missing) console.error(`  ${key}  (README line ${expected.get(key)})`);
  process.exit(1);
}
console.log(`\ncheck-coverage: all ${expected.size} README endpoints are in the collection.`);
