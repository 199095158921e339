import { type AxisTick, type Bucket, stackedBars } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import "./usage-chart.css";

/** The bars' own coordinates: the SVG stretches to its box, so only the HTML labels keep their size. */
const VIEW_W = 1000;
const VIEW_H = 100;

/**
 * Stacked bars by outcome, drawn on the server (no chart library, no client JS). The bars are an
 * SVG stretched to the plot's box; the axis labels are HTML beside and below it, so they keep their
 * size on any screen and can never overlap each other. Screen readers get the title here and the
 * full numbers in the table that follows the chart.
 */
export function UsageChart({ buckets, ticks, title, locale }: { buckets: Bucket[]; ticks: AxisTick[]; title: string; locale: string }) {
  const { max, segments } = stackedBars(buckets, VIEW_W, VIEW_H);
  const levels = [max, max / 2, 0].filter(Number.isInteger);
  const slot = 100 / Math.max(buckets.length, 1);

  return (
    <div className="chart" role="img" aria-label={title} data-testid="usage-chart">
      <div className="chart-y">
        {/* In the flow but invisible: widens the axis column to its longest label. */}
        <span className="chart-y-size">{formatCount(max, locale)}</span>
        {levels.map((v) => (
          <span key={v} className="chart-y-label" style={{ bottom: `${(v / max) * 100}%` }}>
            {formatCount(v, locale)}
          </span>
        ))}
      </div>
      <div className="chart-plot">
        <svg viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} preserveAspectRatio="none" focusable="false">
          {levels.map((v) => {
            const y = VIEW_H - (v / max) * VIEW_H;
            return <line key={v} className="chart-grid" x1={0} x2={VIEW_W} y1={y} y2={y} vectorEffect="non-scaling-stroke" />;
          })}
          {segments.map((s, i) => (
            <rect key={i} x={s.x} y={s.y} width={s.width} height={s.height} fill={s.color} />
          ))}
        </svg>
      </div>
      <div className="chart-x">
        {ticks.map((t) => (
          <span key={t.index} className={t.minor ? "chart-x-label minor" : "chart-x-label"} style={place(t.index, slot)}>
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Centred under its bar; near the right edge, ending with its bar instead, so it stays inside the card. */
function place(index: number, slot: number): { left: string } | { right: string; transform: string } {
  const centre = (index + 0.5) * slot;
  return centre > 88 ? { right: `${100 - (index + 1) * slot}%`, transform: "none" } : { left: `${centre}%` };
}
