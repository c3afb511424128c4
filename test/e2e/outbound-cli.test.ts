// cif outbound as a user runs it: counts and dead letters, replay, and deliver once to a real HTTP server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { loadFactory } from '../../src/config/index.ts';
import { openOds } from '../../src/ods/index.ts';
import { addOutboxRow } from '../../src/ods/test-outbox.ts';
import { verifySignature } from '../../src/outbound/index.ts';
import { startTestReceiver } from '../../src/outbound/test-receiver.ts';

// Asynchronous, so the receiver in this process can answer while the command runs.
async function cif(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.CIF_ODS_URL;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/cif.js', ...args], { encoding: 'utf8', env });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('cif outbound lists, replays and delivers', async (t) => {
  let accept = false;
  const receiver = await startTestReceiver(() => (accept ? 200 : 500));
  t.after(() => receiver.close());
  const dir = mkdtempSync(join(tmpdir(), 'cif-outbound-'));
  writeFileSync(join(dir, 'cif.yaml'), `
sources:
  - name: crm
    files:
      - { entity: customer, path: crm.csv, format: csv, key: ID, fields: { given_name: FIRST } }
    outbound: { url: "${receiver.url}/crm", secret: s3, maxAttempts: 1 }
`);
  const factory = loadFactory(dir, {});
  mkdirSync(factory.dataDir, { recursive: true });
  const ods = await openOds(factory.ods);
  const first = await addOutboxRow(ods, { customerId: 1, source: 'crm', sourceKey: 'R1' });
  const second = await addOutboxRow(ods, { customerId: 2, source: 'crm', sourceKey: 'R2' });
  await addOutboxRow(ods, { customerId: 3, source: 'legacy' });
  await ods.close();

  const failing = await cif('outbound', 'deliver', '--dir', dir);
  assert.equal(failing.status, 0, failing.stderr);
  assert.match(failing.stdout, /no endpoint for legacy/);
  assert.match(failing.stdout, /delivered 0, failed 0 \(to be retried\), dead 2/);

  const list = await cif('outbound', '--dir', dir);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /outbox: 1 pending, 0 delivered, 2 dead/);
  assert.match(list.stdout, new RegExp(`${first}  crm:R1  customer 1 .* 1 attempt\\(s\\), dead\\n\\s+last error: HTTP 500: refused 500`));

  const one = await cif('outbound', 'replay', String(first), '--dir', dir);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /replayed 1 dead delivery/);
  const notDead = await cif('outbound', 'replay', String(first), '--dir', dir);
  assert.equal(notDead.status, 2);
  assert.equal(notDead.stderr.trim(), `cif outbound: outbox row ${first} is pending, not dead`);
  assert.equal((await cif('outbound', 'replay', '--all', '--dir', dir)).stdout.trim().startsWith('replayed 1 dead delivery'), true);

  accept = true;
  const delivered = await cif('outbound', 'deliver', '--dir', dir);
  assert.match(delivered.stdout, /delivered 2, failed 0/);
  const last = receiver.received.at(-1)!;
  assert.ok(verifySignature(last.body, 's3', last.headers['x-cif-signature'] as string));
  const pending = JSON.parse((await cif('outbound', '--status', 'pending', '--json', '--dir', dir)).stdout);
  assert.deepEqual(pending.counts, { pending: 1, delivered: 2, dead: 0 });
  assert.equal(pending.items[0].source, 'legacy');
  assert.ok([first, second].every((id) => receiver.received.some((r) => JSON.parse(r.body).id === id)));

  const usage = await cif('outbound', 'replay', '--dir', dir);
  assert.equal(usage.status, 2);
  assert.equal(usage.stderr.trim(), 'cif outbound: say which: cif outbound replay ID, or cif outbound replay --all');
  assert.equal((await cif('outbound', '--status', 'lost', '--dir', dir)).stderr.trim(), 'cif outbound: --status must be one of pending, delivered, dead, not "lost"');
});
