// How good a score is on rows it was not trained on: AUC (how well it ranks those who did above those who did not),
// precision among the top tenth (what a retention team calling the riskiest tenth would find), and calibration
// (does a predicted 20% happen a fifth of the time). Labels are 1 or 0 (true or false).

export interface CalibrationBin {
  /** 1 for the lowest tenth of scores, 10 for the highest. */
  decile: number;
  predicted: number;
  observed: number;
  rows: number;
}

/** Row indices by score, lowest first; equal scores keep their row order, so every result is reproducible. */
function byScore(scores: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => scores[a]! - scores[b]! || a - b);
}

/**
 * The area under the ROC curve by ranks: the chance that a random positive scores above a random negative, a tie
 * counting half. Null when either class is missing (there is nothing to rank).
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number | null {
  const order = byScore(scores);
  let positives = 0;
  let negatives = 0;
  let pairs = 0;
  for (let start = 0; start < order.length;) {
    // a run of equal scores: its positives beat every negative below it and tie with the negatives in it
    let end = start;
    let pos = 0;
    let neg = 0;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) {
      if (labels[order[end]!]) pos++;
      else neg++;
      end++;
    }
    pairs += pos * (negatives + neg / 2);
    positives += pos;
    negatives += neg;
    start = end;
  }
  return positives === 0 || negatives === 0 ? null : pairs / (positives * negatives);
}

/** The share of positives among the `share` of rows scored highest (at least one row). Null without rows. */
export function precisionAtTop(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, share = 0.1): number | null {
  if (scores.length === 0) return null;
  const order = byScore(scores);
  const k = Math.max(1, Math.ceil(order.length * share));
  let hits = 0;
  for (let r = order.length - k; r < order.length; r++) if (labels[order[r]!]) hits++;
  return hits / k;
}

/** Mean predicted against observed, in ten bins of (nearly) equal rows by score; the first bins take the rows left over. */
export function calibration(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, bins = 10): CalibrationBin[] {
  const order = byScore(scores);
  const n = order.length;
  const out: CalibrationBin[] = [];
  let start = 0;
  for (let b = 0; b < bins && start < n; b++) {
    const rows = Math.floor(n / bins) + (b < n % bins ? 1 : 0);
    let predicted = 0;
    let observed = 0;
    for (let r = start; r < start + rows; r++) {
      predicted += scores[order[r]!]!;
      observed += labels[order[r]!] ? 1 : 0;
    }
    if (rows > 0) out.push({ decile: b + 1, predicted: predicted / rows, observed: observed / rows, rows });
    start += rows;
  }
  return out;
}
