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
import { detector as bulkUserChange } from './detectors/oplog.bulk_user_change.ts';
import { detector as groupAdminAdded } from './detectors/oplog.group_admin_added.ts';
import { detector as barrierChanged } from './detectors/oplog.information_barrier_changed.ts';
import { detector as roleGranted } from './detectors/oplog.privileged_role_granted.ts';
import { detector as recordingChanged } from './detectors/oplog.recording_changed.ts';
import { detector as inactiveUser } from './detectors/signin.inactive_or_unknown_user.ts';
import { detector as addressBurst } from './detectors/signin.shared_address_burst.ts';
import { detector as unusualHours } from './detectors/signin.unusual_hours.ts';
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
  unusualHours,
  inactiveUser,
  addressBurst,
  roleGranted,
  bulkUserChange,
  recordingChanged,
  barrierChanged,
  groupAdminAdded,
];

export function findDetector(id: string): Detector | null {
  return DETECTORS.find((detector) => detector.id === id) ?? null;
}
