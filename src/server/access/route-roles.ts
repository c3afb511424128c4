// Who may call what: ONE table of the API's routes and the roles allowed on each. A route not in it is admin-only,
// so a new route is closed until someone decides who needs it.
import type { UserRole } from '../../ods/index.ts';

/** A user's role, or `system`: an operational system calling with its API key. */
export type Role = UserRole | 'system';
export const roles: readonly Role[] = ['agent', 'marketer', 'analyst', 'steward', 'admin', 'customer', 'system'];

export interface RouteRoles {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A Hono-style path: `:name` stands for one segment. */
  path: string;
  roles: readonly Role[];
}

const staff: Role[] = ['agent', 'marketer', 'analyst', 'steward', 'admin'];
const people: Role[] = [...staff, 'customer'];
const frontLine: Role[] = ['agent', 'marketer', 'steward', 'admin'];
const stewards: Role[] = ['steward', 'admin'];
const changers: Role[] = ['agent', 'admin'];

export const routeRoles: readonly RouteRoles[] = [
  { method: 'GET', path: '/api/auth/me', roles: [...people, 'system'] },
  { method: 'POST', path: '/api/auth/logout', roles: people },

  { method: 'GET', path: '/api/stats', roles: staff },
  { method: 'GET', path: '/api/runs', roles: ['admin', 'analyst', 'steward'] },

  { method: 'GET', path: '/api/customers', roles: frontLine },
  { method: 'GET', path: '/api/customers/:id', roles: frontLine },
  { method: 'GET', path: '/api/customers/:id/contacts', roles: frontLine },
  { method: 'PATCH', path: '/api/customers/:id', roles: changers },
  { method: 'POST', path: '/api/customers/:id/contacts', roles: changers },
  { method: 'POST', path: '/api/customers/:id/responses', roles: changers },
  { method: 'PATCH', path: '/api/customers/:id/preferences', roles: changers },
  { method: 'GET', path: '/api/customers/:id/audit', roles: ['agent', 'steward', 'admin'] },

  { method: 'GET', path: '/api/review', roles: stewards },
  { method: 'GET', path: '/api/review/:pairId', roles: stewards },
  { method: 'POST', path: '/api/review/:pairId/decision', roles: stewards },
  { method: 'POST', path: '/api/customers/:id/merge', roles: stewards },
  { method: 'POST', path: '/api/customers/:id/split', roles: stewards },
  { method: 'GET', path: '/api/explain', roles: stewards },
  { method: 'GET', path: '/api/customers/:id/explain', roles: ['agent', ...stewards] },

  // The self-service portal: a customer sees and changes only themselves (the handlers use signedIn(c).customerId).
  { method: 'GET', path: '/api/me', roles: ['customer'] },
  { method: 'PATCH', path: '/api/me', roles: ['customer'] },
  { method: 'PATCH', path: '/api/me/preferences', roles: ['customer'] },
  { method: 'GET', path: '/api/me/audit', roles: ['customer'] },

  // The decision-support interface: management's KPIs and today's oper figures, and OLAP questions for those who analyse and market.
  { method: 'GET', path: '/api/kpis', roles: ['marketer', 'analyst', 'admin'] },
  { method: 'GET', path: '/api/oper', roles: ['marketer', 'analyst', 'admin'] },
  { method: 'GET', path: '/api/olap/model', roles: ['marketer', 'analyst', 'admin'] },
  { method: 'POST', path: '/api/olap', roles: ['marketer', 'analyst', 'admin'] },
  { method: 'GET', path: '/api/analytics', roles: ['marketer', 'analyst', 'admin'] },

  { method: 'GET', path: '/api/outbound', roles: ['admin'] },
  { method: 'POST', path: '/api/outbound/:id/replay', roles: ['admin'] },
  { method: 'POST', path: '/api/outbound/replay', roles: ['admin'] },

  // Exploration: ad-hoc SQL over the published warehouse and marts.
  { method: 'POST', path: '/api/sql', roles: ['analyst', 'admin'] },
];

const adminOnly: readonly Role[] = ['admin'];

const compiled = routeRoles.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`),
}));

/** The roles allowed on a request; HEAD is a GET. */
export function allowedRoles(method: string, path: string): readonly Role[] {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return compiled.find((c) => c.route.method === m && c.pattern.test(path))?.route.roles ?? adminOnly;
}
