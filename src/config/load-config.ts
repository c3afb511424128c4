// Finds and reads a factory directory's configuration, with errors that name the file and the field.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { factoryConfigSchema, type FactoryConfig } from './factory-config.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Factory {
  /** The factory directory (absolute). */
  dir: string;
  configFile: string;
  config: FactoryConfig;
  /** Where the factory keeps its stores (absolute). */
  dataDir: string;
  /** The ODS: a PostgreSQL URL when one is set (CIF_ODS_URL wins over the file), else PGlite in the data folder. */
  ods: { url?: string; dir?: string };
  warehouseFile: string;
}

/** `secret: ${NAME}` reads the secret from the environment, so it need not be written in the file. */
const fromEnvironment = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

function resolveSecrets(config: FactoryConfig, configFile: string, env: NodeJS.ProcessEnv): void {
  config.sources.forEach((source, i) => {
    const named = source.outbound?.secret.match(fromEnvironment);
    if (!source.outbound || !named) return;
    const value = env[named[1]!]?.trim();
    if (!value) throw new ConfigError(`${configFile} has errors:\n  sources.${i}.outbound.secret: the environment variable ${named[1]} is not set`);
    source.outbound.secret = value;
  });
}

export const configFileNames = ['cif.yaml', 'cif.yml', 'cif.json'];

export function loadFactory(dir = '.', env: NodeJS.ProcessEnv = process.env): Factory {
  const root = resolve(dir);
  const configFile = configFileNames.map((n) => join(root, n)).find((p) => existsSync(p));
  if (!configFile) {
    throw new ConfigError(`no factory configuration in ${root}: expected one of ${configFileNames.join(', ')} (cif generate writes an example)`);
  }
  const text = readFileSync(configFile, 'utf8');
  let raw: unknown;
  try {
    raw = configFile.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${configFile} is not valid ${configFile.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  const parsed = factoryConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ConfigError(`${configFile} has errors:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  resolveSecrets(config, configFile, env);
  const dataDir = resolve(root, config.data);
  const url = env.CIF_ODS_URL || config.ods?.url || undefined;
  return {
    dir: root,
    configFile,
    config,
    dataDir,
    ods: url ? { url } : { dir: join(dataDir, 'ods') },
    warehouseFile: join(dataDir, 'warehouse.duckdb'),
  };
}
