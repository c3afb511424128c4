// cif resolve on files of its own: one file deduplicated, two linked, dates in another format, missing values,
// and input that cannot be resolved, refused with a clear message before anything is written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writePersonFile } from '../demo/index.ts';
import { type Duck, openDuck } from '../duckdb/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cif-resolve-'));
const people = join(dir, 'people.csv');
await writePersonFile({ path: people, records: 3000, seed: 5 });
const roles = 'first_name=first_name,middle_name=middle_name,last_name=last_name,birth_date=birth_date,gender=gender,email=email,phone=phone';
const address = 'street_number=street_number,address_1=address_1,city=city,postcode=postcode,state=state';

const cif = (...args: string[]) => spawnSync(process.execPath, ['bin/cif.js', ...args], { encoding: 'utf8' });

/** Pairwise precision and recall of a resolve output against the person_id column of its input. */
async function score(duck: Duck, out: string, inputs: string[]): Promise<{ precision: number; recall: number; rows: number; inputsSeen: number }> {
  const truth = inputs.map((f) => `SELECT record_id, person_id FROM read_csv('${f}', all_varchar = true)`).join(' UNION ALL ');
  const row = await duck.one<{ precision: number; recall: number; rows: number; inputs_seen: number }>(`
    WITH o AS (SELECT input, record_id::VARCHAR AS record_id, cluster_id FROM read_csv('${out}', all_varchar = true)),
    j AS (SELECT o.*, t.person_id FROM o JOIN (${truth}) t USING (record_id)),
    pairs AS (SELECT
      (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY cluster_id, person_id)) AS tp,
      (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY cluster_id)) AS predicted,
      (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY person_id)) AS actual)
    SELECT tp / predicted AS precision, tp / actual AS recall, (SELECT count(*)::INTEGER FROM o) AS rows,
      (SELECT count(DISTINCT input)::INTEGER FROM o) AS inputs_seen FROM pairs`);
  return { precision: row!.precision, recall: row!.recall, rows: row!.rows, inputsSeen: row!.inputs_seen };
}

test('deduplicates one file: every record once in the output, clusters that match the truth', async () => {
  const out = join(dir, 'out.csv');
  const run = cif('resolve', people, '--id', 'record_id', '--map', roles, '--map', address, '--out', out);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /records\s+3,000/);
  assert.match(run.stdout, /pairs compared\s+[\d,]+ \(blocking recall/);
  assert.equal(readFileSync(out, 'utf8').split('\n')[0], 'input,record_id,cluster_id,match_probability');
  const duck = await openDuck();
  const s = await score(duck, out, [people]);
  assert.equal(s.rows, 3000);
  assert.ok(s.precision >= 0.97 && s.recall >= 0.95, `precision ${s.precision}, recall ${s.recall}`);
  const strengths = await duck.one<{ singles_not_1: number; bad: number }>(`SELECT
      count(*) FILTER (WHERE n = 1 AND match_probability <> 1)::INTEGER AS singles_not_1,
      count(*) FILTER (WHERE match_probability < 0 OR match_probability > 1)::INTEGER AS bad
    FROM (SELECT *, count(*) OVER (PARTITION BY cluster_id) AS n FROM read_csv('${out}'))`);
  assert.deepEqual(strengths, { singles_not_1: 0, bad: 0 }, 'a record alone in its cluster has probability 1');
  duck.close();
});

