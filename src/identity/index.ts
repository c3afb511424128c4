// Identity: which source records are the same customer, under ids that never change meaning, and households.
// Reads acquisition's staging.customer; publishes identity.xref (source record → customer), identity.customer
// (golden records), identity.household, identity.redirect (merged ids) and identity.event (merges and splits),
// each row stamped with the run that last changed it. Matching is a Fellegi–Sunter model estimated from the
// data (fellegi-sunter.ts); `resolveFiles` runs the same matching on any CSV file of people.
export { resolveIdentity, defaultIdentitySettings, type IdentitySettings, type IdentitySummary } from './resolve-identity.ts';
export { ensureIdentityTables } from './identity-tables.ts';
export { customerChanges, sourceRecordChanges, householdChanges, redirectsSince, removedHouseholdsSince, reviewQueue, eventsSince } from './changes-since.ts';
export { resolveFiles, parseRoleMap, type ResolveFileOptions, type ResolveFileSummary } from './resolve-file.ts';
export { explainPair, explainCustomer, recordFields, type Evidence, type Explanation, type PersonFields } from './explain.ts';
export { recordDecisions, decisionsAppliedSince, type Decision } from './decisions.ts';
export { loadModel, type ModelOverrides } from './model-store.ts';
export type { IdentityModel } from './fellegi-sunter.ts';
export { personRoles, type PersonRole } from './person-fields.ts';
export { recordFrontLineChanges, frontLineTakenSince, type FrontLineChange } from './front-line-values.ts';
