// A customer's latest scores as the front line reads them: churn risk with its reasons, the next best offer and the
// others ranked, value and tier, payment risk and collection treatment, and which models said so when.
import type { OdsSession } from './driver.ts';
import { survivingCustomerId } from './redirects.ts';
import type { ChurnBand, PaymentRisk, ScoreInput, ScoreOffer } from './score-input.ts';

export interface CustomerScores {
  modelVersion: string;
  scoredAt: string;
  scoreRun: number;
  churnRisk: { probability: number; band: ChurnBand; reasons: string[] };
  /** The first of `offers`; null when there is none. */
  nextBestOffer: ScoreOffer | null;
  /** Ranked, best first. */
  offers: ScoreOffer[];
  /** What the customer was worth over the last 12 months. */
  value: number;
  valueTier: string;
  paymentRisk: PaymentRisk;
  collectionTreatment: string;
  collectionDescription: string;
}

/** A row of customer_score as read: the scoring run's input as it was loaded. */
type ScoreRow = Omit<ScoreInput, 'customer_id'>;

/** The scores held for this very customer id (no merges followed); null when it has none. */
export async function customerScores(session: OdsSession, customerId: number): Promise<CustomerScores | null> {
  const [row] = await session.query<ScoreRow>(
    `select score_run, model_version, scored_at, churn_risk, churn_band, churn_reasons, offers, value, value_tier, payment_risk,
       collection_treatment, collection_description
     from customer_score where customer_id = $1`, [customerId]);
  if (!row) return null;
  return {
    modelVersion: row.model_version,
    scoredAt: row.scored_at,
    scoreRun: row.score_run,
    churnRisk: { probability: row.churn_risk, band: row.churn_band, reasons: row.churn_reasons },
    nextBestOffer: row.offers[0] ?? null,
    offers: row.offers,
    value: row.value,
    valueTier: row.value_tier,
    paymentRisk: row.payment_risk,
    collectionTreatment: row.collection_treatment,
    collectionDescription: row.collection_description,
  };
}

/** The scores of the customer an id names now, following merges; null when there is no such customer or no scores. */
export async function scoresOf(session: OdsSession, id: number): Promise<CustomerScores | null> {
  const customerId = await survivingCustomerId(session, id);
  return customerId === null ? null : customerScores(session, customerId);
}
