// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PrdMarkdown } from '../console/JobView.js';

afterEach(() => cleanup());

describe('PRD markdown', () => {
  it('renders Markdown but no raw HTML or script URLs from model output', () => {
    const md = [
      '# Habit tracker',
      '',
      '- daily check-ins',
      '',
      '<img src="x" onerror="alert(1)"><script>alert(2)</script>',
      '',
      '[click](javascript:alert(3)) [ok](https://example.com)',
    ].join('\n');
    const { container } = render(createElement(PrdMarkdown, { markdown: md }));
    expect(container.querySelector('h1')?.textContent).toBe('Habit tracker');
    expect(container.querySelectorAll('li')).toHaveLength(1);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.some((h) => h.startsWith('javascript:'))).toBe(false);
    expect(hrefs).toContain('https://example.com');
  });
});
