// Identity: which source records are the same customer, under ids that never change meaning, and households.
// Reads acquisition's staging.customer; publishes identity.xref (source record → customer), identity.customer
// (golden records), identity.household and identity.redirect (merged ids), each row stamped with the run that
// last changed it. A later, better matcher replaces the steps inside resolveIdentity, not this surface.
export { resolveIdentity, type IdentitySummary } from './resolve-identity.ts';
export { ensureIdentityTables } from './identity-tables.ts';
export { customerChanges, sourceRecordChanges, householdChanges, redirectsSince, removedHouseholdsSince } from './changes-since.ts';
