// For tests: a small warehouse in a DuckDB file of a temporary data directory, with the real dw tables, a run's
// worth of rows at a time, and a mart beside them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Duck, openDuck } from '../duckdb/index.ts';
import { ensureWarehouse } from '../warehouse/index.ts';

export interface TestWarehouse {
  dataDir: string;
  duck: Duck;
  /** Run `run` adds `customers` new customers, an invoice and a contact each, and rebuilds the mart. */
  addRun(run: number, customers?: number): Promise<void>;
}

export async function testWarehouse(): Promise<TestWarehouse> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cif-marts-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const duck = await openDuck(join(dataDir, 'warehouse.duckdb'), { memoryLimit: '512MB' });
  await ensureWarehouse(duck);
  await duck.run('CREATE SCHEMA IF NOT EXISTS mart');
  let next = 1;
  return {
    dataDir,
    duck,
    async addRun(run, customers = 3) {
      const first = next;
      next += customers;
      const ids = `range(${first}, ${next}) r(id)`;
      await duck.run(`INSERT INTO dw.dim_customer (customer_sk, customer_id, given_name, family_name, city, valid_from, valid_to, is_current, run_id)
        SELECT id, id, 'Given' || id, 'Family', 'SPRINGFIELD', TIMESTAMP '2025-01-01' + INTERVAL (${run}) DAY, TIMESTAMP '9999-12-31', true, ${run} FROM ${ids}`);
      await duck.run(`INSERT INTO dw.fact_invoice SELECT ${run}, 'billing', 'I-' || id, 'cellular', 'A-' || id, id, 20250101 + ${run}, 10.25 * id FROM ${ids}`);
      await duck.run(`INSERT INTO dw.fact_contact SELECT ${run}, 'calls', 'C-' || id, 'cellular', 'A-' || id, id, 20250101 + ${run},
        TIMESTAMP '2025-01-01 09:30:00', 'phone', 'billing question', 'answered', id % 2 = 0, NULL FROM ${ids}`);
      // Sums of BIGINT are HUGEINT, which Parquet cannot hold as such.
      await duck.run(`CREATE OR REPLACE TABLE mart.revenue_by_city AS
        SELECT c.city, sum(f.amount) AS revenue, sum(f.customer_id::BIGINT) AS customer_id_total, count(*) AS invoices
        FROM dw.fact_invoice f JOIN dw.dim_customer c USING (customer_id) GROUP BY c.city`);
    },
  };
}
