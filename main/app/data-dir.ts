/** Where the evidence database, bundles and logs live when --data-dir is not given. */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'zoom-investigator';

/** The platform's per-user application-data folder, as Electron's app.getPath('userData'). */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.ZI_DATA_DIR) return env.ZI_DATA_DIR;

  const home = os.homedir();
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  }
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_FOLDER);
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, 'evidence.sqlite');
}

export function logPath(dataDir: string): string {
  return path.join(dataDir, 'logs', 'zoom-investigator.log');
}

export function bundlesDir(dataDir: string): string {
  return path.join(dataDir, 'bundles');
}
