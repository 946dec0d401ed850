import type { EventKind } from '../../shared/events.ts';
import { KIND_LABELS, kindFamily } from '../kinds.ts';

export function KindBadge({ kind }: { kind: EventKind }) {
  return <span className={`badge kind-${kindFamily(kind)}`}>{KIND_LABELS[kind]}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge severity-${severity}`}>{severity}</span>;
}
