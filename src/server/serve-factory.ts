// cif serve: holds the factory directory, opens the ODS off the server's thread, listens, and delivers the outbox.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Factory } from '../config/index.ts';
import { publishedOnDemand, semanticLayer } from '../marts/index.ts';
import { publishedDecisionSupport } from './dsi-routes.ts';
import { openOdsOffThread } from '../ods/index.ts';
import { lockDirectory } from '../ops/index.ts';
import { outboundTargets, startDeliverer } from '../outbound/index.ts';
import { createApp } from './app.ts';
import type { CountryCode } from 'libphonenumber-js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function serveFactory(factory: Factory, options: { port: number; host?: string }): Promise<RunningServer> {
  const lock = lockDirectory(factory.dataDir, 'cif serve');
  try {
    const ods = await openOdsOffThread(factory.ods);
    // The warehouse's DuckDB file belongs to the runs: the server reads what they publish, opened at first use.
    const published = publishedOnDemand(factory.dataDir);
    const app = createApp(ods, {
      outboundSources: factory.config.sources.filter((s) => s.outbound).map((s) => s.name),
      country: factory.config.defaults.country as CountryCode,
      prompts: factory.config.prompts,
    }, {}, { published, marts: publishedDecisionSupport(published, semanticLayer(factory.config.semantic)) });
    const host = options.host ?? '127.0.0.1';
    const server = await new Promise<ReturnType<typeof serve>>((resolvePromise, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolvePromise(s));
      s.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const deliverer = startDeliverer(ods, { targets: outboundTargets(factory.config) });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((r) => server.close(() => r()));
      await deliverer.stop();
      await published.close();
      await ods.close();
      lock.release();
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
    return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, port, close };
  } catch (error) {
    lock.release();
    throw error;
  }
}
