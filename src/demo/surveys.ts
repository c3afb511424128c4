// Customer-satisfaction surveys: sent after some contacts and now and then at random; the score
// follows the person's hidden dissatisfaction and drops after a complaint.
import { Random } from './random.ts';
import { usDay } from './calendar.ts';
import { csvRow } from './text-formats.ts';
import { systemCodes } from './product-catalogue.ts';
import type { AccountPlan, Relationship } from './customer-life.ts';
import type { Contact } from './call-centre.ts';

export const surveyHeader = 'SURVEY_ID,SYSTEM,ACCOUNT_NO,SURVEY_DATE,SCORE,COMMENT';

export interface SurveyAnswer {
  day: number;
  account: AccountPlan;
  score: number;
  comment: string | null;
}

const comments: Record<'low' | 'middle' | 'high', string[]> = {
  low: ['Too expensive for what you get', 'Service keeps dropping', 'Nobody fixed my problem', 'Billing is confusing, I was overcharged', 'Thinking about switching'],
  middle: ['It is OK', 'Fine, but the price went up', 'Support was slow but helpful', 'Average service'],
  high: ['Great service', 'Agent was very helpful', 'Fast and reliable', 'Happy with my plan', 'Quick resolution, thanks'],
};

export function surveysOf(relationship: Relationship, contacts: Contact[], rng: Random, windowStart: number, asOfDay: number): SurveyAnswer[] {
  const answers: SurveyAnswer[] = [];
  const d = relationship.dissatisfaction;
  for (const contact of contacts) {
    const day = contact.day + rng.between(1, 7);
    if (rng.chance(0.2) && day <= asOfDay) answers.push(answer(rng, d, day, contact.account, contact.complaint));
  }
  if (rng.chance(0.06)) {
    const accounts = relationship.records.flatMap((r) => r.accounts).filter((a) => a.closedDay < 0 || a.closedDay >= windowStart);
    if (accounts.length > 0) {
      const account = rng.pick(accounts);
      const last = account.closedDay < 0 ? asOfDay : account.closedDay;
      answers.push(answer(rng, d, rng.between(Math.max(windowStart, account.openedDay), Math.max(windowStart, last)), account, false));
    }
  }
  return answers;
}

/** The score follows dissatisfaction, lower still right after a complaint. */
function answer(rng: Random, dissatisfaction: number, day: number, account: AccountPlan, complaint: boolean): SurveyAnswer {
  const raw = 7.8 - 1.6 * dissatisfaction - (complaint ? 1.5 : 0) + 1.3 * rng.normal();
  const score = Math.min(10, Math.max(0, Math.round(raw)));
  const band = score <= 4 ? 'low' : score <= 7 ? 'middle' : 'high';
  return { day, account, score, comment: rng.chance(0.55) ? rng.pick(comments[band]) : null };
}

export function surveyRow(id: string, survey: SurveyAnswer): string {
  return csvRow([id, systemCodes[survey.account.line], survey.account.key, usDay(survey.day), String(survey.score), survey.comment]);
}
