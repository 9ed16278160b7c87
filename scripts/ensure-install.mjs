// Installs the locked dependencies when node_modules is missing or older than
// package-lock.json, so `npm start` and `npm test` work on a fresh clone.
// Plain JavaScript with no imports outside Node itself, because it runs before
// anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lockFile = 'package-lock.json';
const installedLock = 'node_modules/.package-lock.json';

function isInstalled() {
  if (!existsSync(installedLock)) {
    return false;
  }

  return statSync(installedLock).mtimeMs >= statSync(lockFile).mtimeMs;
}

if (!isInstalled()) {
  console.error('Installing dependencies with npm ci (node_modules is missing or out of date)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm ci failed with exit code ${result.status}; run it by hand to see why`);
    process.exit(result.status ?? 1);
  }
}
