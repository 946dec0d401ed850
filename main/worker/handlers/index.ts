/** Every channel the data worker answers, gathered from one module per screen family. */
import { actionHandlers } from './actions.ts';
import { demoHandlers } from './demo.ts';
import { eventHandlers } from './events.ts';
import { findingHandlers } from './findings.ts';
import { instanceHandlers } from './instances.ts';
import { syncHandlers } from './sync.ts';
import type { HandlerTable } from './types.ts';

export const HANDLERS: HandlerTable = {
  ...instanceHandlers,
  ...eventHandlers,
  ...findingHandlers,
  ...actionHandlers,
  ...syncHandlers,
  ...demoHandlers,
};
