// Access control for the HTTP API: passwords, sessions, API keys, the route → roles table, and what each role sees.
export { authRoutes } from './auth-routes.ts';
export { birthYearOnly, maskExplained, maskHits, maskProfile, masksBirthDates } from './masking.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export { requireAccess } from './require-access.ts';
export { allowedRoles, type Role, type RouteRoles, roles, routeRoles } from './route-roles.ts';
export { type SignedIn, signedIn } from './signed-in.ts';
export { type SignInLimit, signInLimit } from './sign-in-limit.ts';
export { newToken, sessionCookie, sessionHours, sha256Hex } from './tokens.ts';
