/**
 * The demo organisation: a seeded, deterministic Zoom tenant of about 170 people over 30
 * days, with planted incidents, benign look-alikes and the answer key that names them.
 * The same seed and end date always give byte-identical data.
 */
import type { Builder } from './builder.ts';
import { addChannels, addDirectConversations } from './channels.ts';
import { addHostileMessages } from './hostile.ts';
import { chooseCast, plantIncidents } from './incidents/index.ts';
import { IpAllocator } from './ips.ts';
import { addBackgroundMeetings } from './meetings.ts';
import { addBackgroundMessages } from './messages.ts';
import type { DemoActivity, GenerateOptions, TenantData } from './model.ts';
import { addOperationLog } from './oplog.ts';
import { createRandom } from './random.ts';
import { addBackgroundSignIns } from './signins.ts';
import { demoWindow } from './time.ts';
import { addWebhookTwins } from './twins.ts';
import { LAB_DOMAIN, PRIMARY_DOMAIN, addExternals, addUsers } from './users.ts';

function newBuilder(options: GenerateOptions): Builder {
  const rng = createRandom(options.seed);
  return {
    rng,
    ips: new IpAllocator(rng.fork('ips')),
    window: demoWindow(options.endDate),
    accountId: rng.fork('account').zoomId(22),
    ownDomains: [PRIMARY_DOMAIN, LAB_DOMAIN],
    profiles: [],
    externals: [],
    customSignIns: new Set(),
    quiet: new Set(),
    activities: [],
    operationLogs: [],
    channels: [],
    conversations: [],
    messages: [],
    webhooks: [],
    incidents: [],
    benign: [],
  };
}

/** Users' last sign-in and client version follow from the sign-in log. */
function setLastLogins(builder: Builder, activities: DemoActivity[]): void {
  const last = new Map<string, DemoActivity>();
  for (const row of activities) if (row.type === 'Sign in') last.set(row.email, row);

  for (const profile of builder.profiles) {
    const row = last.get(profile.user.email);
    if (row) profile.user.last_login_time = row.time;
    if (row && row.version !== '-') profile.user.last_client_version = row.version;
  }
}

/** Sorts every stream by time so that the output never depends on generation order. */
function sortStreams(builder: Builder): void {
  builder.activities.sort((a, b) => a.time.localeCompare(b.time) || a.email.localeCompare(b.email)
    || a.type.localeCompare(b.type));
  builder.operationLogs.sort((a, b) => a.time.localeCompare(b.time) ||
    a.operator.localeCompare(b.operator));
  builder.messages.sort((a, b) => a.timestamp - b.timestamp || a.id.localeCompare(b.id));
  builder.webhooks.sort((a, b) => Number(a.event_ts) - Number(b.event_ts));
}

function toTenant(builder: Builder, options: GenerateOptions): TenantData {
  return {
    accountId: builder.accountId,
    ownDomains: builder.ownDomains,
    users: builder.profiles.map((p) => p.user),
    activities: builder.activities,
    operationLogs: builder.operationLogs,
    channels: builder.channels.map((c) => c.channel),
    sessions: builder.conversations.map((c) => c.session),
    messages: builder.messages,
    webhooks: builder.webhooks,
    answerKey: {
      seed: options.seed,
      endDate: options.endDate,
      accountId: builder.accountId,
      incidents: builder.incidents,
      benign: builder.benign,
    },
    intendedCountries: builder.ips.intended,
  };
}

/** Builds the whole tenant from a seed and the last day of the 30-day window. */
export function generateTenant(options: GenerateOptions): TenantData {
  const builder = newBuilder(options);
  addUsers(builder);
  addExternals(builder);

  addChannels(builder);
  addDirectConversations(builder);

  const cast = chooseCast(builder);
  addBackgroundSignIns(builder);
  addOperationLog(builder);
  addBackgroundMessages(builder);
  addHostileMessages(builder);
  addBackgroundMeetings(builder);

  plantIncidents(builder, cast);
  addWebhookTwins(builder);

  sortStreams(builder);
  setLastLogins(builder, builder.activities);
  return toTenant(builder, options);
}
