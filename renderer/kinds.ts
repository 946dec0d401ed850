/** Words for event kinds and the colour family each belongs to. */
import type { EventKind } from '../shared/events.ts';

export const KIND_LABELS: Record<EventKind, string> = {
  'auth.sign_in': 'Sign-in',
  'auth.sign_out': 'Sign-out',
  'chat.message_sent': 'Message sent',
  'chat.message_replied': 'Reply',
  'chat.message_updated': 'Message edited',
  'chat.message_deleted': 'Message deleted',
  'chat.channel_created': 'Channel created',
  'chat.member_added': 'Member added',
  'chat.member_removed': 'Member removed',
  'admin.user_status_changed': 'User status changed',
  'admin.setting_changed': 'Setting changed',
  'admin.role_changed': 'Role changed',
  'admin.user_created': 'User created',
  'admin.user_deleted': 'User deleted',
  'admin.operation': 'Admin operation',
  'user.updated': 'User updated',
  'meeting.participant_joined': 'Joined meeting',
};

export function kindFamily(kind: EventKind): 'auth' | 'chat' | 'admin' | 'other' {
  const family = kind.split('.')[0];
  return family === 'auth' || family === 'chat' || family === 'admin' ? family : 'other';
}

export function isMessageKind(kind: EventKind): boolean {
  return kind.startsWith('chat.message');
}
