// Every route of the route-roles table, called by every role: 403 exactly when the table leaves the role out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import type { Ods } from '../../ods/index.ts';
import { forEachEngine } from '../../ods/test-engines.ts';
import { createApp } from '../app.ts';
import { loadStewardshipFixture } from '../stewardship-fixture.ts';
import { type Role, roles, routeRoles } from './route-roles.ts';
import { bearer, logIn, signInAs } from './test-users.ts';
import { newToken, sha256Hex } from './tokens.ts';

const params: Record<string, string> = { ':id': '101', ':pairId': encodeURIComponent('core:C-1001|wireless:WL-7') };
const concrete = (path: string) => path.replace(/:\w+/g, (p) => params[p] ?? '1');

forEachEngine('role matrix', (engine) => {
  let ods: Ods;
  let app: Hono;
  const credentials = new Map<Role, Record<string, string>>();

  test('each role is allowed exactly the routes the table gives it', async () => {
    ods = await engine.open();
    await loadStewardshipFixture(ods);
    app = createApp(ods);
    for (const role of roles) {
      if (role === 'system') {
        const key = newToken();
        await ods.addApiKey('billing', sha256Hex(key));
        credentials.set(role, { 'x-api-key': key });
      } else {
        credentials.set(role, bearer(await signInAs(app, ods, role, role === 'customer' ? { customerId: 101 } : {})));
      }
    }
    const seen: string[] = [];
    for (const route of routeRoles) {
      for (const role of roles) {
        // Signing out ends the session it is called with: give it one of its own.
        const auth = route.path === '/api/auth/logout' && role !== 'system' ? bearer(await logIn(app, role)) : credentials.get(role)!;
        const init: RequestInit = route.method === 'GET' ? { headers: auth } : { method: route.method, headers: { ...auth, 'content-type': 'application/json' }, body: '{}' };
        const res = await app.request(concrete(route.path), init);
        const allowed = route.roles.includes(role);
        const label = `${role} ${route.method} ${route.path} → ${res.status}`;
        assert.equal(res.status === 403, !allowed, label);
        assert.notEqual(res.status, 401, label);
        if (!allowed) assert.match(((await res.json()) as { error: string }).error, new RegExp(`the ${role} role may not`));
        if (allowed) seen.push(label);
      }
    }
    assert.ok(seen.length > routeRoles.length, 'every route is open to someone');
  });

  test('a route missing from the table is admin-only', async () => {
    for (const [method, path] of [['DELETE', '/api/stats'], ['GET', '/api/secret-things'], ['POST', '/api/runs']]) {
      for (const role of roles) {
        const res = await app.request(path!, { method, headers: credentials.get(role)! });
        assert.equal(res.status === 403, role !== 'admin', `${role} ${method} ${path} → ${res.status}`);
      }
    }
  });

  test('the steward role reaches stewardship, and decisions are recorded under the signed-in name', async () => {
    const res = await app.request(`/api/review/${params[':pairId']}/decision`, {
      method: 'POST', headers: { ...credentials.get('steward')!, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'same', reason: 'same e-mail name' }),
    });
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as { decidedBy: string }).decidedBy, 'steward');
  });
});
