/** Hash routes: `#/` (jobs) and `#/jobs/<id>`, so the server serves one index.html and a reload keeps the screen. */
export type Route = { name: 'jobs' } | { name: 'job'; id: string };

export function parseHash(hash: string): Route {
  const m = /^#\/jobs\/([^/?#]+)\/?$/.exec(hash);
  if (!m) return { name: 'jobs' };
  try {
    return { name: 'job', id: decodeURIComponent(m[1]) };
  } catch {
    // A malformed escape (`#/jobs/%E0`) throws URIError: the jobs list rather than a blank app.
    return { name: 'jobs' };
  }
}

export function hrefOf(route: Route): string {
  return route.name === 'job' ? `#/jobs/${encodeURIComponent(route.id)}` : '#/';
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}
