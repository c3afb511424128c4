// Runs every *.test.ts under src/ and test/ with node's test runner (node 20 takes no globs, so we name the files).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((dir) => { try { return find(dir); } catch { return []; } })
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Two files at a time: most of a test's time is spent waiting on a browser, a database or a child process, and
// each file runs in its own process with its own stores (CIF_TEST_CONCURRENCY=1 runs them one by one).
const concurrency = Number(process.env.CIF_TEST_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`CIF_TEST_CONCURRENCY: a whole number from 1, not ${process.env.CIF_TEST_CONCURRENCY}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
