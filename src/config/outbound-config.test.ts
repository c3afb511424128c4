// sources[].outbound in cif.yaml: where a system takes changes, validated with errors that name the field.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFactory } from './index.ts';

function factoryWithOutbound(outbound: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cif-config-'));
  writeFileSync(join(dir, 'cif.yaml'), `
sources:
  - name: crm
    files:
      - { entity: customer, path: crm.csv, format: csv, key: ID, fields: { given_name: FIRST } }
    ${outbound}
`);
  return dir;
}

test('an outbound endpoint: url, secret and an optional maxAttempts', () => {
  const f = loadFactory(factoryWithOutbound('outbound: { url: "https://crm.example.com/changes", secret: abc, maxAttempts: 3 }'), {});
  assert.deepEqual(f.config.sources[0]!.outbound, { url: 'https://crm.example.com/changes', secret: 'abc', maxAttempts: 3 });
  assert.equal(loadFactory(factoryWithOutbound(''), {}).config.sources[0]!.outbound, undefined);
});

test('outbound errors name the field', () => {
  const error = (outbound: string) => {
    try {
      loadFactory(factoryWithOutbound(outbound), {});
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail(`accepted ${outbound}`);
  };
  assert.match(error('outbound: { url: "ftp://crm.example.com", secret: abc }'), /sources\.0\.outbound\.url: must be an http:\/\/ or https:\/\/ URL/);
  assert.match(error('outbound: { url: "not a url", secret: abc }'), /sources\.0\.outbound\.url: must be an http:\/\/ or https:\/\/ URL/);
  assert.match(error('outbound: { url: "http://crm" }'), /sources\.0\.outbound\.secret: required: the shared secret/);
  assert.match(error('outbound: { url: "http://crm", secret: "  " }'), /sources\.0\.outbound\.secret: must not be empty/);
  assert.match(error('outbound: { secret: abc }'), /sources\.0\.outbound\.url: required: the http\(s\) URL/);
  assert.match(error('outbound: { url: "http://crm", secret: abc, maxAttempts: 0 }'), /sources\.0\.outbound\.maxAttempts: at least 1/);
  assert.match(error('outbound: { url: "http://crm", secret: abc, retries: 3 }'), /sources\.0\.outbound: .*retries/);
});

test('a secret written as ${NAME} is read from the environment, and a missing one is named', () => {
  const dir = factoryWithOutbound('outbound: { url: "https://crm.example.com/changes", secret: "${CRM_SECRET}" }');
  assert.equal(loadFactory(dir, { CRM_SECRET: 's3cret' }).config.sources[0]!.outbound!.secret, 's3cret');
  assert.throws(() => loadFactory(dir, {}), /sources\.0\.outbound\.secret: the environment variable CRM_SECRET is not set/);
  assert.throws(() => loadFactory(dir, { CRM_SECRET: '  ' }), /CRM_SECRET is not set/);
  // anything else is the secret itself
  const literal = factoryWithOutbound('outbound: { url: "https://crm.example.com/changes", secret: "$CRM_SECRET" }');
  assert.equal(loadFactory(literal, { CRM_SECRET: 's3cret' }).config.sources[0]!.outbound!.secret, '$CRM_SECRET');
});
