import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IdeaforgeClient, LocalStorageTokenStore } from '../src/index.js';
import { IdeaforgeProvider } from '../src/react.js';
import { App } from './App.js';
import './styles.css';

// Same origin: the console is served by (or proxied to) the api-server.
const client = new IdeaforgeClient({ baseUrl: '', tokenStore: new LocalStorageTokenStore() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <IdeaforgeProvider client={client}>
      <App />
    </IdeaforgeProvider>
  </StrictMode>,
);
