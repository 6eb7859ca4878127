// Writes ideaforge.postman_collection.json (Postman collection v2.1) from the definitions below.
// The JSON file is what Postman imports and newman runs; this script only keeps the test scripts
// readable (plain JavaScript here instead of escaped strings in JSON). Edit here, then run
// `npm run build` (or `node build-collection.mjs`) and commit both files.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Shared script snippets. Postman runs every script in its own scope, so helpers are inlined
// into the scripts that need them.

/** Helpers every script gets: save a variable, read one, move the run, wait a little. */
const PRELUDE = `
// --- helpers (generated; see build-collection.mjs) ---
// Ids and tokens live in collection variables. An environment that declares the same name would
// hide the collection value ({{name}} takes the environment's first), so it is set there too.
const save = (name, value) => {
  pm.collectionVariables.set(name, value);
  if (pm.environment && pm.environment.has && pm.environment.has(name)) pm.environment.set(name, value);
};
const read = (name) => pm.variables.get(name);
// pm.execution.setNextRequest is the current API; postman.setNextRequest the older one.
const goTo = (name) => (pm.execution && typeof pm.execution.setNextRequest === 'function')
  ? pm.execution.setNextRequest(name) : postman.setNextRequest(name);
// The sandbox waits for pending timers before the next request: a small delay between polls.
const pause = (ms) => setTimeout(() => {}, ms);
const POLL_DELAY_MS = Number(read('pollDelayMs') || 300);
const POLL_MAX_ATTEMPTS = Number(read('pollMaxAttempts') || 100);
// One bounded attempt counter per wait: a broken server fails the run instead of looping forever.
const nextAttempt = (key) => {
  const n = Number(pm.collectionVariables.get('attempt_' + key) || 0) + 1;
  pm.collectionVariables.set('attempt_' + key, n);
  return n;
};
const resetAttempts = (key) => pm.collectionVariables.set('attempt_' + key, 0);
const giveUp = (key, why) => {
  pm.test('wait "' + key + '" ends within ' + POLL_MAX_ATTEMPTS + ' attempts: ' + why, () => {
    pm.expect.fail('gave up after ' + POLL_MAX_ATTEMPTS + ' attempts: ' + why);
  });
  resetAttempts(key);
  goTo(null); // stop the run: what follows depends on this wait
};
// --- end of helpers ---
`;

const S = {
  uuid: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
  time: { type: 'string', minLength: 10 },
};
const nullable = (t) => ({ type: [t, 'null'] });
const STATUS = { type: 'string', enum: ['collecting', 'queued', 'running', 'done', 'failed'] };

const SCHEMAS = {
  user: {
    type: 'object',
    required: ['id', 'email', 'username', 'name', 'date_joined'],
    properties: {
      id: S.uuid,
      email: { type: 'string' },
      username: nullable('string'),
      name: nullable('string'),
      date_joined: S.time,
    },
  },
  job: {
    type: 'object',
    required: [
      'id', 'initial_prompt', 'prompt', 'requirements_summary', 'status', 'error_message',
      'is_paused', 'token_budget', 'created_at', 'updated_at',
    ],
    properties: {
      id: S.uuid,
      initial_prompt: { type: 'string' },
      prompt: { type: 'string' },
      requirements_summary: nullable('string'),
      status: STATUS,
      error_message: nullable('string'),
      is_paused: { type: 'boolean' },
      token_budget: nullable('integer'),
      created_at: S.time,
      updated_at: S.time,
    },
  },
  message: {
    type: 'object',
    required: ['id', 'job_id', 'role', 'sender', 'content', 'metadata', 'created_at'],
    properties: {
      id: S.uuid,
      job_id: S.uuid,
      role: { type: 'string', enum: ['user', 'agent', 'system'] },
      sender: { type: 'string' },
      content: { type: 'string' },
      created_at: S.time,
    },
  },
  step: {
    type: 'object',
    required: ['id', 'agent_name', 'message', 'order', 'metadata', 'created_at'],
    properties: {
      id: S.uuid,
      agent_name: { type: 'string' },
      message: { type: 'string' },
      order: { type: 'integer', minimum: 0 },
      created_at: S.time,
    },
  },
  spec: {
    type: 'object',
    required: ['requirements', 'discussion', 'summary', 'prd'],
    properties: { summary: { type: 'string' }, prd: { type: 'object' } },
  },
  event: {
    type: 'object',
    required: ['kind', 'seq', 'jobId'],
    properties: {
      kind: { type: 'string', enum: ['chat', 'status', 'step', 'app', 'message_deleted'] },
      seq: { type: 'integer', minimum: 1 },
      jobId: S.uuid,
    },
  },
  pause: {
    type: 'object',
    required: ['detail', 'is_paused', 'status'],
    properties: { detail: { type: 'string' }, is_paused: { type: 'boolean' }, status: STATUS },
  },
  detail: { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } },
};
SCHEMAS.auth = {
  type: 'object',
  required: ['access', 'refresh', 'user'],
  properties: {
    access: { type: 'string', minLength: 20 },
    refresh: { type: 'string', minLength: 20 },
    user: SCHEMAS.user,
  },
};
SCHEMAS.pair = {
  type: 'object',
  required: ['access', 'refresh'],
  properties: { access: { type: 'string', minLength: 20 }, refresh: { type: 'string', minLength: 20 } },
};
SCHEMAS.jobDetail = {
  type: 'object',
  required: [...SCHEMAS.job.required, 'steps', 'messages', 'usage'],
  properties: {
    ...SCHEMAS.job.properties,
    steps: { type: 'array', items: SCHEMAS.step },
    messages: { type: 'array', items: SCHEMAS.message },
    usage: {
      type: 'object',
      required: ['llm_calls', 'prompt_tokens', 'completion_tokens'],
      properties: {
        llm_calls: { type: 'integer', minimum: 0 },
        prompt_tokens: { type: 'integer', minimum: 0 },
        completion_tokens: { type: 'integer', minimum: 0 },
      },
    },
  },
};
SCHEMAS.app = {
  type: 'object',
  required: ['id', 'job_id', 'spec', 'version', 'created_at', 'updated_at'],
  properties: {
    id: S.uuid,
    job_id: S.uuid,
    spec: SCHEMAS.spec,
    version: { type: 'integer', minimum: 1 },
    created_at: S.time,
    updated_at: S.time,
  },
};
SCHEMAS.version = {
  type: 'object',
  required: ['version', 'spec', 'change_request', 'created_at'],
  properties: {
    version: { type: 'integer', minimum: 1 },
    spec: SCHEMAS.spec,
    change_request: nullable('string'),
    created_at: S.time,
  },
};

