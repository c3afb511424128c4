// The matching model is estimated once and kept (identity.model), so later runs score new records the same way.
// Configuration may set any level's m or u by hand; the estimate is then used for everything else.
import type { Duck } from '../duckdb/index.ts';
import type { IdentityModel } from './fellegi-sunter.ts';

/** comparison name → level label → the parameters to use. */
export type ModelOverrides = Record<string, Record<string, { m?: number; u?: number }>>;

export async function loadModel(duck: Duck): Promise<IdentityModel | null> {
  const row = await duck.one<{ model: string }>('SELECT model::VARCHAR AS model FROM identity.model ORDER BY run_id DESC LIMIT 1');
  return row ? (JSON.parse(row.model) as IdentityModel) : null;
}

export async function saveModel(duck: Duck, model: IdentityModel, runId: number): Promise<void> {
  await duck.run('DELETE FROM identity.model');
  await duck.run('INSERT INTO identity.model VALUES ($1::JSON, $2)', [JSON.stringify(model), runId]);
}

export function overrideModel(model: IdentityModel, overrides: ModelOverrides = {}): IdentityModel {
  for (const [name, levels] of Object.entries(overrides)) {
    const comparison = model.comparisons.find((c) => c.name === name);
    if (!comparison) continue;
    for (const [label, values] of Object.entries(levels)) {
      const level = comparison.levels.find((l) => l.label === label);
      if (!level) throw new Error(`identity.model: comparison ${name} has no level "${label}" (levels: ${comparison.levels.map((l) => l.label).join('; ')})`);
      if (values.m !== undefined) level.m = values.m;
      if (values.u !== undefined) level.u = values.u;
    }
  }
  return model;
}
