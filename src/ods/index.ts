// The ODS's public surface. Other parts of the factory import from here only.
export { openOds, type Ods, type OdsConfig, type OdsReader } from './ods.ts';
export { openOdsOffThread } from './off-thread.ts';
export { OdsLoadError } from './load.ts';
export { type ContactPage, contactsPerPage, maxContactsPage } from './contacts.ts';
export { OdsInputError } from './stewardship.ts';
export { type Actor, type ChangeRow, type ContactEntry, type DetailsChange, detailFields, OdsConflictError, OdsNotFoundError, type Preferences } from './front-line.ts';
export type { PendingContact, PendingDetailsChange, TakenChange } from './front-line-runs.ts';
export { outboxStatuses, type OutboundPage, type OutboxCounts, type OutboxRow, type OutboxStatus } from './outbox.ts';
export { userRoles, type SessionUser, type UserInput, type UserRecord, type UserRole } from './access.ts';
export { customerFactKinds, type CustomerFacts, type FactKind, type FactName } from './customer-facts.ts';
export { resolvingOutcomes } from './open-complaints.ts';
export { churnBands, type ChurnBand, paymentRisks, type PaymentRisk, type ScoreInput, type ScoreOffer } from './score-input.ts';
export type { ScoreLoadCounts } from './load-scores.ts';
export type { CustomerScores } from './scores.ts';
export { ageBands, type AgeBand, type OperFigures } from './oper-figures.ts';
export { tables, type Table, type Column, type TableName } from './schema.ts';
export type { Engine } from './driver.ts';
export type {
  AccountInput,
  AccountRow,
  ContactInput,
  ContactRow,
  CustomerEventInput,
  CustomerEventKind,
  CustomerHistoryItem,
  CustomerHit,
  CustomerInput,
  CustomerProfile,
  CustomerRow,
  CustomerSourceInput,
  CustomerSourceRow,
  DecisionInput,
  DecisionKind,
  HouseholdInput,
  HouseholdMember,
  HouseholdRow,
  LoadCounts,
  MatchKind,
  OdsLoad,
  OdsStats,
  RecordFields,
  RecordRef,
  RedirectRow,
  ReviewItem,
  ReviewPairInput,
  ReviewRecord,
  RunRecord,
  RunSourceRecord,
  StewardDecision,
  Valued,
} from './rows.ts';