/** `const <name>Schema = {...};` for each schema a script uses. */
const schemas = (...names) =>
  names.map((n) => `const ${n}Schema = ${JSON.stringify(SCHEMAS[n])};`).join('\n');
const arrayOf = (name) => `{ type: 'array', items: ${name}Schema }`;

const status = (code) =>
  `pm.test('status is ${code}', () => pm.response.to.have.status(${code}));`;
const detailError = (code, word) => `${status(code)}
pm.test('answers {"detail": ...}${word ? ` mentioning "${word}"` : ''}', () => {
  pm.response.to.have.jsonSchema(${JSON.stringify(SCHEMAS.detail)});
  ${word ? `pm.expect(pm.response.json().detail.toLowerCase()).to.include(${JSON.stringify(word.toLowerCase())});` : ''}
});`;
const fieldError = (code, field) => `${status(code)}
pm.test('answers a field error on "${field}"', () => {
  const body = pm.response.json();
  pm.expect(body).to.have.property(${JSON.stringify(field)});
  pm.expect(body[${JSON.stringify(field)}]).to.be.an('array').that.is.not.empty;
});`;
const notFound = `${status(404)}`;
const unauthorized = `${status(401)}
pm.test('answers a "detail"', () => pm.expect(pm.response.json()).to.have.property('detail'));`;
const emptyBody = `pm.test('has no body', () => pm.expect(pm.response.text()).to.equal(''));`;

// ---------------------------------------------------------------------------------------------
// Items.

const lines = (code) => code.replace(/^\n/, '').split('\n');
const script = (listen, code) => ({
  listen,
  script: { type: 'text/javascript', exec: lines(PRELUDE + '\n' + code.trim()) },
});

/**
 * One request. `path` is relative to {{baseUrl}}, e.g. '/api/jobs/{{jobId}}/'; `query` an object;
 * `auth`: undefined inherits the collection's Bearer {{access}}, 'none' is noauth, a string is a
 * Bearer token expression.
 */
function req(name, method, path, opts = {}) {
  const [pathOnly] = path.split('?');
  const query = Object.entries(opts.query || {}).map(([key, value]) => ({ key, value }));
  const raw =
    '{{baseUrl}}' + pathOnly + (query.length ? '?' + query.map((q) => `${q.key}=${q.value}`).join('&') : '');
  const request = {
    method,
    header: [{ key: 'Accept', value: 'application/json' }],
    url: {
      raw,
      host: ['{{baseUrl}}'],
      path: pathOnly.replace(/^\//, '').split('/'),
      ...(query.length ? { query } : {}),
    },
  };
  if (opts.body !== undefined) {
    request.header.push({ key: 'Content-Type', value: 'application/json' });
    request.body = {
      mode: 'raw',
      raw: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body, null, 2),
      options: { raw: { language: 'json' } },
    };
  }
  if (opts.auth === 'none') request.auth = { type: 'noauth' };
  else if (typeof opts.auth === 'string')
    request.auth = { type: 'bearer', bearer: [{ key: 'token', value: opts.auth, type: 'string' }] };
  if (opts.description) request.description = opts.description.trim();
  const event = [];
  if (opts.pre) event.push(script('prerequest', opts.pre));
  if (opts.test) event.push(script('test', opts.test));
  return { name, event, request, response: [] };
}

const folder = (name, description, item) => ({ name, description: description.trim(), item });

// The scripted interviewer (LLM_PROVIDER=scripted) asks one question per open topic; these are
// the answers test-support's Interviewee gives, in order. After them it writes its summary.
const IDEA = 'A habit tracker for remote teams';
const ANSWERS = [
  'Remote teams forget their daily check-ins',
  'Daily check-ins, streaks and reminders',
  'Web and iOS',
  'A small budget',
];
const CHANGE_REQUEST = 'Add an Android app and a weekly summary e-mail for team leads.';

const WEBSOCKET = `
**WebSocket (live events).** Postman collection v2.1 cannot hold WebSocket requests and newman
cannot run them; open the socket in Postman's WebSocket tab instead (see \`websocket.md\` next to
this collection). \`GET /api/jobs/{{jobId}}/events/?after=<seq>\` below is its REST equivalent and
returns the very same JSON objects.

- URL: \`{{wsUrl}}/ws/jobs/{{jobId}}/?after=0&token={{access}}\` (the \`token\` query parameter is
  accepted while \`ALLOW_WS_TOKEN_QUERY\` is true, as in the dev profile; otherwise send the header
  \`Authorization: Bearer {{access}}\`).
- With \`after=<seq>\` the server first replays every stored event with a greater \`seq\`, then sends
  live ones, without gap or duplicate. Without \`after\` only live events come.
- Server → client, one JSON object per text frame, each with \`kind\`, \`seq\` (1, 2, 3… per job)
  and \`jobId\`: \`chat\` (\`id, role, sender, content, metadata, timestamp\`), \`status\`
  (\`status, message, paused, timestamp\`), \`step\` (\`id, agent, message, order, timestamp\`), \`app\`
  (\`id, status, spec, version, timestamp\`), \`message_deleted\` (\`id, timestamp\`: the tombstone
  of a deleted message, on replay only), and \`error\` (\`message\` only, not stored, no \`seq\`).
- Client → server: only \`{"kind":"chat","content":"..."}\` (stored as a user message: an
  interview answer while collecting, a comment for the next executive turn while queued/running;
  an \`error\` frame on a done/failed job, bad JSON or over-long content).
- Close codes: 4001 no/invalid/expired token (\`Token expired\`: refresh, reconnect with \`after\`)
  or \`Token revoked\` (logout, refresh-token reuse: log in again); 4003 job missing, not yours or
  deleted (stop); 1008 too many sockets or a bad \`after\`; 1009 frame too large; 1011 tokens cannot
  be checked (Redis away: retry later); 1001/1006 server restart or network loss (reconnect with
  \`after\`).
`;

