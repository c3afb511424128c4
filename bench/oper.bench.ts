// npx tsx bench/oper.bench.ts [CUSTOMERS] [--repeat 5]
// The oper figures (today's contacts, open complaints by age, address changes not delivered yet) over an ODS of
// CUSTOMERS (default 1,000,000) written straight into PGlite by SQL: three contacts a customer over three years, one
// in five a complaint, a fifth of the customers with a front-line address change whose deliveries went out, a few
// hundred still in the outbox. On PostgreSQL too when CIF_BENCH_PG_URL names an empty database. Prints the plan's
// time of each figure and the whole call's median.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ods, openOds } from '../src/ods/index.ts';

const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 5;
const customers = Number((args[0] ?? '1000000').replaceAll('_', ''));

const fill = [
  `insert into customer (customer_id, given_name, family_name, address_line, postcode, first_run, updated_run)
   select i, 'Ann', 'Lee', i || ' Main St', '12345', 1, 1 from generate_series(1, ${customers}) i`,
  `insert into customer_source (source, source_key, customer_id, loaded_run)
   select s, s || i, i, 1 from generate_series(1, ${customers}) i, unnest(array['cable', 'cellular']) s where s = 'cable' or i % 3 = 0`,
  // Three contacts a customer over three years (the last of them today), one in five a complaint.
  `insert into contact (source, contact_key, customer_id, channel, contacted_at, reason, outcome, is_complaint, loaded_run)
   select 'cc', 'K' || i || '-' || k, i, (array['phone', 'phone', 'phone', 'chat', 'branch'])[1 + (i + k) % 5],
     now() - ((i * 7919 + k * 104729) % (3 * 365 * 1440)) * interval '1 minute',
     (array['outage', 'billing dispute', 'service quality', 'technical issue', 'billing question', 'upgrade'])[1 + (i * 3 + k) % 6],
     (array['resolved', 'escalated', 'technician dispatched', 'information given', 'credit issued', 'unresolved', 'resolved'])[1 + (i + k * 5) % 7],
     (i * 31 + k) % 5 = 0, 1
   from generate_series(1::bigint, ${customers}) i, generate_series(1, 3) k`,
  `insert into customer_change (customer_id, kind, version, before, after, changed_by, role, channel, changed_at, applied_run)
   select i, 'details', 2, '{"address_line": "1 Old St"}', jsonb_build_object('address_line', i || ' Main St'), 'ann', 'agent',
     case when i % 10 = 0 then 'portal' else 'workspace' end, now() - (i % 400) * interval '1 day', case when i % 1000 = 0 then null else 1 end
   from generate_series(5, ${customers}, 5) i`,
  `insert into outbox (change_id, customer_id, source, source_key, payload, status, attempts, created_at, delivered_at)
   select ch.change_id, ch.customer_id, s.source, s.source_key, ch.after,
     case when ch.change_id % 997 = 0 then 'pending' when ch.change_id % 4001 = 0 then 'dead' else 'delivered' end, 1, ch.changed_at, ch.changed_at
   from customer_change ch join customer_source s using (customer_id)`,
];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

async function bench(name: string, ods: Ods): Promise<void> {
  const [, loadMs] = await timed(async () => {
    for (const sql of fill) await ods.query(sql);
    for (const table of ['customer', 'customer_source', 'contact', 'customer_change', 'outbox']) await ods.query(`vacuum analyze ${table}`);
  });
  const [counts] = await ods.query<Record<string, number>>(
    `select (select count(*) from contact) as contacts, (select count(*) from contact where is_complaint) as complaints,
            (select count(*) from customer_change) as changes, (select count(*) from outbox) as deliveries`);
  console.log(`${name}: ${customers.toLocaleString('en-US')} customers, ${JSON.stringify(counts)}, written in ${(loadMs / 1000).toFixed(1)} s`);
  const times: number[] = [];
  let figures;
  for (let i = 0; i < repeat; i++) {
    const [value, ms] = await timed(() => ods.operFigures('UTC'));
    figures = value;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(`  operFigures: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}) over ${repeat}`);
  console.log(`  ${JSON.stringify({ today: figures!.today.contacts, openComplaints: figures!.openComplaints, pendingAddressChanges: figures!.pendingAddressChanges })}`);
}

const dir = mkdtempSync(join(tmpdir(), 'cif-oper-bench-'));
try {
  const ods = await openOds({ dir: join(dir, 'ods') });
  try {
    await bench('pglite', ods);
  } finally {
    await ods.close();
  }
  if (process.env.CIF_BENCH_PG_URL) {
    const pg = await openOds({ url: process.env.CIF_BENCH_PG_URL });
    try {
      await bench('postgres', pg);
    } finally {
      await pg.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
