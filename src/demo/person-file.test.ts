import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { personFileHeader, writePersonFile } from './person-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'cif-persons-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const columns = personFileHeader.split(',');
type Row = Record<string, string>;

/** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const records = 5000;
let text = '';
let cells: string[][] = [];
let rows: Row[] = [];
let byPerson = new Map<string, Row[]>();

before(async () => {
  const path = join(dir, 'persons.csv');
  const result = await writePersonFile({ path, records, seed: 11 });
  assert.deepEqual(result, { records, persons: 4000, path });
  text = readFileSync(path, 'utf8');
  cells = parseCsv(text);
  rows = cells.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]!])));
  byPerson = new Map();
  for (const row of rows) {
    const group = byPerson.get(row.person_id!) ?? [];
    group.push(row);
    byPerson.set(row.person_id!, group);
  }
});

const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const addressOf = (r: Row) => `${r.street_number}|${lower(r.address_1)}|${lower(r.city)}`;

test('the file has the header, one row per record, fourteen cells in each and well-formed values', () => {
  assert.equal(text.slice(0, text.indexOf('\n')), personFileHeader);
  assert.ok(text.endsWith('\n'));
  assert.equal(cells.length, records + 1);
  for (const r of cells) assert.equal(r.length, 14, r.join(','));
  assert.equal(new Set(rows.map((r) => r.record_id)).size, records);
  assert.ok(rows.some((r) => r.address_1!.includes(',')), 'some cells need RFC 4180 quoting');
  for (const r of rows) {
    assert.match(r.birth_date!, /^(\d{4}-\d{2}-\d{2})?$/);
    assert.match(r.gender!, /^[MF]?$/);
    if (r.email) assert.match(r.email, /^[^@\s]+@example\.(com|org|net)$/i);
    if (r.phone) assert.match(r.phone.replace(/\D/g, ''), /^1?555\d{7}$/);
    assert.match(r.person_id!, /^p\d+$/);
  }
  const phoneShapes = new Set(rows.filter((r) => r.phone).map((r) => r.phone!.replace(/\d/g, '9')));
  assert.ok(phoneShapes.size >= 4, [...phoneShapes].join(' '));
});

test('the same options give the same bytes; another seed gives another file', async () => {
  const again = join(dir, 'again.csv');
  await writePersonFile({ path: again, records, seed: 11 });
  assert.ok(readFileSync(again).equals(Buffer.from(text, 'utf8')));
  const other = join(dir, 'other.csv');
  await writePersonFile({ path: other, records, seed: 12 });
  assert.ok(!readFileSync(other).equals(Buffer.from(text, 'utf8')));
});

test('about a fifth of the rows are extra records: most persons have one, some two, a few up to five', async () => {
  const share = (records - byPerson.size) / records;
  assert.ok(Math.abs(share - 0.2) < 0.01, `share ${share}`);
  const sizes = [...byPerson.values()].map((g) => g.length);
  assert.ok(Math.max(...sizes) <= 5);
  assert.ok(sizes.filter((s) => s === 1).length > sizes.length * 0.7);
  assert.ok(sizes.filter((s) => s === 2).length > sizes.filter((s) => s >= 3).length);
  assert.ok(sizes.some((s) => s >= 3));

  const path = join(dir, 'tenth.csv');
  const result = await writePersonFile({ path, records: 2000, seed: 3, duplicateShare: 0.1 });
  assert.equal(result.persons, 1800);
  const ids = new Set(readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => line.slice(line.lastIndexOf(',') + 1)));
  assert.equal(ids.size, 1800);
  await assert.rejects(writePersonFile({ path, records: 10, seed: 1, duplicateShare: 0.9 }), RangeError);
});

test('records of one person are never side by side', () => {
  for (let i = 1; i < rows.length; i++) assert.notEqual(rows[i]!.person_id, rows[i - 1]!.person_id, `rows ${i} and ${i + 1}`);
});

test('records of one person are spelled differently', () => {
  const groups = [...byPerson.values()].filter((g) => g.length > 1);
  const differing = (column: string, same: (a: string, b: string) => boolean = (a, b) => a === b) =>
    groups.filter((g) => g.some((r) => !same(r[column]!, g[0]![column]!))).length;
  const caseBlind = (a: string, b: string) => lower(a) === lower(b);
  assert.ok(differing('first_name', caseBlind) > groups.length * 0.1, 'given names (nicknames, typos)');
  assert.ok(differing('last_name', caseBlind) > groups.length * 0.05, 'surnames (typos, marriage)');
  assert.ok(differing('first_name') > differing('first_name', caseBlind), 'case differences');
  assert.ok(differing('birth_date') > groups.length * 0.03, 'birth dates');
  assert.ok(differing('street_number') > groups.length * 0.05, 'moves');
  assert.ok(differing('email', caseBlind) > 0 && differing('email') > differing('email', caseBlind), 'e-mail');
  // a one-keystroke typo of a given name: same length ±1, same first letter, not a nickname
  const typos = groups.filter((g) => g.some((r) => {
    const a = lower(r.first_name);
    const b = lower(g[0]!.first_name);
    return a !== b && a[0] === b[0] && Math.abs(a.length - b.length) <= 1 && a.length > 3 && b.length > 3;
  }));
  assert.ok(typos.length > 0);
});

test('households, juniors, twins and namesakes look alike but are different persons', () => {
  const firstOf = new Map<string, Row>();
  for (const [id, group] of byPerson) firstOf.set(id, group[0]!);
  const persons = [...firstOf.values()];
  const together = (key: (r: Row) => string) => {
    const groups = new Map<string, Row[]>();
    for (const r of persons) {
      const k = key(r);
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    return [...groups.values()].filter((g) => g.length > 1);
  };

  const households = together((r) => `${addressOf(r)}|${lower(r.last_name)}`);
  assert.ok(households.length > 50, `households sharing address and surname: ${households.length}`);
  assert.ok(households.some((g) => g.some((r) => r.phone && g.some((o) => o !== r && o.phone.replace(/\D/g, '').slice(-10) === r.phone!.replace(/\D/g, '').slice(-10)))), 'a shared phone');

  const juniors = together((r) => `${addressOf(r)}|${lower(r.first_name)}|${lower(r.last_name)}`).filter((g) => {
    const years = g.map((r) => Number(r.birth_date!.slice(0, 4))).filter((y) => y > 0);
    return years.length === 2 && Math.abs(years[0]! - years[1]!) >= 19 && Math.abs(years[0]! - years[1]!) <= 36;
  });
  assert.ok(juniors.length > 0, 'a father and his junior');

  const twins = together((r) => `${addressOf(r)}|${lower(r.last_name)}|${r.birth_date}`).filter(
    (g) => g[0]!.birth_date && lower(g[0]!.first_name) !== lower(g[1]!.first_name),
  );
  assert.ok(twins.length > 0, 'twins');

  const namesakes = together((r) => `${lower(r.first_name)}|${lower(r.last_name)}|${lower(r.city)}`).filter((g) => addressOf(g[0]!) !== addressOf(g[1]!));
  assert.ok(namesakes.length > 10, `namesakes in one city: ${namesakes.length}`);
  assert.ok(together((r) => `${lower(r.first_name)}|${lower(r.last_name)}`).length > 100, 'common first and last names');
});
