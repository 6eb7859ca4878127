import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash } from '../console/routes.js';

describe('console hash routes', () => {
  it('parses the jobs list and a job, decoding its id', () => {
    expect(parseHash('')).toEqual({ name: 'jobs' });
    expect(parseHash('#/')).toEqual({ name: 'jobs' });
    expect(parseHash('#/jobs/abc-1')).toEqual({ name: 'job', id: 'abc-1' });
    expect(parseHash('#/jobs/abc-1/')).toEqual({ name: 'job', id: 'abc-1' });
    expect(parseHash('#/jobs/a%20b')).toEqual({ name: 'job', id: 'a b' });
    expect(parseHash(hrefOf({ name: 'job', id: 'x/y?z' }))).toEqual({ name: 'job', id: 'x/y?z' });
  });

  it('falls back to the jobs list on a malformed escape instead of throwing', () => {
    expect(() => parseHash('#/jobs/%E0')).not.toThrow();
    expect(parseHash('#/jobs/%E0')).toEqual({ name: 'jobs' });
    expect(parseHash('#/jobs/%')).toEqual({ name: 'jobs' });
  });
});
