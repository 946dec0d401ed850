/**
 * Public IPv4 ranges per country for the demo tenant. Each /16 below was checked against the
 * offline country database the detectors use (@ip-location-db/geo-whois-asn-country-mmdb):
 * the network holding the block's first and last address is /16 or wider and resolves to the
 * country named here, so every address inside it does too. The demo test re-checks each
 * address the generator hands out, so a database update that moves a block fails loudly.
 */
import type { Random } from './random.ts';

/** ISO 3166-1 alpha-2 code → first two octets of verified /16 blocks. */
export const COUNTRY_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  DE: ['85.214', '91.64', '80.128', '93.192'],
  US: ['24.0', '98.0', '71.0', '68.32'],
  GB: ['86.128', '82.0', '90.192'],
  SG: ['116.14', '175.156', '118.189'],
  FR: ['90.0', '82.64', '86.192'],
  NL: ['145.0', '84.24', '77.160'],
  CH: ['178.192', '85.0', '62.202'],
  IN: ['117.192', '59.88', '122.160'],
  JP: ['126.0', '153.128', '60.32'],
  AU: ['1.120', '101.160', '120.144'],
  CA: ['24.114', '70.24', '99.224'],
  RU: ['95.24', '178.140', '5.136'],
  BR: ['189.0', '200.128'],
  NG: ['105.112', '41.184', '102.89'],
};

/**
 * Hands out addresses and remembers which country each one was meant for, so that tests can
 * compare the generator's intention with the database's answer.
 */
export class IpAllocator {
  private readonly used = new Set<string>();
  readonly intended: Record<string, string> = {};

  constructor(private readonly rng: Random) {}

  /** A fresh address in `country`; never the network or broadcast address of a /24. */
  allocate(country: string): string {
    const blocks = COUNTRY_BLOCKS[country];
    if (!blocks) throw new Error(`no verified IP block for country ${country}`);

    for (;;) {
      const ip = `${this.rng.pick(blocks)}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`;
      if (this.used.has(ip)) continue;

      this.used.add(ip);
      this.intended[ip] = country;
      return ip;
    }
  }
}
