/**
 * The renderer's build: the React app in renderer/, emitted to out/renderer with relative
 * paths so that the packaged app loads it from a file: URL. The browser tests build with this
 * same file; electron-vite reuses these settings for its renderer target.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { UserConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts or styles may appear in the page: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome130',
  },
};

export default defineConfig(rendererConfig);
