// The ODS read side (and the stewards' small writes) on a worker thread: PGlite's queries block the thread they run on, and an HTTP
// server's event loop must stay free. A PostgreSQL server needs no such thing: its reads are I/O.
import { Worker } from 'node:worker_threads';
import { openOds, type OdsConfig, type OdsReader } from './ods.ts';
import type { WorkerReply, WorkerRequest } from './ods-worker.ts';

export type ReaderMethod = Exclude<keyof OdsReader, 'close'>;

// The worker gets the TypeScript loader explicitly: a worker inherits command-line loaders (--import tsx)
// but not ones registered from code, which is how the cif command starts.
function bootstrap(): string {
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./ods-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

function revive(error: { name: string; message: string }): Error {
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

export async function openOdsOffThread(config: OdsConfig): Promise<OdsReader> {
  if (config.url !== undefined) return openOds(config);

  const worker = new Worker(bootstrap(), { eval: true, workerData: { config } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopped: Error | undefined;

  const stop = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      stop(error);
      reject(error);
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`ODS worker exited with code ${code} while opening`)));
    worker.once('message', (message: WorkerReply) => {
      worker.removeAllListeners('error').removeAllListeners('exit');
      if ('ready' in message && message.ready) resolve();
      else if ('error' in message) fail(revive(message.error));
    });
  }).catch(async (error) => {
    await worker.terminate();
    throw error;
  });

  worker.on('message', (message: WorkerReply) => {
    if (!('id' in message)) return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(revive(message.error));
  });
  worker.on('error', (error) => stop(error));
  worker.on('exit', () => stop(new Error('the ODS is closed')));

  const call = <T>(method: WorkerRequest['method'], args: unknown[] = []): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies WorkerRequest);
    });
  };

  return {
    searchCustomers: (q, page) => call('searchCustomers', [q, page]),
    getCustomer: (id) => call('getCustomer', [id]),
    survivingCustomerId: (id) => call('survivingCustomerId', [id]),
    listContacts: (customerId, page) => call('listContacts', [customerId, page]),
    scoresOf: (customerId) => call('scoresOf', [customerId]),
    stats: () => call('stats'),
    operFigures: (timeZone) => call('operFigures', [timeZone]),
    listRuns: (limit) => call('listRuns', [limit]),
    getSourceRecords: (refs) => call('getSourceRecords', [refs]),
    listReview: (page) => call('listReview', [page]),
    getReviewPair: (pairId) => call('getReviewPair', [pairId]),
    recordDecision: (decision) => call('recordDecision', [decision]),
    recordDecisions: (decisions) => call('recordDecisions', [decisions]),
    pendingDecisions: () => call('pendingDecisions'),
    markDecisionsApplied: (ids, runId) => call('markDecisionsApplied', [ids, runId]),
    identityModel: () => call('identityModel'),
    // front line
    updateCustomerDetails: (input) => call('updateCustomerDetails', [input]),
    updatePreferences: (input) => call('updatePreferences', [input]),
    getPreferences: (customerId) => call('getPreferences', [customerId]),
    logContact: (input) => call('logContact', [input]),
    listChanges: (customerId, limit) => call('listChanges', [customerId, limit]),
    // outbound
    dueDeliveries: (limit, now, exceptSources) => call('dueDeliveries', [limit, now, exceptSources]),
    markDelivered: (id) => call('markDelivered', [id]),
    markFailed: (id, error, nextAttemptAt, dead) => call('markFailed', [id, error, nextAttemptAt, dead]),
    listOutbound: (page) => call('listOutbound', [page]),
    replayDead: (id) => call('replayDead', [id]),
    // access
    addUser: (input) => call('addUser', [input]),
    findUser: (name) => call('findUser', [name]),
    listUsers: () => call('listUsers'),
    createSession: (userName, tokenHash, expiresAt) => call('createSession', [userName, tokenHash, expiresAt]),
    sessionUser: (tokenHash) => call('sessionUser', [tokenHash]),
    endSession: (tokenHash) => call('endSession', [tokenHash]),
    addApiKey: (source, keyHash) => call('addApiKey', [source, keyHash]),
    apiKeySource: (keyHash) => call('apiKeySource', [keyHash]),
    async close() {
      if (stopped) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      await call('close');
      await exited;
    },
  };
}
