import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { luminance } from "./branding";
import { OUTCOMES } from "./analytics";

/**
 * The usage chart's series colours (app/portal/_components/usage-chart.css), in each theme: every bar
 * keeps 3:1 against the card (WCAG 1.4.11), and every two series stay apart for viewers with each
 * common colour-vision deficiency (Machado et al. 2009 simulation, full severity; distance in CIELAB).
 */
const css = readFileSync(new URL("../../app/portal/_components/usage-chart.css", import.meta.url), "utf8");
const globals = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");

/** `--<prefix>name: light-dark(#light, #dark)` → name → the colour of `scheme`. */
function vars(text: string, prefix: string, scheme: "light" | "dark"): Record<string, string> {
  const pairs = [...text.matchAll(new RegExp(`--${prefix}([\\w-]*):\\s*light-dark\\(\\s*(#[0-9a-fA-F]{6})\\s*,\\s*(#[0-9a-fA-F]{6})\\s*\\)`, "g"))];
  return Object.fromEntries(pairs.map((m) => [m[1] ?? "", ((scheme === "light" ? m[2] : m[3]) ?? "").toLowerCase()]));
}
const themes = {
  light: { series: vars(css, "series-", "light"), bg: vars(globals, "bg", "light")[""] },
  dark: { series: vars(css, "series-", "dark"), bg: vars(globals, "bg", "dark")[""] },
};

const SIMULATIONS: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

function lab(hex: string, matrix: number[][]): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = matrix.map((row) => Math.min(1, Math.max(0, row.reduce((s, k, i) => s + k * (rgb[i] ?? 0), 0))));
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};

describe.each(Object.entries(themes))("chart palette, %s theme", (_, { series, bg }) => {
  const names = OUTCOMES.map((o) => o.color.replace(/^var\(--series-(.*)\)$/, "$1"));

  it("defines a colour for every outcome the chart draws", () => {
    expect(Object.keys(series).sort()).toEqual([...names].sort());
    expect(bg).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("keeps every bar at 3:1 against the card", () => {
    for (const name of names) expect(contrast(series[name] ?? "", bg ?? ""), name).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.keys(SIMULATIONS))("keeps every two series apart for %s", (vision) => {
    const matrix = SIMULATIONS[vision] ?? [];
    for (const [i, a] of names.entries()) {
      for (const b of names.slice(i + 1)) {
        const [p, q] = [lab(series[a] ?? "", matrix), lab(series[b] ?? "", matrix)];
        expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]), `${a} vs ${b}`).toBeGreaterThanOrEqual(12);
      }
    }
  });
});
