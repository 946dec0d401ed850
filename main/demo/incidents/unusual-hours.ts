/**
 * `signin.unusual_hours`: a sign-in in the small hours by a user whose weeks of sign-ins all
 * fall between morning and evening. Look-alike: a user who checks in late every working
 * evening, whose late sign-ins are their usual hours.
 */
import type { Builder } from '../builder.ts';
import type { DemoActivity } from '../model.ts';
import { DAY } from '../time.ts';
import type { Cast } from './common.ts';
import { activityRef, signInsOf, workdayIndexes } from './common.ts';
import { browserSession, localAt, takeFree, workdayFromEnd } from './free-users.ts';

export function plantUnusualHours(builder: Builder, _cast: Cast): void {
  const rng = builder.rng.fork('incident-unusual-hours');
  const sleeper = takeFree(builder, rng);
  const day = workdayFromEnd(builder, 3);
  const at = localAt(sleeper, day, 3 * 60 + rng.int(5, 40)) + rng.int(0, 59) * 1000;
  const night = browserSession(sleeper.user.email, at, builder.ips.allocate(sleeper.country), 26);
  builder.activities.push(...night);

  builder.incidents.push({
    id: 'signin-unusual-hours-1',
    detector: 'signin.unusual_hours',
    subject: sleeper.user.email,
    description: `${sleeper.user.display_name} signs in only during the working day; at ` +
      `${night[0].time} (about 03:00 in ${sleeper.user.timezone}) a browser session signs in.`,
    records: [activityRef(night[0])],
  });

  const owl = takeFree(builder, rng);
  const late: DemoActivity[] = [];
  for (const index of workdayIndexes(builder)) {
    const evening = builder.window.days[index] as number;
    const start = localAt(owl, evening, 23 * 60 + rng.int(0, 25)) + rng.int(0, 59) * 1000;
    if (start >= builder.window.end - DAY) continue;

    late.push(...browserSession(owl.user.email, start, owl.homeIp, 20));
  }
  builder.activities.push(...late);

  builder.benign.push({
    id: 'benign-signin-late-every-evening',
    detector: 'signin.unusual_hours',
    subject: owl.user.email,
    description: `${owl.user.display_name} checks in from home at about 23:00 every working ` +
      'evening of the month; late sign-ins are their usual hours.',
    records: signInsOf(late).slice(-2).map(activityRef),
  });
}
