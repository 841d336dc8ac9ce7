// One way to write a quiz score everywhere (results card, attempts, instructor tables, concept
// rows): partial credit to one decimal, whole numbers plain, percentages rounded. Pure: it runs in
// the browser and on the server alike.

const LOCALE = "en-GB";
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

/** 3.333 -> "3.3", 12 -> "12", 11.96 -> "12": points as people read them. */
export function formatPoints(points: number): string {
  if (!Number.isFinite(points)) return "—";
  // Round first so 11.96 reads "12", never "12.0", and -0 never shows.
  const rounded = Math.round(points * 10) / 10;
  return oneDecimal.format(rounded === 0 ? 0 : rounded);
}

/** formatScore(3.333, 15) -> "3.3/15" */
export function formatScore(score: number, total: number): string {
  return `${formatPoints(score)}/${formatPoints(total)}`;
}

/** 11 of 15 -> "73%"; nothing out of nothing -> "—". */
export function formatScorePercent(score: number, total: number): string {
  if (!Number.isFinite(score) || !Number.isFinite(total) || total <= 0) return "—";
  return `${Math.round((score / total) * 100)}%`;
}

/** formatScoreWithPercent(11, 15) -> "11/15 (73%)" */
export function formatScoreWithPercent(score: number, total: number): string {
  return `${formatScore(score, total)} (${formatScorePercent(score, total)})`;
}
