/** Plants every incident and look-alike; each module adds its records and answer-key entries. */
import type { Builder } from '../builder.ts';
import type { Cast } from './common.ts';
import { plantDeleteBurst } from './delete-burst.ts';
import { plantEditBurst } from './edit-burst.ts';
import { plantEvidenceTampering } from './evidence-tampering.ts';
import { plantExternalChannel } from './external-channel.ts';
import { plantImpossibleTravel } from './impossible-travel.ts';
import { plantMeetings } from './meetings.ts';
import { plantNewCountry } from './new-country.ts';
import { plantSecurityDisabled } from './security-disabled.ts';
import { plantSensitiveToExternal } from './sensitive-to-external.ts';
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
}
