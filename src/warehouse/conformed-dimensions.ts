// The conformed dimensions besides date and product: the channels contacts come through and the places customers
// live. Every mart cuts by the same values, whichever source they came from; a value is added by the run that first
// sees it and never removed (the warehouse is non-volatile).
import type { Duck } from '../duckdb/index.ts';

/** Adds the channels and places this run's facts and versions brought. */
export async function loadConformedDimensions(duck: Duck, runId: number): Promise<void> {
  await duck.run(`INSERT INTO dw.dim_channel SELECT channel, $1 FROM (
    SELECT DISTINCT channel FROM dw.fact_contact WHERE run_id = $1 AND channel IS NOT NULL EXCEPT SELECT channel FROM dw.dim_channel)`, [runId]);
  await duck.run(`INSERT INTO dw.dim_geography SELECT region, city, postcode, $1 FROM (
    SELECT region, city, postcode FROM dw.dim_customer WHERE run_id = $1
    UNION SELECT region, city, postcode FROM dw.dim_household WHERE run_id = $1
    EXCEPT SELECT region, city, postcode FROM dw.dim_geography)`, [runId]);
}
