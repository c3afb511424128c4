export { loadFactory, ConfigError, configFileNames, type Factory } from './load-config.ts';
export { factoryConfigSchema, type FactoryConfig, type SourceConfig, type SourceFileConfig, type FieldMapping } from './factory-config.ts';
export { entities, entityNames, type EntityName, type FieldKind, type CanonicalField } from './canonical-model.ts';
