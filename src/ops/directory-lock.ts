// One process owns a factory directory at a time: the embedded ODS and the DuckDB file would be corrupted or
// refused by a second one. The lock file names its holder; a lock left by a process that died is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export class DirectoryLockedError extends Error {
  override name = 'DirectoryLockedError';
}

export interface DirectoryLock {
  release(): void;
}

export function lockDirectory(dataDir: string, purpose: string): DirectoryLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'cif.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DirectoryLockedError(
          `the factory directory ${dataDir} is in use by process ${holder.pid} (${holder.purpose}, since ${holder.since}); stop it first`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DirectoryLockedError(`could not lock ${dataDir}`);
}

function readHolder(path: string): { pid: number; purpose: string; since: string } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
