// Acquisition: cleanse, standardise and validate what the sources deliver.
// Its published relations, which identity and the warehouse read: staging.customer, staging.account (current,
// one row per source key, run_id = the run that last changed it), staging.billing, staging.contact, staging.event,
// staging.survey (this run's batch) and staging.reject.
export { ensureStaging, clearBatches } from './staging-tables.ts';
export { acquireFiles, SourceFileError, type FileCounts } from './acquire-files.ts';
export { createStandardiseMacros } from './standardise-macros.ts';
