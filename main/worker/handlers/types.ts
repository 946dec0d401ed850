/** What every handler in the data worker receives, and the shape of the handler table. */
import type {
  Channel,
  EventChannel,
  EventPayloadOf,
  RequestOf,
  ResponseOf,
} from '../../../shared/ipc.ts';
import { Finding } from '../../../shared/findings.ts';
import type { FindingWithEvidence } from '../../../shared/findings.ts';
import type { AppContext } from '../../app/context.ts';

export interface WorkerServices {
  ctx: AppContext;
  emit<E extends EventChannel>(event: E, payload: EventPayloadOf<E>): void;
}

export type Handler<C extends Channel> = (
  services: WorkerServices,
  request: RequestOf<C>,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** The channels the data worker answers; links.open is main's own. */
export type WorkerChannel = Exclude<Channel, 'links.open'>;

export type HandlerTable = { [C in WorkerChannel]?: Handler<C> };

/** A finding without its evidence id list, for answers that carry the events themselves. */
export function withoutEvidence(finding: FindingWithEvidence): Finding {
  return Finding.parse(finding);
}
