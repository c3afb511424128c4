// The watermark of file sources: which files (by path, size and modification time) earlier runs have read.
// A file seen before with the same size and time is skipped; a new or changed file is read.
import type { Duck } from '../duckdb/index.ts';
import type { DiscoveredFile } from './file-discovery.ts';

export async function ensureManifest(duck: Duck): Promise<void> {
  await duck.run(`CREATE SCHEMA IF NOT EXISTS landing`);
  await duck.run(`CREATE TABLE IF NOT EXISTS landing.file (
    source VARCHAR NOT NULL, entity VARCHAR NOT NULL, path VARCHAR NOT NULL,
    size BIGINT NOT NULL, modified_ms BIGINT NOT NULL, run_id INTEGER NOT NULL,
    read INTEGER NOT NULL, loaded INTEGER NOT NULL, rejected INTEGER NOT NULL)`);
}

export async function unreadFiles(duck: Duck, source: string, entity: string, files: DiscoveredFile[]): Promise<DiscoveredFile[]> {
  if (files.length === 0) return [];
  const seen = await duck.all<{ path: string; size: string; modified_ms: string }>(
    `SELECT path, size, modified_ms FROM landing.file WHERE source = $1 AND entity = $2`,
    [source, entity],
  );
  const known = new Set(seen.map((f) => `${f.path}\u0000${f.size}\u0000${f.modified_ms}`));
  return files.filter((f) => !known.has(`${f.path}\u0000${f.size}\u0000${f.modifiedMs}`));
}

export async function recordFile(
  duck: Duck,
  entry: { source: string; entity: string; file: DiscoveredFile; runId: number; read: number; loaded: number; rejected: number },
): Promise<void> {
  await duck.run(`INSERT INTO landing.file VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    entry.source, entry.entity, entry.file.path, entry.file.size, entry.file.modifiedMs, entry.runId, entry.read, entry.loaded, entry.rejected,
  ]);
}
