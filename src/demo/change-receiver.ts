// The demo's operational systems taking changes from the factory: one small HTTP server, a path per system
// (POST /cellular …). It checks the signature (401 if wrong), drops a delivery it already has (same
// Idempotency-Key: delivery is at least once), and appends each accepted change as one JSON line to
// sources/<system>/inbound/changes.jsonl, where a real system would apply it.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { verifySignature } from '../outbound/index.ts';
import { inboundChangesFile } from './enterprise-layout.ts';

export const demoReceiverPort = 4401;
const maxBody = 1_000_000;

export interface ChangeReceiverOptions {
  /** The factory directory: changes go to its sources/<system>/inbound/. */
  dir: string;
  /** The shared secret of each system that takes changes, by source name. */
  secrets: Record<string, string>;
  port?: number;
  host?: string;
}

export interface ChangeReceiver {
  url: string;
  port: number;
  close(): Promise<void>;
}

function keysIn(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    try {
      return String(JSON.parse(line).idempotencyKey ?? '');
    } catch {
      return '';
    }
  });
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startChangeReceiver(options: ChangeReceiverOptions): Promise<ChangeReceiver> {
  // Keys already written survive a restart of the demo, so a redelivery after one is still dropped.
  const seen = new Map(Object.keys(options.secrets).map((source) => [source, new Set(keysIn(inboundChangesFile(options.dir, source)))]));

  const receive = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const source = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1));
    const secret = Object.hasOwn(options.secrets, source) ? options.secrets[source] : undefined;
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST a change' });
    if (secret === undefined) return answer(res, 404, { error: `no system "${source}" takes changes here` });
    if (!verifySignature(body, secret, req.headers['x-cif-signature'] as string | undefined)) return answer(res, 401, { error: 'bad signature' });
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return answer(res, 400, { error: 'Idempotency-Key is required' });
    let change: unknown;
    try {
      change = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'the body is not JSON' });
    }
    const keys = seen.get(source)!;
    if (keys.has(key)) return answer(res, 200, { accepted: true, duplicate: true });
    const file = inboundChangesFile(options.dir, source);
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify({ receivedAt: new Date().toISOString(), idempotencyKey: key, delivery: change })}\n`);
    keys.add(key);
    answer(res, 200, { accepted: true });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) chunks.push(chunk);
    });
    req.on('end', () => (size > maxBody ? answer(res, 413, { error: 'too large' }) : receive(req, res, Buffer.concat(chunks))));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? demoReceiverPort, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The secrets of the systems whose outbound url points at the demo receiver (loopback, its port). */
export function demoReceiverSecrets(sources: { name: string; outbound?: { url: string; secret: string } }[], port = demoReceiverPort): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const source of sources) {
    if (!source.outbound) continue;
    const url = new URL(source.outbound.url);
    if (['127.0.0.1', 'localhost'].includes(url.hostname) && Number(url.port) === port && url.pathname === `/${source.name}`) secrets[source.name] = source.outbound.secret;
  }
  return secrets;
}
