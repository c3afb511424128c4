import type { OdsStats } from '../ods/index.ts';

export function printStats(stats: OdsStats, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(stats, null, 2));
    return;
  }
  const n = (v: number) => v.toLocaleString('en-US');
  console.log(`customers            ${n(stats.customers)}`);
  console.log(`households           ${n(stats.households)}`);
  console.log(`source records       ${n(stats.sourceRecords)}`);
  console.log(`rejected records     ${n(stats.rejects)}`);
  console.log(`multi-product        ${n(stats.multiProductCustomers)}`);
  console.log('product lines held   customers');
  for (const [lines, count] of Object.entries(stats.productsPerCustomer).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    console.log(`  ${lines.padStart(2)}                 ${n(count)}`);
  }
}
