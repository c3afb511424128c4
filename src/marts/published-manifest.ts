// The published warehouse's table of contents (<dataDir>/published/manifest.json): which Parquet files make each
// table. It is written last and replaced by a rename, so a reader sees one whole publication or the one before.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Column } from '../duckdb/index.ts';

export const manifestFormat = 'cif-published-warehouse/1';

export interface PublishedFile {
  /** Relative to the published directory, with forward slashes. */
  path: string;
  rows: number;
  /** The run whose rows the file holds (append-only facts), or null for a whole table's file. */
  run: number | null;
}

export interface PublishedTable {
  schema: string;
  name: string;
  /** append: one file per run, only new runs written; whole: rewritten when its fingerprint changes. */
  kind: 'append' | 'whole';
  /** The columns as published (the Parquet files' types). */
  columns: Column[];
  rows: number;
  /** The latest run whose rows it holds (its greatest run_id), else the run that published it. */
  run: number | null;
  /** Whole tables: row count and a hash of every row, to tell whether it changed since. */
  fingerprint: string | null;
  /** When its files last changed. */
  writtenAt: string;
  files: PublishedFile[];
}

export interface Manifest {
  format: typeof manifestFormat;
  /** Counts the publications that changed something; new whole-table files are named after it. */
  publication: number;
  writtenAt: string;
  /** The latest run whose rows the warehouse holds as published. */
  run: number | null;
  tables: PublishedTable[];
}

export const publishedDirectory = (dataDir: string): string => join(dataDir, 'published');
export const manifestFile = (publishedDir: string): string => join(publishedDir, 'manifest.json');

/** The manifest of a published directory, or null before the first publication. */
export function readManifest(publishedDir: string): Manifest | null {
  const file = manifestFile(publishedDir);
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== manifestFormat) throw new Error(`${file}: not a manifest this version reads (format ${JSON.stringify(manifest.format)})`);
  return manifest;
}

export function writeManifest(publishedDir: string, manifest: Manifest): void {
  const file = manifestFile(publishedDir);
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  moveIntoPlace(temporary, file);
}

/** Flushes a finished file to disk and renames it into place: readers see all of it or nothing. */
export function moveIntoPlace(temporary: string, file: string): void {
  const fd = openSync(temporary, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

export function filesOf(manifest: Manifest | null): string[] {
  return manifest?.tables.flatMap((t) => t.files.map((f) => f.path)) ?? [];
}
