// Data delivery: the marts and the decision-support interface. The OLAP mart built from the warehouse, the semantic
// layer that names its measures and dimensions, OLAP questions and the standard KPIs; the published warehouse
// (Parquet files and a manifest under <dataDir>/published/, readable while a run holds the DuckDB file) and
// exploration over it.
export { buildOlapMart, defaultSegments, describeBuild, martTables, type MartBuild, type Segment } from './olap-mart.ts';
export { fullBuildShare, refreshMarts } from './mart-refresh.ts';
export { defaultSemanticLayer, semanticConfigSchema, semanticLayer, type SemanticConfig, type SemanticLayer } from './semantic-layer.ts';
export { buildMiningMart, defaultOutcomeMonths } from './mining-mart.ts';
export { askOlap, compileOlap, exportOlap, OlapQuestionError, olapQuestionSchema, type OlapAnswer, type OlapQuestion } from './olap-query.ts';
export { kpiMeasures, standardKpis, type Kpis } from './kpis.ts';
export { publishWarehouse, type PublishOptions, type PublishReport } from './publish-warehouse.ts';
export { type Manifest, type PublishedFile, type PublishedTable, publishedDirectory, readManifest } from './published-manifest.ts';
export { NotPublishedError, openPublished, publishedOnDemand, type PublishedOnDemand, type PublishedWarehouse } from './published-reader.ts';
export { type FileFormat, type ResultFile } from './result-file.ts';
export { ExplorationError, type ExplorationAnswer, type ExplorationFile, type ExplorationOptions, explorationLimits, explore, exportExploration } from './exploration.ts';
