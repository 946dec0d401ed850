/**
 * Every detector the engine runs. Adding one is a new file in `detectors/` and a line here;
 * ids are unique and fixed, since stored findings and answer keys refer to them.
 */
import { detector as deleteBurst } from './detectors/chat.delete_burst.ts';
import {
  detector as deactivatedAfterRoleChange,
} from './detectors/admin.deactivated_after_role_change.ts';
import {
  detector as deactivationOutsideWindow,
} from './detectors/admin.deactivation_outside_change_window.ts';
import { detector as editBurst } from './detectors/chat.edit_burst.ts';
import { detector as evidenceTampering } from './detectors/chat.evidence_tampering.ts';
import {
  detector as externalChannel,
} from './detectors/chat.external_channel_soon_after_creation.ts';
import { detector as sensitiveFile } from './detectors/chat.sensitive_file_external.ts';
import { detector as externalParticipant } from './detectors/meeting.external_participant.ts';
import { detector as guestWithoutSignIn } from './detectors/meeting.guest_without_sign_in.ts';
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
  editBurst,
  evidenceTampering,
  externalChannel,
  sensitiveFile,
  deactivationOutsideWindow,
  deactivatedAfterRoleChange,
  externalParticipant,
  guestWithoutSignIn,
];

export function findDetector(id: string): Detector | null {
  return DETECTORS.find((detector) => detector.id === id) ?? null;
}