test('links two files, with birth dates as dd/MM/yyyy and values missing', async () => {
  const duck = await openDuck();
  // File a holds each person's first record, file b the others, with e-mail and phone blanked in a third of b.
  await duck.run(`CREATE TABLE p AS SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY record_id) AS k,
    strftime(try_cast(birth_date AS DATE), '%d/%m/%Y') AS dob FROM read_csv('${people}', all_varchar = true)`);
  const a = join(dir, 'a.csv');
  const b = join(dir, 'b.csv');
  const columns = 'record_id, first_name, last_name, dob, address_1, city, postcode, person_id';
  await duck.run(`COPY (SELECT ${columns}, email, phone FROM p WHERE k = 1) TO '${a}' (HEADER)`);
  await duck.run(`COPY (SELECT ${columns}, CASE WHEN hash(record_id) % 3 = 0 THEN NULL ELSE email END AS email,
    CASE WHEN hash(record_id) % 3 = 1 THEN NULL ELSE phone END AS phone FROM p WHERE k > 1) TO '${b}' (HEADER)`);
  const out = join(dir, 'link.csv');
  const map = 'first_name=first_name,last_name=last_name,birth_date=dob,email=email,phone=phone,address_1=address_1,city=city,postcode=postcode';
  const refused = cif('resolve', a, b, '--id', 'record_id', '--map', map, '--out', out);
  assert.equal(refused.status, 2, 'dates that do not read as ISO: the format is asked for');
  assert.match(refused.stderr, /birth_date: \d+ of \d+ values do not read as yyyy-MM-dd \(e\.g\. "\d\d\/\d\d\/\d{4}"\); give --date-format/);
  assert.equal(existsSync(out), false, 'nothing is written');

  const run = cif('resolve', a, b, '--id', 'record_id', '--map', map, '--date-format', 'dd/MM/yyyy', '--out', out);
  assert.equal(run.status, 0, run.stderr);
  const counts = await duck.one<{ a: number; b: number; cross: number; linked: number }>(`
    WITH o AS (SELECT * FROM read_csv('${out}', all_varchar = true)), t AS (SELECT record_id, person_id FROM p),
    j AS (SELECT o.*, t.person_id FROM o JOIN t USING (record_id))
    SELECT count(*) FILTER (WHERE input = 'a')::INTEGER AS a, count(*) FILTER (WHERE input = 'b')::INTEGER AS b,
      (SELECT count(*) FROM j x JOIN j y ON x.input = 'a' AND y.input = 'b' AND x.person_id = y.person_id)::INTEGER AS cross,
      (SELECT count(*) FROM j x JOIN j y ON x.input = 'a' AND y.input = 'b' AND x.person_id = y.person_id AND x.cluster_id = y.cluster_id)::INTEGER AS linked
    FROM o`);
  const [inA, inB] = [(await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM p WHERE k = 1'))!.n, (await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM p WHERE k > 1'))!.n];
  assert.equal(counts?.a, inA);
  assert.equal(counts?.b, inB);
  assert.ok(counts!.linked >= counts!.cross * 0.9, `${counts!.linked} of ${counts!.cross} records of b linked to their person in a`);
  const wrong = await duck.one<{ n: number }>(`WITH o AS (SELECT * FROM read_csv('${out}', all_varchar = true)), j AS (SELECT o.*, p.person_id FROM o JOIN p USING (record_id))
    SELECT count(*)::INTEGER AS n FROM j x JOIN j y ON x.input = 'a' AND y.input = 'b' AND x.cluster_id = y.cluster_id AND x.person_id <> y.person_id`);
  assert.ok(wrong!.n <= counts!.cross * 0.02, `${wrong!.n} cross links join different people`);
  duck.close();
});

test('input that cannot be resolved is refused with one line naming what is wrong, and nothing is written', () => {
  const out = join(dir, 'never.csv');
  const dupes = join(dir, 'dupes.csv');
  writeFileSync(dupes, 'id,first,last\n1,Ann,Lee\n2,Bob,Ray\n1,Cy,Ng\n');
  const blank = join(dir, 'blank.csv');
  writeFileSync(blank, 'id,first,last\n1,Ann,Lee\n,Bob,Ray\n');
  const cases: [string[], RegExp][] = [
    [[dupes, '--id', 'id', '--map', 'first_name=first,last_name=last'], /dupes\.csv: id is not unique: "1" appears 2 times/],
    [[blank, '--id', 'id', '--map', 'first_name=first,last_name=last'], /blank\.csv: 1 record\(s\) have no id; every record needs an id/],
    [[people, '--id', 'record_id', '--map', 'first_name=given'], /people\.csv: no column "given" \(it has record_id, first_name/],
    [[people, '--id', 'record_id', '--map', 'forename=first_name'], /--map: unknown role "forename"; roles are first_name/],
    [[people, '--id', 'record_id', '--map', 'first_name'], /--map: "first_name" is not ROLE=COLUMN/],
    [[people, '--map', 'first_name=first_name'], /--id COLUMN is required/],
    [[people, '--id', 'record_id', '--map', 'first_name=first_name', '--threshold', '2'], /--threshold must be a probability between 0 and 1/],
    [[join(dir, 'missing.csv'), '--id', 'x', '--map', 'first_name=a'], /missing\.csv: no such file/],
  ];
  for (const [args, message] of cases) {
    const run = cif('resolve', ...args, '--out', out);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr.trim(), new RegExp(`^cif resolve: \\S*?${message.source}`), args.join(' '));
    assert.equal(run.stderr.trim().split('\n').length, 1, 'one line, no stack');
  }
  assert.equal(existsSync(out), false);
});
