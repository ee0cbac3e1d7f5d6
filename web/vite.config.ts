import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The SPA is built from web/ into web/dist, which the server serves; in dev, /api goes to a local server. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      '@contracts': `${repoRoot}src/modules`,
      '@shared': `${repoRoot}src/shared`,
    },
  },
  build: {
    outDir: `${webRoot}dist`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The contracts live outside web/.
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
