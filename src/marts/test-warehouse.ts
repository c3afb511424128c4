// For tests: a small warehouse written by hand (real DuckDB, in memory), with the marts built from it.
import { type Duck, openDuck } from '../duckdb/index.ts';
import { ensureWarehouse } from '../warehouse/index.ts';
import { buildOlapMart } from './olap-mart.ts';

export const account = (key: string, customer: number, line: string, opened: string, closed: string | null) =>
  `(${key.length}, 'crm', '${key}', ${customer}, '${line}', NULL, ${closed ? "'closed'" : "'active'"}, DATE '${opened}', ${closed ? `DATE '${closed}'` : 'NULL'}, 10,
    TIMESTAMP '2026-04-01', TIMESTAMP '9999-12-31', true, 1, NULL)`;
export const invoice = (key: string, account: string, customer: number, day: string, amount: number) =>
  `(1, 'crm', '${key}', 'crm', '${account}', ${customer}, ${day.replaceAll('-', '')}, ${amount})`;

/** A warehouse of three customers over three months, with its marts built. */
export async function smallWarehouse(): Promise<Duck> {
  const duck = await openDuck();
  await ensureWarehouse(duck);
  // 1 holds cable all along and cellular from February; 2 leaves in February; 3 arrives in March (two accounts of one line).
  await duck.run(`INSERT INTO dw.dim_customer (customer_sk, customer_id, household_id, region, valid_from, valid_to, is_current, run_id) VALUES
    (1, 1, 10, 'OH', TIMESTAMP '2026-04-01', TIMESTAMP '9999-12-31', true, 1),
    (2, 2, 20, 'IN', TIMESTAMP '2026-04-01', TIMESTAMP '9999-12-31', true, 1),
    (3, 3, 10, 'OH', TIMESTAMP '2026-04-01', TIMESTAMP '9999-12-31', true, 1),
    (4, 3, 10, 'IN', TIMESTAMP '2026-01-01', TIMESTAMP '2026-04-01', false, 1)`);
  await duck.run(`INSERT INTO dw.dim_account VALUES
    ${account('A1', 1, 'cable', '2020-05-01', null)}, ${account('A2', 1, 'cellular', '2026-02-10', null)},
    ${account('B1', 2, 'cable', '2019-01-01', '2026-02-15')},
    ${account('C1', 3, 'cellular', '2026-03-03', null)}, ${account('C2', 3, 'cellular', '2026-03-20', null)}`);
  await duck.run(`INSERT INTO dw.dim_product VALUES (1, 'cable', 'basic', 1), (2, 'cellular', 'talk', 1), (3, 'cellular', 'data', 1)`);
  await duck.run(`INSERT INTO dw.fact_invoice VALUES
    ${invoice('I1', 'A1', 1, '2026-01-05', 50)}, ${invoice('I2', 'A1', 1, '2026-02-05', 50)}, ${invoice('I3', 'A1', 1, '2026-03-05', 50)},
    ${invoice('I4', 'A2', 1, '2026-02-20', 100)}, ${invoice('I5', 'A2', 1, '2026-03-20', 100)},
    ${invoice('I6', 'B1', 2, '2026-01-07', 30)}, ${invoice('I7', 'B1', 2, '2026-02-07', 30)},
    ${invoice('I8', 'C1', 3, '2026-03-25', 20)}`);
  await duck.run(`INSERT INTO dw.fact_contact VALUES
    (1, 'cc', 'K1', 'crm', 'A1', 1, 20260110, TIMESTAMP '2026-01-10 10:00', 'phone', 'bill', NULL, true, NULL),
    (1, 'cc', 'K2', 'crm', 'B1', 2, 20260211, TIMESTAMP '2026-02-11 10:00', 'chat', 'leaving', NULL, false, NULL),
    (1, 'cc', 'K3', 'crm', 'C1', 3, 20260312, TIMESTAMP '2026-03-12 10:00', 'phone', 'new', NULL, false, NULL)`);
  await duck.run(`INSERT INTO dw.fact_survey VALUES (1, 'sv', 'S1', 'crm', 'A1', 1, 20260301, 8, NULL), (1, 'sv', 'S2', 'crm', 'C1', 3, 20260330, 6, NULL)`);
  await buildOlapMart(duck, 1);
  return duck;
}

