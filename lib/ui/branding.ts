/**
 * Branding from a portal config reaches a page as CSS and as an <img src>. Both are sanitised here,
 * at render time, even though provisioning validates them too: a value that slipped past (an older
 * row, a direct DB edit) must never become CSS injection or a `javascript:` / tracking-pixel URL.
 */

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** Only `#rgb` or `#rrggbb`; anything else (names, rgb(), `red;}body{…`) is dropped. */
export function sanitizeColor(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  return HEX_COLOR.test(v) ? v.toLowerCase() : undefined;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An absolute https URL, or http to a loopback host (local development); nothing else. */
export function sanitizeLogoUrl(value: string | null | undefined): string | undefined {
  if (!value || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return url.href;
  return undefined;
}

/** Expands `#abc` to `#aabbcc`. */
function expand(hex: string): string {
  return hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
}

/** WCAG relative luminance of a sanitised hex colour. */
export function luminance(hex: string): number {
  const full = expand(hex);
  const channel = (i: number) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * Text colour that stays readable on a button filled with the brand colour: white or the page's ink,
 * whichever contrasts more; for mid-tones where neither reaches WCAG AA's 4.5:1, pure black (white
 * or black always reaches 4.58:1 at worst).
 */
export function readableOn(hex: string): "#ffffff" | "#111827" | "#000000" {
  const l = luminance(hex);
  const contrastWhite = 1.05 / (l + 0.05);
  const contrastDark = (l + 0.05) / (luminance("#111827") + 0.05);
  if (contrastWhite >= contrastDark && contrastWhite >= 4.5) return "#ffffff";
  if (contrastDark >= 4.5) return "#111827";
  return contrastWhite >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** CSS custom properties for the portal shell; empty when the portal has no (valid) colour. */
export function brandStyle(primaryColor: string | null | undefined): Record<string, string> {
  const color = sanitizeColor(primaryColor);
  if (!color) return {};
  return { "--brand": color, "--brand-fg": readableOn(color) };
}
