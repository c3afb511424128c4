// The extract-and-cleanse step of a run: every declared file group, customers before accounts before activity
// (each checks what it refers to), reading only files no earlier run has read, and recording each file read.
import * as acquisition from '../acquisition/index.ts';
import { entityNames, type Factory } from '../config/index.ts';
import type { Duck } from '../duckdb/index.ts';
import * as sources from '../sources/index.ts';
import type { SourceCount } from './run-log.ts';

export async function acquireNewFiles(duck: Duck, factory: Factory, runId: number, log: (line: string) => void): Promise<SourceCount[]> {
  const counts: SourceCount[] = [];
  for (const entity of entityNames) {
    for (const source of factory.config.sources) {
      for (const file of source.files.filter((f) => f.entity === entity)) {
        const found = sources.discoverFiles(factory.dir, file.path, file.format);
        const unread = await sources.unreadFiles(duck, source.name, entity, found);
        const count: SourceCount = { source: source.name, entity, files: unread.length, read: 0, loaded: 0, rejected: 0 };
        counts.push(count);
        if (unread.length === 0) continue;
        const perFile = await acquisition.acquireFiles(duck, {
          source, file, paths: unread.map((f) => f.path), runId, country: factory.config.defaults.country,
        });
        for (const [i, c] of perFile.entries()) {
          await sources.recordFile(duck, { source: source.name, entity, file: unread[i], runId, read: c.read, loaded: c.loaded, rejected: c.rejected });
          count.read += c.read;
          count.loaded += c.loaded;
          count.rejected += c.rejected;
        }
        log(`  ${source.name} ${entity}: ${unread.length} file(s), read ${count.read}, loaded ${count.loaded}, rejected ${count.rejected}`);
      }
    }
  }
  return counts;
}
