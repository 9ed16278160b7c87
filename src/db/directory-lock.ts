import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Another live process owns the embedded database folder. */
export class DirectoryLockError extends Error {
  readonly dataDir: string;
  readonly ownerPid: number;

  constructor(dataDir: string, ownerPid: number) {
    super(
      `The embedded database in ${dataDir} is already open in process ${ownerPid}. ` +
        'Stop that process, or set MATE_DATA_DIR to another folder, or set DATABASE_URL.',
    );
    this.name = 'DirectoryLockError';
    this.dataDir = dataDir;
    this.ownerPid = ownerPid;
  }
}

export interface DirectoryLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);

    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock file `mate.lock` in `dataDir`, because PGlite does not lock its folder and two
 * processes writing one folder damage it. A lock left by a process that no longer runs is taken
 * over. Throws DirectoryLockError when a live process holds it.
 */
export function acquireDirectoryLock(dataDir: string): DirectoryLock {
  const lockFile = path.join(dataDir, 'mate.lock');

  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      // 'wx' fails when the file exists, so of two processes racing here only one creates it.
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;

      return {
        release() {
          if (!released && readOwner(lockFile) === process.pid) {
            rmSync(lockFile, { force: true });
          }
          released = true;
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
    }

    const owner = readOwner(lockFile);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new DirectoryLockError(dataDir, owner);
    }
    if (owner === process.pid) {
      throw new DirectoryLockError(dataDir, owner);
    }
    // The owner is gone (or the file is unreadable): remove the stale lock and try again.
    rmSync(lockFile, { force: true });
  }
  throw new DirectoryLockError(dataDir, readOwner(lockFile) ?? 0);
}
