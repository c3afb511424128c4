// The worker thread behind openOdsOffThread: opens the ODS here and answers read calls one message each.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openOds, type Ods, type OdsConfig, type OdsReader } from './ods.ts';

export type WorkerRequest = { id: number; method: keyof OdsReader; args: unknown[] };
type WireError = { name: string; message: string };
export type WorkerReply =
  | { ready: true }
  | { ready: false; error: WireError }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError };

// Only a message crosses the thread boundary, never a stack trace.
function wire(error: unknown): WireError {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

async function serve(port: NonNullable<typeof parentPort>, config: OdsConfig) {
  let ods: Ods;
  try {
    ods = await openOds(config);
  } catch (error) {
    port.postMessage({ ready: false, error: wire(error) } satisfies WorkerReply);
    port.close();
    return;
  }
  port.on('message', async ({ id, method, args }: WorkerRequest) => {
    try {
      const value = await (ods[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      port.postMessage({ id, ok: true, value } satisfies WorkerReply);
      if (method === 'close') port.close();
    } catch (error) {
      port.postMessage({ id, ok: false, error: wire(error) } satisfies WorkerReply);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

if (!isMainThread && parentPort) await serve(parentPort, (workerData as { config: OdsConfig }).config);
