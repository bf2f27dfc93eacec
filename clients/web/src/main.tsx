import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App';
import { loadConfig } from './config';
import { SessionContext } from './context';
import { CampusSession } from './session';
import './styles.css';

async function main(): Promise<void> {
  const config = await loadConfig();
  const session = new CampusSession(config);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  createRoot(root).render(
    <StrictMode>
      <SessionContext.Provider value={session}>
        <Provider value={session.client}>
          <App />
        </Provider>
      </SessionContext.Provider>
    </StrictMode>,
  );
}

void main();
