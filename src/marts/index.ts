// Data delivery: what the warehouse hands to those who decide. The published warehouse (Parquet files and a
// manifest under <dataDir>/published/, readable while a run holds the DuckDB file) and exploration over it.
export { publishWarehouse, type PublishOptions, type PublishReport } from './publish-warehouse.ts';
export { type Manifest, type PublishedFile, type PublishedTable, publishedDirectory, readManifest } from './published-manifest.ts';
export { NotPublishedError, openPublished, publishedOnDemand, type PublishedOnDemand, type PublishedWarehouse } from './published-reader.ts';
export { ExplorationError, type ExplorationAnswer, type ExplorationFile, type ExplorationOptions, explorationLimits, explore, exportExploration } from './exploration.ts';