const items = [
  folder(
    '1. Auth',
    `
Registers a fresh user (a random e-mail made in the pre-request script), logs in with it and
reads it back. \`access\` and \`refresh\` are stored in collection variables; every other request
uses the collection's Bearer \`{{access}}\` auth. Register, login and refresh use no auth.
`,
    [
      req('Register', 'POST', '/api/auth/register/', {
        auth: 'none',
        body: { email: '{{email}}', password: '{{password}}', name: 'Postman Tester' },
        description: `\`{"email","password","name"?,"username"?,"password2"?}\` → 201 \`{"access","refresh","user"}\`. The pre-request script makes a fresh e-mail (pm-<uuid>@example.com) for every run.`,
        pre: `
save('email', 'pm-' + pm.variables.replaceIn('{{$randomUUID}}') + '@example.com');
if (!read('password')) save('password', 'correct-horse-9');
for (const key of ['firstQuestion', 'interview', 'discussion', 'revision', 'job2Reply']) resetAttempts(key);
save('answered', 0);
`,
        test: `
${schemas('auth')}
${status(201)}
const body = pm.response.json();
pm.test('answers {access, refresh, user} for the new e-mail', () => {
  pm.response.to.have.jsonSchema(authSchema);
  pm.expect(body.user.email).to.equal(read('email'));
  pm.expect(body.user.name).to.equal('Postman Tester');
});
save('access', body.access);
save('refresh', body.refresh);
save('userId', body.user.id);
`,
      }),
      req('Register the same e-mail again (400)', 'POST', '/api/auth/register/', {
        auth: 'none',
        body: { email: '{{email}}', password: '{{password}}' },
        description: 'An e-mail that is taken answers 400 on the `email` field (Django REST framework shape).',
        test: fieldError(400, 'email'),
      }),
      req('Login', 'POST', '/api/auth/login/', {
        auth: 'none',
        body: { email: '{{email}}', password: '{{password}}' },
        description: '`{"email" or "username","password"}` → 200 `{"access","refresh","user"}`; starts a new token family.',
        test: `
${schemas('auth')}
${status(200)}
const body = pm.response.json();
pm.test('answers {access, refresh, user} of the same user', () => {
  pm.response.to.have.jsonSchema(authSchema);
  pm.expect(body.user.id).to.equal(read('userId'));
});
save('access', body.access);
save('refresh', body.refresh);
`,
      }),
      req('Login with a wrong password (400)', 'POST', '/api/auth/login/', {
        auth: 'none',
        body: { email: '{{email}}', password: 'not-the-password' },
        description: 'Wrong credentials answer 400 `{"detail": "No active account found with the given credentials"}` (this API answers 400 here, not 401). Each failure counts against `RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT` (10/15m).',
        test: detailError(400, 'No active account'),
      }),
      req('Me', 'GET', '/api/auth/me/', {
        description: 'The authenticated user.',
        test: `
${schemas('user')}
${status(200)}
pm.test('is the registered user', () => {
  pm.response.to.have.jsonSchema(userSchema);
  pm.expect(pm.response.json().id).to.equal(read('userId'));
  pm.expect(pm.response.json().email).to.equal(read('email'));
});
`,
      }),
      req('Me without a token (401)', 'GET', '/api/auth/me/', { auth: 'none', test: unauthorized }),
    ],
  ),

  folder(
    '2. Jobs',
    `
Creates the job the scenario follows (\`jobId\`), lists and reads it, edits its token budget, and
shows the controls that do not apply to a collecting job: \`continue\` and \`retry\` answer 409 (a
retry only applies to a \`failed\` job), and the job has no app yet (204).
`,
    [
      req('Create a job', 'POST', '/api/jobs/', {
        body: { prompt: IDEA, token_budget: 500000 },
        description: '`{"prompt", "token_budget"?}` → 201 job detail. The workflow starts and Client Relations replies right away.',
        test: `
${schemas('jobDetail')}
${status(201)}
const job = pm.response.json();
pm.test('is a collecting job with the prompt as its first message', () => {
  pm.response.to.have.jsonSchema(jobDetailSchema);
  pm.expect(job.status).to.equal('collecting');
  pm.expect(job.initial_prompt).to.equal(${JSON.stringify(IDEA)});
  pm.expect(job.token_budget).to.equal(500000);
  pm.expect(job.is_paused).to.equal(false);
  pm.expect(job.messages[0].role).to.equal('user');
  pm.expect(job.messages[0].content).to.equal(${JSON.stringify(IDEA)});
});
save('jobId', job.id);
save('firstMessageId', job.messages[0].id);
`,
      }),
      req('Create a job with an empty prompt (400)', 'POST', '/api/jobs/', {
        body: { prompt: '' },
        test: fieldError(400, 'prompt'),
      }),
      req('List jobs', 'GET', '/api/jobs/', {
        description: "The user's jobs, newest first.",
        test: `
${schemas('job')}
${status(200)}
pm.test('is an array of jobs holding the new one', () => {
  pm.response.to.have.jsonSchema(${arrayOf('job')});
  pm.expect(pm.response.json().map((j) => j.id)).to.include(read('jobId'));
});
`,
      }),
      req('Job detail', 'GET', '/api/jobs/{{jobId}}/', {
        description: 'Job with `steps`, `messages`, `usage`, `token_budget` and `is_paused`.',
        test: `
${schemas('jobDetail')}
${status(200)}
pm.test('is the job with steps, messages and usage', () => {
  pm.response.to.have.jsonSchema(jobDetailSchema);
  pm.expect(pm.response.json().id).to.equal(read('jobId'));
});
`,
      }),
      req('PATCH the token budget', 'PATCH', '/api/jobs/{{jobId}}/', {
        body: { token_budget: 900000 },
        description: '`{"initial_prompt"}` while collecting (else 409) and/or `{"token_budget"}` in any status → the job. (The `initial_prompt` edit is shown on the second job, so this interview stays as scripted.)',
        test: `
${schemas('jobDetail')}
${status(200)}
pm.test('answers the job with the new budget', () => {
  pm.response.to.have.jsonSchema(jobDetailSchema);
  pm.expect(pm.response.json().token_budget).to.equal(900000);
});
`,
      }),
      req('PATCH a token budget of 0 (400)', 'PATCH', '/api/jobs/{{jobId}}/', {
        body: { token_budget: 0 },
        test: fieldError(400, 'token_budget'),
      }),
      req('Continue a collecting job (409)', 'POST', '/api/jobs/{{jobId}}/continue/', {
        body: { requirements: 'Too early: the job is still collecting.' },
        description: 'A change request applies to a `done` job only: 409 while collecting, queued or running.',
        test: detailError(409),
      }),
      req('Retry a job that is not failed (409)', 'POST', '/api/jobs/{{jobId}}/retry/', {
        description: '`POST /retry/` applies to a `failed` job only (→ 202 `{"detail": "Retry queued."}`). The scripted provider never fails, so this run shows the documented 409 for a job in any other status.',
        test: detailError(409),
      }),
      req('App by job while there is none (204)', 'GET', '/api/apps/by-job/{{jobId}}/', {
        description: "The job's app, or 204 while there is none.",
        test: `${status(204)}\n${emptyBody}`,
      }),
    ],
  ),

  folder(
    '3. Interview',
    `
Answers Client Relations over REST: each answer is \`POST /api/job-messages/\` with role \`user\`.
"Wait for the interview" polls the job detail: when the last message is a question it sends the
run back to "Answer the question" (\`setNextRequest\`), while the agent is thinking it polls itself
after a short delay, and once the reply carrying \`REQUIREMENTS_SUMMARY\` moved the job on
(\`queued\`, \`running\` or \`done\`) the run goes on. Every wait is bounded
(\`pollMaxAttempts\` × \`pollDelayMs\`); a wait that runs out fails the test and stops the run.
`,
    [
      req('Wait for the first question', 'GET', '/api/jobs/{{jobId}}/', {
        test: `
${status(200)}
const job = pm.response.json();
const last = job.messages[job.messages.length - 1];
if (last && last.role === 'agent') {
  pm.test('Client Relations asked a first question', () => {
    pm.expect(last.content).to.include('?');
    pm.expect(last.content).not.to.include('REQUIREMENTS_SUMMARY');
  });
  save('questionMessageId', last.id);
  resetAttempts('firstQuestion');
} else if (nextAttempt('firstQuestion') < POLL_MAX_ATTEMPTS) {
  goTo(pm.info.requestName);
  pause(POLL_DELAY_MS);
} else {
  giveUp('firstQuestion', 'no agent reply to the prompt');
}
`,
      }),
      req('Answer the question', 'POST', '/api/job-messages/', {
        body: {
          job_id: '{{jobId}}',
          role: 'user',
          sender: 'postman',
          content: '{{answer}}',
          metadata: { client: 'postman', answer: '{{answered}}' },
        },
        description: '`{"job_id","role","sender","content","metadata"?}` → 201 message. A user message while collecting is an answer to Client Relations (the workflow is signalled).',
        pre: `
const answers = ${JSON.stringify(ANSWERS)};
const n = Number(read('answered') || 0);
// More questions than scripted answers (another interviewer): say there is nothing more to add.
save('answer', n < answers.length ? answers[n] : 'Nothing more to add; please write the summary.');
`,
        test: `
${schemas('message')}
${status(201)}
const m = pm.response.json();
pm.test('stored the answer as a user message of the job', () => {
  pm.response.to.have.jsonSchema(messageSchema);
  pm.expect(m.job_id).to.equal(read('jobId'));
  pm.expect(m.role).to.equal('user');
  pm.expect(m.content).to.equal(read('answer'));
  pm.expect(m.metadata).to.deep.equal({ client: 'postman', answer: String(read('answered')) });
});
const n = Number(read('answered') || 0);
if (n === 0) save('messageId', m.id);
save('answered', n + 1);
`,
      }),
      req('Wait for the interview to end', 'GET', '/api/jobs/{{jobId}}/', {
        description: 'Polls the job until Client Relations wrote its summary; loops back to "Answer the question" while it asks.',
        test: `
${status(200)}
const job = pm.response.json();
const last = job.messages[job.messages.length - 1];
const asking = last && last.role === 'agent' && !last.content.includes('REQUIREMENTS_SUMMARY');
if (['queued', 'running', 'done'].includes(job.status)) {
  resetAttempts('interview');
  pm.test('the interview ended with REQUIREMENTS_SUMMARY (status ' + job.status + ')', () => {
    pm.expect(job.requirements_summary).to.be.a('string').that.is.not.empty;
    const summary = job.messages.filter((m) => m.role === 'agent' && m.content.includes('REQUIREMENTS_SUMMARY'));
    pm.expect(summary).to.have.lengthOf(1);
    pm.expect(Number(read('answered'))).to.be.at.least(1);
  });
} else if (job.status !== 'collecting') {
  pm.test('the interview does not fail', () => pm.expect(job.status, job.error_message).to.equal('collecting'));
  goTo(null);
} else if (asking && Number(read('answered')) < 8) {
  resetAttempts('interview');
  goTo('Answer the question');
} else if (nextAttempt('interview') < POLL_MAX_ATTEMPTS) {
  goTo(pm.info.requestName);
  pause(POLL_DELAY_MS);
} else {
  giveUp('interview', 'the job stayed collecting');
}
`,
      }),
      req('List the job messages', 'GET', '/api/job-messages/', {
        query: { job_id: '{{jobId}}' },
        description: "The job's messages, oldest first.",
        test: `
${schemas('message')}
${status(200)}
const list = pm.response.json();
pm.test('holds the prompt, every answer and the summary, oldest first', () => {
  pm.response.to.have.jsonSchema(${arrayOf('message')});
  pm.expect(list[0].id).to.equal(read('firstMessageId'));
  pm.expect(list.filter((m) => m.role === 'user').length).to.equal(Number(read('answered')) + 1);
  pm.expect(list.map((m) => m.id)).to.include(read('messageId'));
  const times = list.map((m) => Date.parse(m.created_at));
  pm.expect(times).to.deep.equal([...times].sort((a, b) => a - b));
});
`,
      }),
      req('Get a message', 'GET', '/api/job-messages/{{messageId}}/', {
        description: 'One message (the first answer).',
        test: `
${schemas('message')}
${status(200)}
pm.test('is the first answer', () => {
  pm.response.to.have.jsonSchema(messageSchema);
  pm.expect(pm.response.json().id).to.equal(read('messageId'));
  pm.expect(pm.response.json().content).to.equal(${JSON.stringify(ANSWERS[0])});
});
`,
      }),
    ],
  ),

  folder(
    '4. Pause and resume (second job)',
    `
A second job (\`job2Id\`), left collecting: its prompt is edited (PATCH \`initial_prompt\`, allowed
while collecting), it is paused and resumed, and pausing or resuming twice answers 400.
`,
    [
      req('Create a second job', 'POST', '/api/jobs/', {
        body: { prompt: 'A recipe planner' },
        test: `
${schemas('jobDetail')}
${status(201)}
pm.test('is collecting and not paused', () => {
  pm.response.to.have.jsonSchema(jobDetailSchema);
  pm.expect(pm.response.json().status).to.equal('collecting');
  pm.expect(pm.response.json().is_paused).to.equal(false);
  pm.expect(pm.response.json().token_budget).to.be.a('number');
});
save('job2Id', pm.response.json().id);
`,
      }),
      req('PATCH the initial prompt while collecting', 'PATCH', '/api/jobs/{{job2Id}}/', {
        body: { initial_prompt: 'A recipe planner for busy parents' },
        test: `
${schemas('jobDetail')}
${status(200)}
pm.test('answers the job with the new initial prompt', () => {
  pm.response.to.have.jsonSchema(jobDetailSchema);
  pm.expect(pm.response.json().initial_prompt).to.equal('A recipe planner for busy parents');
  pm.expect(pm.response.json().status).to.equal('collecting');
});
`,
      }),
      req('Pause the second job', 'POST', '/api/jobs/{{job2Id}}/pause/', {
        description: '→ 200 `{"detail": "Job paused.", "is_paused": true, "status"}`; the status stays.',
        test: `
${schemas('pause')}
${status(200)}
pm.test('is paused and still collecting', () => {
  pm.response.to.have.jsonSchema(pauseSchema);
  pm.expect(pm.response.json()).to.deep.equal({ detail: 'Job paused.', is_paused: true, status: 'collecting' });
});
`,
      }),
      req('Pause it again (400)', 'POST', '/api/jobs/{{job2Id}}/pause/', {
        description: '400 when already paused (and for a `done` or `failed` job).',
        test: detailError(400),
      }),
      req('Second job detail while paused', 'GET', '/api/jobs/{{job2Id}}/', {
        test: `
${schemas('jobDetail')}
${status(200)}
pm.test('shows is_paused: true', () => {
  pm.response.to.have.jsonSchema(jobDetailSchema);
  pm.expect(pm.response.json().is_paused).to.equal(true);
  pm.expect(pm.response.json().status).to.equal('collecting');
});
`,
      }),
      req('Resume the second job', 'POST', '/api/jobs/{{job2Id}}/resume/', {
        description: '→ 200 `{"detail": "Job resumed.", "is_paused": false, "status"}`.',
        test: `
${schemas('pause')}
${status(200)}
pm.test('is resumed and still collecting', () => {
  pm.response.to.have.jsonSchema(pauseSchema);
  pm.expect(pm.response.json()).to.deep.equal({ detail: 'Job resumed.', is_paused: false, status: 'collecting' });
});
`,
      }),
      req('Resume it again (400)', 'POST', '/api/jobs/{{job2Id}}/resume/', {
        description: '400 when not paused.',
        test: detailError(400),
      }),
    ],
  ),

  folder(
    '5. Discussion and app',
    `
Waits for the executives (CEO, CTO) and the Secretary to finish the first job, then reads its app
(version 1) over every app endpoint. A done job refuses chat (409) and prompt edits (409).
`,
    [
      req('Wait for the job to be done', 'GET', '/api/jobs/{{jobId}}/', {
        test: `
${schemas('jobDetail')}
${status(200)}
const job = pm.response.json();
if (job.status === 'done') {
  resetAttempts('discussion');
  pm.test('is done with discussion steps and usage', () => {
    pm.response.to.have.jsonSchema(jobDetailSchema);
    pm.expect(job.steps.length).to.be.at.least(2);
    pm.expect(job.steps.map((s) => s.order)).to.deep.equal(job.steps.map((s) => s.order).sort((a, b) => a - b));
    pm.expect(job.usage.llm_calls).to.be.at.least(1);
    pm.expect(job.error_message).to.equal(null);
  });
} else if (job.status === 'failed') {
  pm.test('the job does not fail', () => pm.expect.fail(job.error_message));
  goTo(null);
} else if (nextAttempt('discussion') < POLL_MAX_ATTEMPTS) {
  goTo(pm.info.requestName);
  pause(POLL_DELAY_MS);
} else {
  giveUp('discussion', 'the job stayed ' + job.status);
}
`,
      }),
      req('List apps', 'GET', '/api/apps/', {
        description: 'Apps (`id, job_id, spec, version, created_at, updated_at`), the latest version of each.',
        test: `
${schemas('app')}
${status(200)}
const apps = pm.response.json();
pm.test('holds the app of the job', () => {
  pm.response.to.have.jsonSchema(${arrayOf('app')});
  const app = apps.find((a) => a.job_id === read('jobId'));
  pm.expect(app, 'app of the job').to.be.an('object');
  save('appId', app.id);
});
`,
      }),
      req('Get the app', 'GET', '/api/apps/{{appId}}/', {
        test: `
${schemas('app')}
${status(200)}
const app = pm.response.json();
pm.test('is version 1 with requirements, discussion, summary and prd', () => {
  pm.response.to.have.jsonSchema(appSchema);
  pm.expect(app.id).to.equal(read('appId'));
  pm.expect(app.job_id).to.equal(read('jobId'));
  pm.expect(app.version).to.equal(1);
  pm.expect(app.spec.summary).to.be.a('string').that.is.not.empty;
});
`,
      }),
      req('App by job', 'GET', '/api/apps/by-job/{{jobId}}/', {
        test: `
${schemas('app')}
${status(200)}
pm.test('is the same app', () => {
  pm.response.to.have.jsonSchema(appSchema);
  pm.expect(pm.response.json().id).to.equal(read('appId'));
});
`,
      }),
      req('App versions (one)', 'GET', '/api/apps/{{appId}}/versions/', {
        description: 'Every version of the spec, oldest first: `[{"version", "spec", "change_request", "created_at"}]`.',
        test: `
${schemas('version')}
${status(200)}
pm.test('has version 1 without a change request', () => {
  pm.response.to.have.jsonSchema(${arrayOf('version')});
  const versions = pm.response.json();
  pm.expect(versions).to.have.lengthOf(1);
  pm.expect(versions[0].version).to.equal(1);
  pm.expect(versions[0].change_request).to.equal(null);
});
`,
      }),
      req('Chat on a done job (409)', 'POST', '/api/job-messages/', {
        body: { job_id: '{{jobId}}', role: 'user', sender: 'postman', content: 'One more thing' },
        description: 'User messages are refused once the job is `done` or `failed` (use a change request).',
        test: detailError(409),
      }),
      req('PATCH the initial prompt of a done job (409)', 'PATCH', '/api/jobs/{{jobId}}/', {
        body: { initial_prompt: 'Too late' },
        test: detailError(409),
      }),
      req('Pause a done job (400)', 'POST', '/api/jobs/{{jobId}}/pause/', { test: detailError(400) }),
    ],
  ),

  folder(
    '6. Change request (version 2)',
    `
\`POST /continue/\` on the done job sends it back through \`queued\` → \`running\` → \`done\`; the app
keeps its id and becomes version 2, and both versions stay readable.
`,
    [
      req('Continue with a change request', 'POST', '/api/jobs/{{jobId}}/continue/', {
        body: { requirements: CHANGE_REQUEST },
        description: '`{"requirements"}` (1–5000 chars) on a `done` job → 202 `{"detail": "Continuation queued."}`.',
        test: `
${status(202)}
pm.test('answers "Continuation queued."', () => pm.expect(pm.response.json()).to.deep.equal({ detail: 'Continuation queued.' }));
`,
      }),
      req('Continue again while pending (409)', 'POST', '/api/jobs/{{jobId}}/continue/', {
        body: { requirements: 'A second change at once' },
        test: detailError(409),
      }),
      req('Wait for version 2', 'GET', '/api/apps/by-job/{{jobId}}/', {
        test: `
${schemas('app')}
const app = pm.response.code === 200 ? pm.response.json() : null;
if (app && app.version >= 2) {
  resetAttempts('revision');
  pm.test('the app is version 2 with the same id', () => {
    pm.response.to.have.jsonSchema(appSchema);
    pm.expect(app.version).to.equal(2);
    pm.expect(app.id).to.equal(read('appId'));
  });
} else if (pm.response.code !== 200) {
  // 204 would mean the app is gone; anything else (or no answer at all) a broken server.
  giveUp('revision', 'GET /api/apps/by-job/ answered ' + pm.response.code);
} else if (nextAttempt('revision') < POLL_MAX_ATTEMPTS) {
  goTo(pm.info.requestName);
  pause(POLL_DELAY_MS);
} else {
  giveUp('revision', 'the app stayed at version ' + app.version);
}
`,
      }),
      req('Wait for the job to be done again', 'GET', '/api/jobs/{{jobId}}/', {
        test: `
${status(200)}
const job = pm.response.json();
if (job.status === 'done') {
  resetAttempts('discussion');
  pm.test('is done again', () => pm.expect(job.is_paused).to.equal(false));
} else if (job.status !== 'failed' && nextAttempt('discussion') < POLL_MAX_ATTEMPTS) {
  goTo(pm.info.requestName);
  pause(POLL_DELAY_MS);
} else {
  giveUp('discussion', 'the job is ' + job.status);
}
`,
      }),
      req('App versions (two)', 'GET', '/api/apps/{{appId}}/versions/', {
        test: `
${schemas('version')}
${status(200)}
pm.test('has versions 1 and 2, the second with the change request', () => {
  pm.response.to.have.jsonSchema(${arrayOf('version')});
  const versions = pm.response.json();
  pm.expect(versions.map((v) => v.version)).to.deep.equal([1, 2]);
  pm.expect(versions[0].change_request).to.equal(null);
  pm.expect(versions[1].change_request).to.equal(${JSON.stringify(CHANGE_REQUEST)});
});
`,
      }),
    ],
  ),

  folder(
    '7. Events and messages (WebSocket equivalent)',
    `
The job's event log over REST, and a message deleted into a tombstone.
${WEBSOCKET}`,
    [
      req('Events after 0', 'GET', '/api/jobs/{{jobId}}/events/', {
        query: { after: '0' },
        description: `The stored events after \`seq\`, oldest first, at most 1000 (\`limit\`): the same JSON a socket sends.\n${WEBSOCKET}`,
        test: `
${schemas('event')}
${status(200)}
const events = pm.response.json();
pm.test('every event has kind, seq and jobId', () => pm.response.to.have.jsonSchema(${arrayOf('event')}));
pm.test('seqs are 1, 2, 3… without gaps', () => {
  pm.expect(events.map((e) => e.seq)).to.deep.equal(events.map((_, i) => i + 1));
  events.forEach((e) => pm.expect(e.jobId).to.equal(read('jobId')));
});
pm.test('the lifecycle is there: chats, statuses, steps and two app events', () => {
  const kinds = events.map((e) => e.kind);
  ['chat', 'status', 'step', 'app'].forEach((k) => pm.expect(kinds).to.include(k));
  const statuses = events.filter((e) => e.kind === 'status').map((e) => e.status);
  ['queued', 'running', 'done'].forEach((s) => pm.expect(statuses).to.include(s));
  pm.expect(events.filter((e) => e.kind === 'app').map((e) => e.version)).to.deep.equal([1, 2]);
});
const answer = events.find((e) => e.kind === 'chat' && e.id === read('messageId'));
pm.test('the first answer is a chat event', () => pm.expect(answer).to.be.an('object'));
if (answer) save('messageSeq', answer.seq);
save('lastSeq', events.length);
`,
      }),
      req('Events after a seq, with a limit', 'GET', '/api/jobs/{{jobId}}/events/', {
        query: { after: '{{messageSeq}}', limit: '3' },
        description: 'Only events with a greater `seq`, at most `limit`: what a client that saw `after` asks for on reconnect.',
        test: `
${schemas('event')}
${status(200)}
pm.test('answers the 3 events after the seq', () => {
  pm.response.to.have.jsonSchema(${arrayOf('event')});
  const after = Number(read('messageSeq'));
  pm.expect(pm.response.json().map((e) => e.seq)).to.deep.equal([after + 1, after + 2, after + 3]);
});
`,
      }),
      req('Events after the last seq (none)', 'GET', '/api/jobs/{{jobId}}/events/', {
        query: { after: '{{lastSeq}}' },
        test: `
${status(200)}
pm.test('is empty', () => pm.expect(pm.response.json()).to.deep.equal([]));
`,
      }),
      req('Events with a bad after (400)', 'GET', '/api/jobs/{{jobId}}/events/', {
        query: { after: '-1' },
        test: fieldError(400, 'after'),
      }),
      req('Delete a message', 'DELETE', '/api/job-messages/{{messageId}}/', {
        description: 'Deletes the first answer: 204, and its `chat` event becomes a `message_deleted` tombstone with the same `seq`.',
        test: `${status(204)}\n${emptyBody}`,
      }),
      req('Get the deleted message (404)', 'GET', '/api/job-messages/{{messageId}}/', { test: notFound }),
      req('Events show the tombstone', 'GET', '/api/jobs/{{jobId}}/events/', {
        query: { after: '0' },
        test: `
${schemas('event')}
${status(200)}
const events = pm.response.json();
pm.test('seqs stay gapless', () => {
  pm.response.to.have.jsonSchema(${arrayOf('event')});
  pm.expect(events.map((e) => e.seq)).to.deep.equal(events.map((_, i) => i + 1));
});
pm.test('the deleted message is a message_deleted event at its seq, without content', () => {
  const e = events.find((x) => x.seq === Number(read('messageSeq')));
  pm.expect(e.kind).to.equal('message_deleted');
  pm.expect(e.id).to.equal(read('messageId'));
  pm.expect(e).not.to.have.property('content');
  // (Its text still shows inside the interviewer's summary, which quotes the answers.)
  const chats = events.filter((x) => x.kind === 'chat');
  pm.expect(chats.map((x) => x.id)).not.to.include(read('messageId'));
  pm.expect(chats.map((x) => x.content)).not.to.include(${JSON.stringify(ANSWERS[0])});
});
`,
      }),
      req('List messages without the deleted one', 'GET', '/api/job-messages/', {
        query: { job_id: '{{jobId}}' },
        test: `
${status(200)}
pm.test('the deleted message is gone', () => pm.expect(pm.response.json().map((m) => m.id)).not.to.include(read('messageId')));
`,
      }),
    ],
  ),

  folder(
    '8. Tokens: refresh, reuse, logout',
    `
Token lifecycle. A refresh rotates the pair; presenting the old refresh token again is reuse and
revokes the whole login (its refresh and access tokens: RFC 9700 §4.14.2), so the run logs in
again. Logout answers 205 and the access token is refused at once; a new login carries on.
`,
    [
      req('Refresh the token', 'POST', '/api/auth/token/refresh/', {
        auth: 'none',
        body: { refresh: '{{refresh}}' },
        description: '`{"refresh"}` → a new pair; the presented refresh token stops working.',
        test: `
${schemas('pair')}
${status(200)}
const body = pm.response.json();
pm.test('answers a new pair', () => {
  pm.response.to.have.jsonSchema(pairSchema);
  pm.expect(body.refresh).not.to.equal(read('refresh'));
});
save('oldRefresh', read('refresh'));
save('access', body.access);
save('refresh', body.refresh);
`,
      }),
      req('Me with the new access token', 'GET', '/api/auth/me/', {
        test: `
${status(200)}
pm.test('is the user', () => pm.expect(pm.response.json().id).to.equal(read('userId')));
`,
      }),
      req('Refresh with the old refresh token (401)', 'POST', '/api/auth/token/refresh/', {
        auth: 'none',
        body: { refresh: '{{oldRefresh}}' },
        description: 'The rotated refresh token is refused, and its reuse revokes the whole family.',
        test: `${unauthorized}
pm.test('answers code token_not_valid', () => pm.expect(pm.response.json().code).to.equal('token_not_valid'));
`,
      }),
      req('Me after the reuse (401: the login is revoked)', 'GET', '/api/auth/me/', {
        description: "Reuse of a refresh token revokes the family: the newest access token is refused too.",
        test: unauthorized,
      }),
      req('Refresh with the newest refresh token (401)', 'POST', '/api/auth/token/refresh/', {
        auth: 'none',
        body: { refresh: '{{refresh}}' },
        test: unauthorized,
      }),
      req('Login again', 'POST', '/api/auth/login/', {
        auth: 'none',
        body: { email: '{{email}}', password: '{{password}}' },
        test: `
${schemas('auth')}
${status(200)}
pm.test('answers a new pair', () => pm.response.to.have.jsonSchema(authSchema));
save('access', pm.response.json().access);
save('refresh', pm.response.json().refresh);
`,
      }),
      req('Logout', 'POST', '/api/auth/logout/', {
        auth: '{{access}}',
        body: { refresh: '{{refresh}}' },
        description: '`{"refresh"}`, here with the optional `Authorization: Bearer <access>` → 205: the login\'s refresh and access tokens stop working at once and its sockets close with 4001.',
        test: `${status(205)}
save('loggedOutAccess', read('access'));
save('loggedOutRefresh', read('refresh'));
`,
      }),
      req('Me after logout (401)', 'GET', '/api/auth/me/', {
        auth: '{{loggedOutAccess}}',
        test: unauthorized,
      }),
      req('Refresh after logout (401)', 'POST', '/api/auth/token/refresh/', {
        auth: 'none',
        body: { refresh: '{{loggedOutRefresh}}' },
        test: unauthorized,
      }),
      req('Login once more', 'POST', '/api/auth/login/', {
        auth: 'none',
        body: { email: '{{email}}', password: '{{password}}' },
        test: `
${status(200)}
save('access', pm.response.json().access);
save('refresh', pm.response.json().refresh);
`,
      }),
    ],
  ),

  folder(
    '9. Cleanup',
    `
Deletes the job (204; its sockets close with 4003), then purges the user's other jobs
(\`DELETE /api/jobs/purge/\`: 200 \`{"deleted": n}\` in the dev profile, 403 elsewhere).
`,
    [
      req('Delete the job', 'DELETE', '/api/jobs/{{jobId}}/', {
        description: 'Cancels the workflow, deletes the job and everything it owns (messages, steps, events, app).',
        test: `${status(204)}\n${emptyBody}`,
      }),
      req('Job detail after delete (404)', 'GET', '/api/jobs/{{jobId}}/', { test: notFound }),
      req('App after delete (404)', 'GET', '/api/apps/{{appId}}/', { test: notFound }),
      req('Purge jobs', 'DELETE', '/api/jobs/purge/', {
        description: 'Only with `ALLOW_JOB_PURGE=true` (the dev profile) → 200 `{"deleted": n}`; 403 otherwise.',
        test: `
${status(200)}
pm.test('deleted the second job', () => pm.expect(pm.response.json()).to.deep.equal({ deleted: 1 }));
`,
      }),
      req('List jobs after purge (empty)', 'GET', '/api/jobs/', {
        test: `
${status(200)}
pm.test('is empty', () => pm.expect(pm.response.json()).to.deep.equal([]));
`,
      }),
    ],
  ),
];

