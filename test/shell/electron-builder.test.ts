import fs from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  asar?: boolean;
  asarUnpack?: string[];
  files?: string[];
  extraMetadata?: { main?: string };
  win?: { target: Array<{ target: string }> };
  mac?: { target: Array<{ target: string }> };
  linux?: { target: Array<{ target: string }> };
}

function readConfig(): BuilderConfig {
  return YAML.parse(fs.readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
}

/** electron-builder's own schema check, the one `electron-builder` runs before packaging. */
async function validate(config: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
  await validateConfiguration(config, new DebugLogger(false));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    await expect(validate(readConfig())).resolves.toBeUndefined();
  });

  it('is refused by that validation when it carries an unknown key', async () => {
    await expect(validate({ ...readConfig(), asarUnpacked: ['x'] })).rejects.toThrow(/unknown/);
  });

  it('targets Windows, macOS and Linux', () => {
    const config = readConfig();

    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.win?.target.map((t) => t.target)).toContain('nsis');
    expect(config.mac?.target.map((t) => t.target)).toContain('dmg');
    expect(config.linux?.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('unpacks native modules from the asar so better-sqlite3 and keytar load (B19)', () => {
    const config = readConfig();

    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packages the electron-vite output that package.json names as main', () => {
    const config = readConfig();
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { main: string };

    expect(config.files).toContain('out/**/*');
    expect(config.extraMetadata?.main).toBe(pkg.main);
    expect(pkg.main).toBe('out/main/index.js');
  });
});
