import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './components/theme.css';
import './components/components.css';
import './features/devices/devices.css';
import './features/disclosures/disclosures.css';
import './features/vulnerabilities/vulnerabilities.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
