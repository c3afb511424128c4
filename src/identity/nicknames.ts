// Given-name equivalence (Robert ~ Bob ~ Rob) from the nickname table shipped in reference/.
import { fileURLToPath } from 'node:url';
import { type Duck, literal } from '../duckdb/index.ts';

const nicknameFile = fileURLToPath(new URL('../../reference/nicknames.csv', import.meta.url));

/** identity.name_root(name, root): every given name with each formal name it may stand for (itself included). */
export async function ensureNameRoots(duck: Duck): Promise<void> {
  const exists = await duck.one(`SELECT 1 FROM duckdb_tables() WHERE schema_name = 'identity' AND table_name = 'name_root'`);
  if (exists) return;
  await duck.run('CREATE SCHEMA IF NOT EXISTS identity');
  await duck.run(`CREATE TABLE identity.name_root AS
    WITH wide AS (SELECT * FROM read_csv(${literal(nicknameFile)}, header = true, all_varchar = true)),
    long AS (UNPIVOT wide ON COLUMNS(* EXCLUDE (name)) INTO NAME slot VALUE nickname)
    SELECT DISTINCT lower(trim(nickname)) AS name, lower(trim(name)) AS root FROM long WHERE trim(nickname) <> ''
    UNION SELECT DISTINCT lower(trim(name)), lower(trim(name)) FROM wide`);
}
