import { describe, expect, it } from 'vitest';

import { formatInZone, offsetLabel, parseInZone, toInputValue } from '../../renderer/time.ts';
import { splitLinks } from '../../renderer/components/SafeText.tsx';

describe('times in a chosen zone (B26)', () => {
  const zone = 'America/New_York';

  it('labels the repeated hour of a fall-back day with each offset, in instant order', () => {
    const edt = Date.parse('2024-11-03T05:30:00Z');
    const est = Date.parse('2024-11-03T06:30:00Z');

    expect(formatInZone(edt, zone)).toBe('2024-11-03 01:30:00 EDT (UTC\u22124)');
    expect(formatInZone(est, zone)).toBe('2024-11-03 01:30:00 EST (UTC\u22125)');
    expect(est - edt).toBe(60 * 60_000);
  });

  it('jumps from 01:59:59 EST to 03:00:00 EDT on the spring-forward day', () => {
    expect(formatInZone(Date.parse('2024-03-10T06:59:59Z'), zone))
      .toBe('2024-03-10 01:59:59 EST (UTC\u22125)');
    expect(formatInZone(Date.parse('2024-03-10T07:00:00Z'), zone))
      .toBe('2024-03-10 03:00:00 EDT (UTC\u22124)');
  });

  it('has 25 distinct local hours on the fall-back day and 23 on the spring day', () => {
    const hoursOf = (dayStartUtc: string, dayEndUtc: string) => {
      const labels: string[] = [];
      for (let t = Date.parse(dayStartUtc); t < Date.parse(dayEndUtc); t += 3_600_000) {
        labels.push(formatInZone(t, zone));
      }
      return labels.length;
    };

    expect(hoursOf('2024-11-03T04:00:00Z', '2024-11-04T05:00:00Z')).toBe(25);
    expect(hoursOf('2024-03-10T05:00:00Z', '2024-03-11T04:00:00Z')).toBe(23);
  });

  it('writes UTC plainly and half-hour offsets in full', () => {
    expect(formatInZone(Date.parse('2024-11-03T05:30:00Z'), 'UTC')).toBe('2024-11-03 05:30:00 UTC');
    expect(offsetLabel(Date.parse('2024-11-03T05:30:00Z'), 'Asia/Kolkata')).toBe('UTC+5:30');
  });

  it('reads a time typed in the zone back as the same instant', () => {
    const instant = Date.parse('2024-07-01T16:45:00Z');
    expect(parseInZone(toInputValue(instant, zone), zone)).toBe(instant);
  });
});

describe('links in chat text', () => {
  it('finds http, https and mailto links and leaves every other scheme as text', () => {
    const pieces = splitLinks('a HTTPS://example.com/x b file:///c.exe mailto:x@y.org');

    expect(pieces.filter((p) => p.link).map((p) => p.text))
      .toEqual(['HTTPS://example.com/x', 'mailto:x@y.org']);
    expect(pieces.map((p) => p.text).join('')).toBe('a HTTPS://example.com/x b file:///c.exe mailto:x@y.org');
  });
});
