import { type Bucket, stackedBars } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";

const W = 720;
const H = 220;
const PAD = { top: 16, right: 8, bottom: 34, left: 52 };

/**
 * Stacked bars by outcome, drawn on the server as SVG (no chart library, no client JS). Screen
 * readers get the title here and the full numbers in the table that follows the chart.
 */
export function UsageChart({ buckets, unit, title }: { buckets: Bucket[]; unit: "hour" | "day"; title: string }) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const { max, segments } = stackedBars(buckets, plotW, plotH);
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 6));
  const slot = buckets.length ? plotW / buckets.length : plotW;
  const empty = buckets.every((b) => b.total === 0);
  const label = (t: number) => {
    const iso = new Date(t).toISOString();
    return unit === "day" ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  };

  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
      <title>{title}</title>
      <g transform={`translate(${PAD.left},${PAD.top})`}>
        {ticks.map((t) => {
          const y = plotH - (t / max) * plotH;
          return (
            <g key={t}>
              <line className="grid" x1={0} x2={plotW} y1={y} y2={y} />
              <text x={-8} y={y} textAnchor="end" dominantBaseline="middle">
                {Number.isInteger(t) ? formatCount(t) : ""}
              </text>
            </g>
          );
        })}
        {segments.map((s, i) => (
          <rect key={i} x={s.x} y={s.y} width={s.width} height={s.height} fill={s.color} rx={slot > 8 ? 1.5 : 0} />
        ))}
        {buckets.map((b, i) =>
          i % labelEvery === 0 ? (
            <text key={b.time} x={i * slot + slot / 2} y={plotH + 24} textAnchor="middle" className={(i / labelEvery) % 2 === 1 ? "tick-alt" : undefined}>
              {label(b.time)}
            </text>
          ) : null,
        )}
        {empty ? (
          <text x={plotW / 2} y={plotH / 2} textAnchor="middle" className="empty-note">
            No verifications in this period
          </text>
        ) : null}
      </g>
    </svg>
  );
}
