// The demo's operational systems taking changes: signature checked, duplicates dropped, accepted changes in
// sources/<system>/inbound/changes.jsonl; and the demo's cif.yaml points the product-line systems at it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { factoryConfigSchema } from '../config/index.ts';
import { signBody } from '../outbound/index.ts';
import { demoReceiverPort, demoReceiverSecrets, startChangeReceiver } from './change-receiver.ts';
import { factoryConfigText } from './factory-config-file.ts';

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

test('accepts a signed change once, refuses a bad signature and an unknown system, and survives a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cif-receiver-'));
  let receiver = await startChangeReceiver({ dir, secrets: { cellular: 'k1' }, port: 0 });
  const file = join(dir, 'sources', 'cellular', 'inbound', 'changes.jsonl');
  const body = JSON.stringify({ id: 1, changeId: 5, customerId: 9, source: 'cellular', sourceKey: 'C9', createdAt: '2024-01-01T00:00:00.000Z', change: { email: 'x@example.com' } });
  const good = { 'x-cif-signature': signBody(body, 'k1'), 'idempotency-key': 'cif-outbox-1' };

  const forged = await post(`${receiver.url}/cellular`, body, { ...good, 'x-cif-signature': signBody(body, 'wrong') });
  assert.equal(forged.status, 401);
  assert.equal((await post(`${receiver.url}/cellular`, `${body} `, good)).status, 401, 'the body is signed byte for byte');
  assert.equal((await post(`${receiver.url}/cable`, body, good)).status, 404);
  assert.ok(!existsSync(file));

  assert.equal((await post(`${receiver.url}/cellular`, body, good)).status, 200);
  const again = await post(`${receiver.url}/cellular`, body, good);
  assert.deepEqual(await again.json(), { accepted: true, duplicate: true });
  await receiver.close();

  receiver = await startChangeReceiver({ dir, secrets: { cellular: 'k1' }, port: 0 });
  assert.equal((await post(`${receiver.url}/cellular`, body, good)).status, 200);
  await receiver.close();
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 1, 'a redelivery, even after a restart, is written once');
  assert.equal(lines[0].idempotencyKey, 'cif-outbox-1');
  assert.deepEqual(lines[0].delivery, JSON.parse(body));
});

test("the demo's cif.yaml sends the product-line systems' changes to the receiver", () => {
  const config = factoryConfigSchema.parse(parseYaml(factoryConfigText));
  const secrets = demoReceiverSecrets(config.sources);
  assert.deepEqual(Object.keys(secrets).sort(), ['cable', 'cellular', 'long_distance']);
  assert.equal(config.sources.find((s) => s.name === 'cellular')!.outbound!.url, `http://127.0.0.1:${demoReceiverPort}/cellular`);
  assert.equal(config.sources.find((s) => s.name === 'billing')!.outbound, undefined);
});
