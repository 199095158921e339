import { brandStyle, sanitizeLogoUrl } from "@/lib/ui/branding";

/**
 * A complete HTML document in the portal's message-page look (a centred card with the portal's brand,
 * light and dark), for the pages a route handler answers without React: the landing page and the
 * not-found answers of a portal link. Class names and rules mirror "Message pages" in
 * app/portal/portal.css, so these pages and the React ones (the "ended" pages, the 404 page) look alike.
 */
export type StaticFace = { displayName: string; logoUrl?: string | null; primaryColor?: string | null };

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escaped text in which each `span` between backticks becomes a <code> element (the console's command names). */
export function escapeWithCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** Text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

// Every text reaches WCAG AA (4.5:1) in both themes; the brand colour's text colour comes from readableOn.
const STYLE = `:root{color-scheme:light dark;--bg:#fff;--fg:#111827;--muted:#6b7280;--border:#e5e7eb;--surface:#f9fafb;--accent:#4f46e5;--accent-fg:#fff;--shadow:0 1px 2px rgb(0 0 0/.05),0 8px 24px -12px rgb(0 0 0/.18)}
@media (prefers-color-scheme:dark){:root{--bg:#0b0f17;--fg:#e5e7eb;--muted:#9ca3af;--border:#1f2937;--surface:#111827;--accent:#818cf8;--accent-fg:#0b0f17;--shadow:0 1px 2px rgb(0 0 0/.4)}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
/* Japanese: the platforms' own Japanese faces (app/globals.css explains the list). */:lang(ja) body{font-family:ui-sans-serif,system-ui,-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,"Noto Sans JP","Noto Sans CJK JP","Source Han Sans JP","IPAexGothic","IPAPGothic","IPAGothic",sans-serif;line-break:strict}
.p-center{--brand:var(--accent);--brand-fg:var(--accent-fg);min-height:100dvh;display:grid;place-items:center;padding:24px 16px}
.card{border:1px solid var(--border);border-radius:12px;background:var(--bg);box-shadow:var(--shadow)}.card-pad{padding:18px}
.p-message{width:min(440px,100%)}.p-message h1{font-size:20px;margin:12px 0 8px}.p-message p{color:var(--muted);margin:0 0 12px}.p-message p.p-next{color:var(--fg)}.p-message>:last-child{margin-bottom:0}
.live p{margin:0}.live noscript p{margin-top:12px}#retry{margin-top:18px}
.p-brand{display:flex;align-items:center;gap:10px;min-width:0;font-weight:600;font-size:16px}.p-brand img{height:28px;width:auto;max-width:140px;object-fit:contain}
.p-brand-mark{width:28px;height:28px;border-radius:7px;background:var(--brand);color:var(--brand-fg);display:grid;place-items:center;font-size:14px;font-weight:700;flex:none}
.p-brand-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.p-status{display:flex;align-items:center;gap:10px;margin:12px 0 8px}.p-status h1{margin:0}
.spinner{width:20px;height:20px;border-radius:50%;border:2.5px solid var(--border);border-top-color:var(--brand);animation:spin .8s linear infinite;flex:none}
/* A spinner turns only while its live region is busy. */.live:not([aria-busy=true]) .spinner{display:none}
@keyframes spin{to{transform:rotate(360deg)}}@media (prefers-reduced-motion:reduce){.spinner{animation-duration:2.4s}}
p strong{color:var(--fg);font-weight:600;overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em;background:var(--surface);border:1px solid var(--border);border-radius:5px;padding:0 4px;overflow-wrap:anywhere}
form{margin:0}
.actions{display:flex;gap:10px;flex-wrap:wrap;margin-top:18px}.actions[hidden],button[hidden]{display:none}
button{min-height:36px;max-width:100%;padding:6px 14px;border-radius:8px;border:1px solid transparent;background:var(--brand);color:var(--brand-fg);font:inherit;font-size:14px;font-weight:500;cursor:pointer;overflow-wrap:anywhere;text-align:left}
button.secondary{background:var(--bg);color:var(--fg);border-color:var(--border)}
:focus-visible{outline:2px solid var(--brand);outline-offset:2px}`;

/** The logo (sanitised URL only) or a monogram in the brand colour, then the name: app/portal/_components/brand.tsx as HTML. */
function brandHtml(face: StaticFace): string {
  const logo = sanitizeLogoUrl(face.logoUrl);
  const initial = face.displayName.trim().charAt(0).toUpperCase() || "K";
  const mark = logo ? `<img src="${escapeHtml(logo)}" alt="" referrerpolicy="no-referrer">` : `<span class="p-brand-mark" aria-hidden="true">${escapeHtml(initial)}</span>`;
  return `<div class="p-brand">${mark}<span class="p-brand-name">${escapeHtml(face.displayName)}</span></div>`;
}

/** `--brand` and `--brand-fg` from a sanitised colour (only `#rgb`/`#rrggbb` and a fixed text colour reach the attribute). */
function brandAttribute(face: StaticFace): string {
  const style = Object.entries(brandStyle(face.primaryColor))
    .map(([name, value]) => `${name}:${value}`)
    .join(";");
  return style ? ` style="${style}"` : "";
}

/**
 * `title` and the face's fields are escaped here; `content` and `script` are the caller's own markup
 * and code, never user input. `lang` is the language the content is in (a shipped locale, as
 * lib/portal-sessions/locale.ts names them).
 */
export function staticPage({
  title,
  face,
  content,
  script,
  referrer = "no-referrer",
  lang = "en",
}: {
  title: string;
  face: StaticFace;
  content: string;
  script?: string;
  /** `same-origin` for a page whose plain form POSTs back to this server: under `no-referrer` the browser sends `Origin: null`. */
  referrer?: "no-referrer" | "same-origin";
  lang?: string;
}): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${referrer}"><meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main class="p-center"${brandAttribute(face)}><div class="p-message card card-pad">
${brandHtml(face)}
${content}
</div></main>${script ? `<script>${script}</script>` : ""}</body></html>`;
}
