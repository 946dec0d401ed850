/**
 * One build for the three Electron targets. Main bundles the shell and, as a second entry,
 * the data worker (out/main/data-worker.js beside out/main/index.js, where the worker client
 * looks for it). The sandboxed preload must be a single CommonJS file.
 */
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';

import { rendererConfig } from './vite.config.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      rollupOptions: {
        input: {
          index: here('./main/shell/main.ts'),
          'data-worker': here('./main/worker/data-worker.ts'),
        },
        // Native modules load from node_modules (unpacked from the asar), never bundled.
        external: ['better-sqlite3', 'keytar'],
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('./main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: here('./renderer/index.html') } },
  },
});
