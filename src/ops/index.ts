// Systems management: the run of the factory, its record, and who holds a factory directory.
export { buildMarts, publish, runFactory, runWith, openStores, type RunReport, type OpenStores, type Log } from './run-factory.ts';
export { lockDirectory, DirectoryLockedError, type DirectoryLock } from './directory-lock.ts';
export { deliverToOds } from './deliver-to-ods.ts';
export type { SourceCount } from './run-log.ts';
export { analyticsSettingsOf, deliverScores, describeScoring, scoreAndFeedBack, type ScoreStep } from './score-step.ts';
