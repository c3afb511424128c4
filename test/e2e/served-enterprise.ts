// A generated enterprise, run once (so the warehouse and marts are built and published), with a user per role asked
// for, served as `cif serve` serves it: for browser tests and the README's pictures of the screens. `prepare` writes
// to the ODS before the server opens it (one opener at a time), e.g. the scores a scoring run would write.
import type { Factory } from '../../src/config/index.ts';
import type { Ods, UserRole } from '../../src/ods/index.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { addTestUser } from '../../src/server/access/test-users.ts';
import { type RunningServer, serveFactory } from '../../src/server/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

export async function servedEnterprise(
  customers: number, roles: UserRole[], seed = 7, prepare?: (ods: Ods) => Promise<void>,
): Promise<{ factory: Factory; server: RunningServer }> {
  const generated = await generatedFactory(customers, { dir: '' }, seed);
  // The embedded ODS in the factory's own folder, whatever CIF_ODS_URL says.
  const factory = { ...generated, ods: { dir: `${generated.dataDir}/ods` } };
  const stores = await openStores(factory);
  try {
    const run = await runWith(factory, stores, () => undefined);
    if (run.status !== 'succeeded') throw new Error(`the run failed: ${run.error}`);
    for (const role of roles) await addTestUser(stores.ods, role);
    await prepare?.(stores.ods);
  } finally {
    await stores.close();
  }
  return { factory, server: await serveFactory(factory, { port: 0 }) };
}
