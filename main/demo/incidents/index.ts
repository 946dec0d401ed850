/** Plants every incident and look-alike; each module adds its records and answer-key entries. */
import type { Builder } from '../builder.ts';
import type { Cast } from './common.ts';
import { plantAddressBurst } from './address-burst.ts';
import { plantBulkUsers } from './bulk-users.ts';
import { plantDeleteBurst } from './delete-burst.ts';
import { plantGroupAdmin } from './group-admin.ts';
import { plantEditBurst } from './edit-burst.ts';
import { plantEvidenceTampering } from './evidence-tampering.ts';
import { plantExternalChannel } from './external-channel.ts';
import { plantImpossibleTravel } from './impossible-travel.ts';
import { plantInactiveUser } from './inactive-user.ts';
import { plantInformationBarrier } from './information-barrier.ts';
import { plantMeetings } from './meetings.ts';
import { plantNewCountry } from './new-country.ts';
import { plantRecordings } from './recordings.ts';
import { plantRoleGranted } from './role-granted.ts';
import { plantSecurityDisabled } from './security-disabled.ts';
import { plantSecurityWeakened } from './security-weakened.ts';
import { plantSensitiveToExternal } from './sensitive-to-external.ts';
import { plantUnusualHours } from './unusual-hours.ts';
import { plantUserLifecycle } from './user-lifecycle.ts';

export { chooseCast } from './common.ts';

export function plantIncidents(builder: Builder, cast: Cast): void {
  plantNewCountry(builder, cast);
  plantImpossibleTravel(builder, cast);
  plantDeleteBurst(builder, cast);
  plantSecurityDisabled(builder, cast);
  plantSensitiveToExternal(builder, cast);
  plantEditBurst(builder);
  plantEvidenceTampering(builder);
  plantExternalChannel(builder);
  plantUserLifecycle(builder);
  plantMeetings(builder);
  plantUnusualHours(builder, cast);
  plantInactiveUser(builder, cast);
  plantAddressBurst(builder, cast);
  plantSecurityWeakened(builder, cast);
  plantRoleGranted(builder, cast);
  plantBulkUsers(builder, cast);
  plantRecordings(builder, cast);
  plantInformationBarrier(builder, cast);
  plantGroupAdmin(builder, cast);
}