const collection = {
  info: {
    name: 'Ideaforge',
    description: `
Ideaforge's REST API as one runnable scenario: a fresh user, a job interviewed by Client Relations
over REST, the executive discussion to an app, a change request to version 2, pause and resume on
a second job, the event log, message tombstones, token rotation and logout, cleanup.

Run it in order (Postman's Collection Runner or newman): requests pass ids and tokens on through
collection variables, and the waits loop with \`setNextRequest\` (bounded by \`pollMaxAttempts\` ×
\`pollDelayMs\`). Set \`baseUrl\` (default http://127.0.0.1:8000) and \`wsUrl\` in the environment
\`ideaforge.postman_environment.json\`. Built for the dev profile with the offline scripted agents
(\`scripts/run\`): purge and the socket \`?token=\` are on.

Auth: Bearer \`{{access}}\` for the whole collection; register, login and refresh use no auth.
${WEBSOCKET}
This file is generated by \`build-collection.mjs\`; edit that and run \`npm run build\`.
`.trim(),
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    _postman_id: '6f0c9a52-3d1e-4f55-9a7e-1de0f0a9c0de',
  },
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{access}}', type: 'string' }] },
  variable: [
    ['baseUrl', 'http://127.0.0.1:8000'],
    ['wsUrl', 'ws://127.0.0.1:8000'],
    ['pollDelayMs', '300'],
    ['pollMaxAttempts', '100'],
    ['email', ''],
    ['password', 'correct-horse-9'],
    ['access', ''],
    ['refresh', ''],
    ['userId', ''],
    ['jobId', ''],
    ['job2Id', ''],
    ['messageId', ''],
    ['appId', ''],
    ['lastSeq', ''],
  ].map(([key, value]) => ({ key, value, type: 'string' })),
  item: items,
};

const out = join(here, 'ideaforge.postman_collection.json');
writeFileSync(out, JSON.stringify(collection, null, 2) + '\n');
console.log('wrote ' + out);
