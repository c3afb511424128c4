// A generated enterprise in a temporary factory directory, for end-to-end tests, with its ground truth at hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Factory, loadFactory } from '../../src/config/index.ts';
import { generateEnterprise } from '../../src/demo/index.ts';
import type { OdsConfig } from '../../src/ods/index.ts';

/** Enterprises this process generated: hundreds of megabytes each, removed when it exits. */
const generated: string[] = [];
process.once('exit', () => {
  for (const root of generated) rmSync(root, { recursive: true, force: true });
});

export async function generatedFactory(customers: number, ods: OdsConfig, seed = 7): Promise<Factory> {
  const root = mkdtempSync(join(tmpdir(), 'cif-e2e-'));
  generated.push(root);
  const dir = join(root, 'factory');
  await generateEnterprise({ customers, seed, out: dir });
  return { ...loadFactory(dir, {}), ods };
}
