export { discoverFiles, type DiscoveredFile } from './file-discovery.ts';
export { readerSql, malformedLines, type FileFormat } from './file-reader.ts';
export { ensureManifest, unreadFiles, recordFile } from './file-manifest.ts';
