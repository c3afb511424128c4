// A generated enterprise in a temporary factory directory, for end-to-end tests, with its ground truth at hand.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Factory, loadFactory } from '../../src/config/index.ts';
import { generateEnterprise } from '../../src/demo/index.ts';
import type { OdsConfig } from '../../src/ods/index.ts';

export async function generatedFactory(customers: number, ods: OdsConfig, seed = 7): Promise<Factory> {
  const dir = join(mkdtempSync(join(tmpdir(), 'cif-e2e-')), 'factory');
  await generateEnterprise({ customers, seed, out: dir });
  return { ...loadFactory(dir, {}), ods };
}
