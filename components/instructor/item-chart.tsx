import { formatPercent } from "@/lib/format";
import { FLAG_RULES, formatIndex, type ItemStats } from "@/lib/quiz/analysis";

// Facility (across) against discrimination (up), one point per question, the flag zones shaded.
// Hand-made SVG, coloured from the theme's variables through Tailwind's fill/stroke utilities, so
// it follows light and dark. Sized in viewBox units and scaled to the column's width.

// The viewBox is about as wide as a phone's column, so its 11-unit text stays near 11 px there.
const W = 340;
const H = 340;
const PAD = { left: 40, right: 16, top: 24, bottom: 42 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const FONT = 11;
const CHAR_W = 6.4;
const WEAK_LABEL = `weak D (below ${formatIndex(FLAG_RULES.weakDiscriminationBelow)})`;

type Point = { x: number; y: number; numbers: number[]; isFlagged: boolean };
type Box = { x: number; y: number; w: number; h: number };
type Label = { text: string; x: number; y: number; leader: { x1: number; y1: number; x2: number; y2: number } | null };

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inPlot = (b: Box) =>
  b.x >= PAD.left + 1 && b.x + b.w <= PAD.left + PLOT_W - 1 && b.y >= PAD.top + 1 && b.y + b.h <= PAD.top + PLOT_H - 1;

/**
 * Items at the same spot share one marker. Each label (and the weak-D band's own label) goes to the
 * first nearby place that hits no marker and no other label; a label pushed away gets a leader line.
 */
function layout(items: readonly ItemStats[], yMin: number) {
  const toX = (f: number) => PAD.left + f * PLOT_W;
  const toY = (d: number) => PAD.top + ((1 - d) / (1 - yMin)) * PLOT_H;
  const byPlace = new Map<string, Point>();
  for (const item of items) {
    if (item.facility === null || item.discrimination === null) continue;
    const x = toX(item.facility);
    const y = toY(Math.max(yMin, item.discrimination));
    const key = `${x.toFixed(1)},${y.toFixed(1)}`;
    const point = byPlace.get(key) ?? { x, y, numbers: [], isFlagged: false };
    point.numbers.push(item.number);
    point.isFlagged ||= item.flags.length > 0;
    byPlace.set(key, point);
  }
  const points = [...byPlace.values()];
  const markers: Box[] = points.map((p) => ({ x: p.x - 6, y: p.y - 6, w: 12, h: 12 }));
  const h = FONT + 2;
  const isFree = (b: Box, placed: Box[]) => !placed.some((o) => overlaps(b, o)) && !markers.some((m) => overlaps(b, m));

  const weakTop = toY(FLAG_RULES.weakDiscriminationBelow);
  const weakW = WEAK_LABEL.length * CHAR_W;
  const weakSpots: Box[] = [];
  for (const y of [toY(yMin) - h - 3, weakTop + 3, (weakTop + toY(yMin)) / 2])
    for (const x of [toX(0.6) - weakW / 2, toX(0.3) + 3, toX(0.9) - weakW - 3]) weakSpots.push({ x, y, w: weakW, h });
  const weakBox = weakSpots.find((b) => isFree(b, [])) ?? weakSpots[0]!;
  const placed: Box[] = [weakBox];

  // Crowded points first: they have the fewest free places.
  const crowd = (p: Point) => points.filter((o) => Math.hypot(o.x - p.x, o.y - p.y) < 40).length;
  const order = [...points].sort((a, b) => crowd(b) - crowd(a));
  const labels: Label[] = order.map((p) => {
    const text = p.numbers.map((n) => `Q${n}`).join(", ");
    const w = text.length * CHAR_W;
    const near = [
      { dx: 8, dy: -h / 2 },
      { dx: -8 - w, dy: -h / 2 },
      { dx: -w / 2, dy: -8 - h },
      { dx: -w / 2, dy: 8 },
      { dx: 7, dy: -h - 3 },
      { dx: 7, dy: 3 },
      { dx: -7 - w, dy: -h - 3 },
      { dx: -7 - w, dy: 3 },
    ];
    const far: { dx: number; dy: number }[] = [];
    for (const r of [22, 34, 48])
      for (let a = 0; a < 16; a++) {
        const angle = (a / 16) * 2 * Math.PI;
        far.push({ dx: Math.cos(angle) * r - w / 2, dy: Math.sin(angle) * r - h / 2 });
      }
    const boxes = [...near, ...far].map((c) => ({ x: p.x + c.dx, y: p.y + c.dy, w, h }));
    const index = boxes.findIndex((b) => inPlot(b) && isFree(b, placed));
    const box = boxes[index] ?? boxes.find((b) => inPlot(b)) ?? boxes[0]!;
    placed.push(box);
    const isFar = index >= near.length;
    const cx = Math.min(Math.max(p.x, box.x), box.x + box.w);
    const cy = Math.min(Math.max(p.y, box.y), box.y + box.h);
    return { text, x: box.x, y: box.y + h - 3, leader: isFar ? { x1: p.x, y1: p.y, x2: cx, y2: cy } : null };
  });
  return { points, labels, weakLabel: { x: weakBox.x, y: weakBox.y + h - 3 }, toX, toY };
}

function describe(items: readonly ItemStats[]): string {
  const point = (i: ItemStats) => `Q${i.number} ${formatPercent(i.facility)} right, D ${formatIndex(i.discrimination ?? NaN)}`;
  const flagged = items.filter((i) => i.flags.length > 0);
  const fine = items.filter((i) => i.flags.length === 0);
  return [
    `Each question is a point: facility (mean credit, as a share of the maximum) from 0% to 100% across, discrimination D up.`,
    `Shaded: below ${formatPercent(FLAG_RULES.tooHardBelow)} or above ${formatPercent(FLAG_RULES.tooEasyAbove)} right, and D below ${formatIndex(FLAG_RULES.weakDiscriminationBelow)}.`,
    flagged.length ? `Flagged (${flagged.length}): ${flagged.map(point).join("; ")}.` : "No question is flagged.",
    fine.length ? `Not flagged: ${fine.map(point).join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

export function ItemChart({ items, id = "item-chart" }: { items: readonly ItemStats[]; id?: string }) {
  const lowest = Math.min(...items.map((i) => i.discrimination ?? 0));
  const yMin = Math.max(-1, Math.min(-0.2, Math.floor(lowest * 5) / 5));
  const { points, labels, weakLabel, toX, toY } = layout(items, yMin);
  const yTicks: number[] = [];
  for (let t = 1; t >= yMin - 1e-9; t -= 0.2) yTicks.push(Math.round(t * 10) / 10);
  const xTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const bottom = PAD.top + PLOT_H;
  const weakY = toY(FLAG_RULES.weakDiscriminationBelow);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto w-full max-w-md"
      fontSize={FONT}
      data-testid="item-chart"
    >
      <title id={`${id}-title`}>Facility against discrimination, one point per question</title>
      <desc id={`${id}-desc`}>{describe(items)}</desc>
      <rect x={PAD.left} y={PAD.top} width={PLOT_W} height={PLOT_H} className="fill-surface stroke-line" />
      {/* Flag zones: too hard, too easy (full height) and weak discrimination (full width). */}
      <rect x={toX(0)} y={PAD.top} width={toX(FLAG_RULES.tooHardBelow) - toX(0)} height={PLOT_H} className="fill-warning-soft" />
      <rect
        x={toX(FLAG_RULES.tooEasyAbove)}
        y={PAD.top}
        width={toX(1) - toX(FLAG_RULES.tooEasyAbove)}
        height={PLOT_H}
        className="fill-warning-soft"
      />
      <rect x={PAD.left} y={weakY} width={PLOT_W} height={bottom - weakY} className="fill-danger-soft opacity-80" />
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line
            x1={PAD.left}
            x2={PAD.left + PLOT_W}
            y1={toY(t)}
            y2={toY(t)}
            className="stroke-line"
            strokeDasharray={t === 0 ? undefined : "2 4"}
          />
          <text x={PAD.left - 5} y={toY(t) + 4} textAnchor="end" className="fill-ink-muted">
            {t < 0 ? `−${Math.abs(t).toFixed(1)}` : t.toFixed(1)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={toX(t)} y={bottom + 15} textAnchor="middle" className="fill-ink-muted">
          {formatPercent(t)}
        </text>
      ))}
      <line x1={PAD.left} x2={PAD.left + PLOT_W} y1={toY(0)} y2={toY(0)} className="stroke-line-strong" />
      <text x={toX(0)} y={PAD.top - 8} className="fill-warning font-semibold">
        ← too hard
      </text>
      <text x={toX(1)} y={PAD.top - 8} textAnchor="end" className="fill-warning font-semibold">
        too easy →
      </text>
      <text x={weakLabel.x} y={weakLabel.y} className="fill-danger font-semibold">
        {WEAK_LABEL}
      </text>
      <text x={PAD.left + PLOT_W / 2} y={H - 6} textAnchor="middle" className="fill-ink">
        Facility: mean credit →
      </text>
      <text transform={`translate(11 ${PAD.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle" className="fill-ink">
        Discrimination D →
      </text>
      {labels.map((l) => (l.leader ? <line key={`k${l.text}`} {...l.leader} className="stroke-ink-muted" strokeWidth={1} /> : null))}
      {points.map((p) =>
        p.isFlagged ? (
          <path
            key={`p${p.numbers.join("-")}`}
            d={`M ${p.x} ${p.y - 6} L ${p.x + 6} ${p.y} L ${p.x} ${p.y + 6} L ${p.x - 6} ${p.y} Z`}
            className="fill-danger stroke-surface"
            strokeWidth={1.5}
          />
        ) : (
          <circle key={`p${p.numbers.join("-")}`} cx={p.x} cy={p.y} r={5} className="fill-accent stroke-surface" strokeWidth={1.5} />
        ),
      )}
      {labels.map((l) => (
        <text key={`l${l.text}`} x={l.x} y={l.y} className="fill-ink stroke-surface font-semibold" paintOrder="stroke" strokeWidth={3}>
          {l.text}
        </text>
      ))}
    </svg>
  );
}
