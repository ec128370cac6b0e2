import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The base stylesheet first: feature stylesheets (imported by their components) refine it.
import './styles.css';
import { App } from './App';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = container;

/**
 * Browser tests (Playwright) run the built frontend without the Rust core: they set
 * `window.__PLAYBOOK_STUDIO_MOCK_IPC__` (seed data) before the page loads, and only then is
 * the in-memory backend loaded (a separate chunk that the app never loads otherwise).
 */
async function start() {
  const seed = (window as { __PLAYBOOK_STUDIO_MOCK_IPC__?: unknown }).__PLAYBOOK_STUDIO_MOCK_IPC__;
  if (seed !== undefined && seed !== null) {
    const { installMockBackend } = await import('./ipc/mock/install');
    installMockBackend(seed);
  }
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
