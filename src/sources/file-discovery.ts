// Which files a source declaration names: one file, every file in a folder, or a glob in the last path segment.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const extensions: Record<string, string[]> = { csv: ['.csv', '.txt', '.tsv'], jsonl: ['.jsonl', '.ndjson', '.json'], parquet: ['.parquet'] };

export interface DiscoveredFile {
  path: string;
  size: number;
  modifiedMs: number;
}

export function discoverFiles(baseDir: string, pattern: string, format: string): DiscoveredFile[] {
  const full = resolve(baseDir, pattern);
  let paths: string[];
  if (/[*?]/.test(basename(full))) {
    const dir = dirname(full);
    const re = globToRegExp(basename(full));
    paths = existsSync(dir) ? readdirSync(dir).filter((n) => re.test(n)).map((n) => join(dir, n)) : [];
  } else if (existsSync(full) && statSync(full).isDirectory()) {
    const exts = extensions[format] ?? [];
    paths = readdirSync(full).filter((n) => exts.some((e) => n.toLowerCase().endsWith(e))).map((n) => join(full, n));
  } else {
    paths = existsSync(full) ? [full] : [];
  }
  return paths
    .filter((p) => statSync(p).isFile())
    .sort()
    .map((path) => {
      const s = statSync(path);
      return { path, size: s.size, modifiedMs: Math.trunc(s.mtimeMs) };
    });
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}
