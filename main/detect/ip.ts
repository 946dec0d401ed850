/**
 * Which addresses can have a country at all. Private, shared, documentation and other special
 * ranges are nobody's location, and some free databases map them to a country by mistake.
 */
import net from 'node:net';

const SPECIAL_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
];


/** The address in a form the databases know, or null when it is not a public IP address. */
export function publicIp(input: string): string | null {
  const ip = unwrapMappedV4(input.trim());

  switch (net.isIP(ip)) {
    case 4:
      return isSpecialV4(ip) ? null : ip;
    case 6:
      return isSpecialV6(ip) ? null : ip;
    default:
      return null;
  }
}

/** `::ffff:8.8.8.8` is an IPv4 address written for an IPv6 socket. */
function unwrapMappedV4(ip: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return match ? match[1]! : ip;
}

function isSpecialV4(ip: string): boolean {
  const value = v4ToNumber(ip);
  return SPECIAL_V4.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return ((value & mask) >>> 0) === ((v4ToNumber(base) & mask) >>> 0);
  });
}

/** Unspecified, loopback, unique-local, link-local, multicast and documentation ranges. */
function isSpecialV6(ip: string): boolean {
  const lower = ip.toLowerCase();
  if (lower === '::' || lower === '::1') return true;

  const groups = lower.split(':');
  const first = parseInt(groups[0] || '0', 16);
  const second = parseInt(groups[1] || '0', 16);

  if ((first & 0xfe00) === 0xfc00) return true;
  if ((first & 0xffc0) === 0xfe80) return true;
  if ((first & 0xff00) === 0xff00) return true;
  return first === 0x2001 && second === 0x0db8;
}

function v4ToNumber(ip: string): number {
  return ip.split('.').reduce((value, octet) => ((value << 8) | Number(octet)) >>> 0, 0);
}
