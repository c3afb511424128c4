// The marts and the decision-support interface: the OLAP mart built from the warehouse, the semantic layer that
// names its measures and dimensions, OLAP questions and the standard KPIs.
export { buildOlapMart, defaultSegments, martsBuilt, type MartBuild, type Segment } from './olap-mart.ts';
export { defaultSemanticLayer, semanticConfigSchema, semanticLayer, type SemanticConfig, type SemanticLayer } from './semantic-layer.ts';
export { buildMiningMart, defaultOutcomeMonths } from './mining-mart.ts';
export { askOlap, compileOlap, OlapQuestionError, olapQuestionSchema, type OlapAnswer, type OlapQuestion } from './olap-query.ts';
export { kpiMeasures, standardKpis, type Kpis } from './kpis.ts';
