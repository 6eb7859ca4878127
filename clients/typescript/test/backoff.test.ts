import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from '../src/index.js';

describe('backoffDelay', () => {
  it('grows exponentially and is capped', () => {
    const noJitter = { jitter: 0 };
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, noJitter))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(backoffDelay(5, noJitter)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(1000, noJitter)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 250, jitter: 0 })).toBe(250);
  });

  it('jitters within [base·(1-jitter), base]', () => {
    expect(backoffDelay(2, { jitter: 0.5 }, () => 0)).toBe(1000);
    expect(backoffDelay(2, { jitter: 0.5 }, () => 1)).toBe(2000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(10, {});
      expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.maxMs / 2);
      expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    }
  });
});
