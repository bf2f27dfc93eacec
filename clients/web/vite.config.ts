import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app's build (`vite build clients/web`; scripts/web-server.ts runs it). `base: './'`
 * keeps asset URLs relative, so one build is served from any path; the gateway URL is not
 * baked in but read at run time (src/config.ts).
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { port: 4100 },
});
