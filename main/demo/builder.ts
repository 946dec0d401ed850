/**
 * The generator's working state: the tenant being built plus what the generator knows and
 * Zoom's records do not say (home countries, devices, IPs, membership times).
 */
import type { IpAllocator } from './ips.ts';
import type { Random } from './random.ts';
import type { DemoWindow } from './time.ts';
import type {
  AnswerKeyEntry,
  DemoActivity,
  DemoChannel,
  DemoChatSession,
  DemoMessage,
  DemoOperationLog,
  DemoUser,
  DemoWebhook,
} from './model.ts';

/** Anyone who can chat: an account user or an external contact. */
export interface Person {
  id: string;
  memberId: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  external: boolean;
  timezone: string;
  dept: string;
}

export type ClientType = 'Windows' | 'Mac' | 'iPhone' | 'Android' | 'Browser';

/** An account user with the habits the sign-in generator follows. */
export interface Profile {
  user: DemoUser;
  person: Person;
  country: string;
  homeIp: string;
  officeIp: string;
  desktop: ClientType;
  phone: ClientType;
  desktopVersion: string;
  mobileVersion: string;
  /** Activity only between these instants (creation, deactivation). */
  activeFrom: number;
  activeUntil: number;
  /** On-call people sometimes sign in at weekends; nobody else does. */
  weekendWork: boolean;
}

/** A channel member and when they joined (creation or a later invitation). */
export interface Membership {
  person: Person;
  joinedAt: number;
  invitedBy: Person;
}

export interface ChannelInfo {
  channel: DemoChannel;
  createdAt: number;
  owner: Person;
  members: Membership[];
}

/** A conversation the message generator can post into. */
export interface Conversation {
  session: DemoChatSession;
  channel?: ChannelInfo;
  /** For 1:1 sessions: the two parties. */
  pair?: [Person, Person];
  /** Expected message bursts per working day. */
  rate: number;
}

export interface Builder {
  rng: Random;
  ips: IpAllocator;
  window: DemoWindow;
  accountId: string;
  ownDomains: string[];
  profiles: Profile[];
  externals: Person[];
  /** Users whose sign-ins an incident module writes instead of the background generator. */
  customSignIns: Set<string>;
  /** Users kept clear of background deletions and card-like numbers. */
  quiet: Set<string>;
  activities: DemoActivity[];
  operationLogs: DemoOperationLog[];
  channels: ChannelInfo[];
  conversations: Conversation[];
  messages: DemoMessage[];
  webhooks: DemoWebhook[];
  incidents: AnswerKeyEntry[];
  benign: AnswerKeyEntry[];
}
