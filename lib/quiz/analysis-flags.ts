import { formatPercent } from "@/lib/format";

// The item analysis's flags: each a sentence an instructor can act on, from an item's facility,
// its discrimination D and the options nobody chose.

export const FLAG_RULES = { tooEasyAbove: 0.9, tooHardBelow: 0.3, weakDiscriminationBelow: 0.2 } as const;

export type ItemFlagKind = "too-easy" | "too-hard" | "weak-discrimination" | "negative-discrimination" | "unpicked-distractor";
export type ItemFlag = { kind: ItemFlagKind; message: string };

export type OptionStats = {
  id: string;
  text: string;
  isRight: boolean;
  /** responses that chose (single) or ticked (multiple) this option */
  count: number;
  /** count / responses; null without responses */
  share: number | null;
  /** share among the upper and lower 27% (ranked by total score); null without responses */
  upperShare: number | null;
  lowerShare: number | null;
};

/** A share as a whole percentage, with one decimal when rounding would land on the threshold. */
function percentNear(value: number, threshold: number): string {
  return formatPercent(value, Math.round(value * 100) === Math.round(threshold * 100) && value !== threshold ? 1 : 0);
}

/** Two decimals with a real minus sign; three when two would round onto the threshold it is compared with. */
export function formatIndex(value: number, threshold?: number): string {
  let text = Math.abs(value).toFixed(2);
  if (threshold !== undefined && value !== threshold && Number(text) * Math.sign(value) === threshold) text = Math.abs(value).toFixed(3);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

const clip = (text: string, length = 60) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/** The flags an item earns, each a sentence a person can act on. */
export function flagItem(item: { facility: number | null; discrimination: number | null; options: readonly OptionStats[] }): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const { facility, discrimination } = item;
  if (facility !== null && facility > FLAG_RULES.tooEasyAbove)
    flags.push({ kind: "too-easy", message: `Too easy: ${percentNear(facility, FLAG_RULES.tooEasyAbove)} right` });
  if (facility !== null && facility < FLAG_RULES.tooHardBelow)
    flags.push({ kind: "too-hard", message: `Too hard: ${percentNear(facility, FLAG_RULES.tooHardBelow)} right` });
  if (discrimination !== null && discrimination < 0)
    flags.push({
      kind: "negative-discrimination",
      message: `Negative discrimination: D = ${formatIndex(discrimination)}, the lowest-scoring attempts got it right more often than the highest-scoring`,
    });
  else if (discrimination !== null && discrimination < FLAG_RULES.weakDiscriminationBelow)
    flags.push({
      kind: "weak-discrimination",
      message: `Weak discrimination: D = ${formatIndex(discrimination, FLAG_RULES.weakDiscriminationBelow)} (below ${formatIndex(FLAG_RULES.weakDiscriminationBelow)})`,
    });
  const unpicked = item.options.filter((o) => !o.isRight && o.count === 0 && o.share !== null);
  const [only] = unpicked;
  if (only && unpicked.length === 1)
    flags.push({
      kind: "unpicked-distractor",
      message: `Distractor nobody picks: ${only.id.toUpperCase()}, “${clip(only.text)}” (0 choices)`,
    });
  else if (unpicked.length > 1)
    flags.push({
      kind: "unpicked-distractor",
      message: `Distractors nobody picks: ${unpicked.map((o) => o.id.toUpperCase()).join(", ")} (0 choices each)`,
    });
  return flags;
}
