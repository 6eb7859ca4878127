/** Hash routes: `#/` (jobs) and `#/jobs/<id>`, so the server serves one index.html and a reload keeps the screen. */
export type Route = { name: 'jobs' } | { name: 'job'; id: string };

export function parseHash(hash: string): Route {
  const m = /^#\/jobs\/([^/?#]+)\/?$/.exec(hash);
  return m ? { name: 'job', id: decodeURIComponent(m[1]) } : { name: 'jobs' };
}

export function hrefOf(route: Route): string {
  return route.name === 'job' ? `#/jobs/${encodeURIComponent(route.id)}` : '#/';
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}
