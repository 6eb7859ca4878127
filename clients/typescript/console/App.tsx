import { useEffect, useState } from 'react';
import { useAuthenticated, useIdeaforgeClient } from '../src/react.js';
import { AuthScreen } from './AuthScreen.js';
import { JobList } from './JobList.js';
import { JobView } from './JobView.js';
import { parseHash, type Route } from './routes.js';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const client = useIdeaforgeClient();
  const authed = useAuthenticated();
  const route = useRoute();
  const [authNotice, setAuthNotice] = useState<string | null>(null);

  useEffect(
    () => client.onAuthLost((reason) => setAuthNotice(`You were signed out (${reason}). Please sign in again.`)),
    [client],
  );

  if (!authed) return <AuthScreen notice={authNotice} onSignedIn={() => setAuthNotice(null)} />;
  return route.name === 'job' ? <JobView key={route.id} jobId={route.id} /> : <JobList />;
}
