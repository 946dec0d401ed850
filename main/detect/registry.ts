/**
 * Every detector the engine runs. Adding one is a new file in `detectors/` and a line here;
 * ids are unique and fixed, since stored findings and answer keys refer to them.
 */
import { detector as deleteBurst } from './detectors/chat.delete_burst.ts';
import { detector as sensitiveToExternal } from './detectors/chat.sensitive_to_external.ts';
import { detector as securityDisabled } from './detectors/oplog.security_disabled.ts';
import { detector as impossibleTravel } from './detectors/signin.impossible_travel.ts';
import { detector as newCountry } from './detectors/signin.new_country.ts';
import type { Detector } from './types.ts';

export const DETECTORS: readonly Detector[] = [
  newCountry,
  impossibleTravel,
  deleteBurst,
  securityDisabled,
  sensitiveToExternal,
];

export function findDetector(id: string): Detector | null {
  return DETECTORS.find((detector) => detector.id === id) ?? null;
}
