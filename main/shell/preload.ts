/**
 * The preload: exposes exactly one API, `window.zi`, to the page. It forwards only the
 * channels and events the contract names; main validates every payload again.
 * Sandboxed preloads are CommonJS bundles; electron-vite builds this file so.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';

import { isListedChannel, isListedEvent } from '../../shared/ipc-names.ts';
import type { ZiApi } from '../../shared/ipc.ts';

const INVOKE_CHANNEL = 'zi:invoke';
const EVENT_CHANNEL = 'zi:event';

const api: ZiApi = {
  invoke: (channel, request) => {
    if (!isListedChannel(channel)) return Promise.reject(new Error('unknown channel'));
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, request);
  },

  on: (event, listener) => {
    if (!isListedEvent(event)) throw new Error('unknown event');
    const deliver = listener as (payload: unknown) => void;
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) deliver(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('zi', api);
