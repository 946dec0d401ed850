/** The renderer's only way out: the preload's `window.zi`, with errors turned into throws. */
import type {
  BridgeError,
  Channel,
  EventChannel,
  EventPayloadOf,
  RequestOf,
  ResponseOf,
  ZiApi,
} from '../shared/ipc.ts';

declare global {
  interface Window {
    zi: ZiApi;
  }
}

/** A failure main reported: readable, with what to do next. */
export class BridgeCallError extends Error {
  constructor(readonly bridge: BridgeError) {
    super(bridge.message);
    this.name = 'BridgeCallError';
  }
}

export async function call<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const reply = await window.zi.invoke(channel, request);
  if (!reply.ok) throw new BridgeCallError(reply.error);
  return reply.value;
}

export function subscribe<E extends EventChannel>(
  event: E,
  listener: (payload: EventPayloadOf<E>) => void,
): () => void {
  return window.zi.on(event, listener);
}

/** The message and hint of any error, for an error banner. */
export function explain(error: unknown): { message: string; hint: string | null } {
  if (error instanceof BridgeCallError) return { message: error.message, hint: error.bridge.hint };
  return { message: error instanceof Error ? error.message : String(error), hint: null };
}
