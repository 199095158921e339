/**
 * The landing page as a self-contained HTML document. It is served by a route handler, not a React
 * page, because the App Router serialises the full request URL — `?session=<code>` included — into
 * every page's flight data, which would put the one-time code into the HTML (docs/sessions.md "Exchange" forbids it).
 * The script reads the code (`?session=`, or `?code=` as in Unkey's document) from the address bar,
 * drops it from the address bar and history first, redeems it with a POST (a link scanner's bare GET
 * consumes nothing), then moves to /start, which opens the tab the session's intent names
 * (app/portal/[portalId]/start/route.ts). When the browser is already signed in to this
 * portal as another end user, the exchange answers 409 without using the code; the page names both
 * accounts and redeems only on the user's click (docs/security.md "Switching accounts").
 */
const SCRIPT = `(function () {
  var root = document.getElementById("landing");
  var base = "/portal/" + encodeURIComponent(root.getAttribute("data-portal"));
  var url = new URL(window.location.href);
  // "session" is what Keyport's links carry (Unkey's older portal docs); "code" is Unkey's current example.
  var code = url.searchParams.get("session") || url.searchParams.get("code");
  url.searchParams.delete("session");
  url.searchParams.delete("code");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  var title = document.getElementById("title"), detail = document.getElementById("detail"), retry = document.getElementById("retry");
  var choice = document.getElementById("choice"), stay = document.getElementById("stay"), change = document.getElementById("switch");
  var confirmSwitch = false;
  function strong(text) { var b = document.createElement("strong"); b.textContent = text; return b; }
  // Names arrive as text and are only ever set with textContent: an externalId cannot become markup.
  function ask(context) {
    root.removeAttribute("aria-busy");
    title.textContent = "You\\u2019re already signed in";
    detail.textContent = "";
    detail.append("This browser is signed in to this portal as ", strong(context.signedInAs), ". The link you opened signs in as ", strong(context.linkFor), ".");
    stay.textContent = "Stay signed in as " + context.signedInAs;
    change.textContent = "Switch to " + context.linkFor;
    choice.hidden = false; stay.focus();
  }
  function redeem() {
    if (!code) return location.replace(base + "/keys");
    title.textContent = "Signing you in\\u2026"; detail.textContent = "This takes a moment."; retry.hidden = true; choice.hidden = true; root.setAttribute("aria-busy", "true");
    var body = confirmSwitch ? { code: code, confirmSwitch: true } : { code: code };
    fetch("/v2/portal.exchangeCode", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" })
      .then(function (res) {
        if (res.ok) return location.replace(base + "/start");
        if (res.status === 409) {
          return res.json().then(function (b) {
            var c = b && b.error && b.error.context;
            if (c && typeof c.signedInAs === "string" && typeof c.linkFor === "string") return ask(c);
            location.replace(base + "/ended?reason=invalid_link");
          });
        }
        location.replace(base + "/ended?reason=" + (res.status === 429 ? "rate_limited" : "invalid_link"));
      })
      .catch(function () {
        // The answer may have been lost after the code was redeemed; a retry carrying the cookie the
        // first attempt set gets the same session back (docs/sessions.md), so offering "Try again" is safe.
        root.removeAttribute("aria-busy");
        title.textContent = "We couldn\\u2019t reach the server";
        detail.textContent = "Check your connection, then try again.";
        retry.hidden = false; retry.focus();
      });
  }
  retry.addEventListener("click", redeem);
  // Staying leaves the link unused (it expires on its own); switching redeems it, confirmed.
  stay.addEventListener("click", function () { location.replace(base + "/keys"); });
  change.addEventListener("click", function () { confirmSwitch = true; redeem(); });
  redeem();
})();`;

// Every text reaches WCAG AA (4.5:1) in both themes: the button's text is dark on the light accent of dark mode.
const STYLE = `:root{color-scheme:light dark;--bg:#fff;--fg:#111827;--muted:#6b7280;--border:#e5e7eb;--accent:#4f46e5;--accent-fg:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0b0f17;--fg:#e5e7eb;--muted:#9ca3af;--border:#1f2937;--accent:#818cf8;--accent-fg:#0b0f17}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{min-height:100dvh;display:grid;place-items:center;padding:24px 16px}.msg{width:min(440px,100%)}
h1{font-size:20px;margin:12px 0 8px}p{color:var(--muted);margin:0 0 12px}
.spinner{width:22px;height:22px;border-radius:50%;border:2.5px solid var(--border);border-top-color:var(--accent);animation:spin .8s linear infinite}
.msg:not([aria-busy=true]) .spinner{visibility:hidden}
@keyframes spin{to{transform:rotate(360deg)}}@media (prefers-reduced-motion:reduce){.spinner{animation-duration:2.4s}}
p strong{color:var(--fg);font-weight:600;overflow-wrap:anywhere}
.actions{display:flex;gap:10px;flex-wrap:wrap;margin-top:18px}.actions[hidden]{display:none}
button{min-height:36px;max-width:100%;padding:6px 14px;border-radius:8px;border:1px solid transparent;background:var(--accent);color:var(--accent-fg);font:inherit;font-weight:500;cursor:pointer;overflow-wrap:anywhere;text-align:left}
button.secondary{background:var(--bg);color:var(--fg);border-color:var(--border)}
button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}`;

export function landingHtml(portalId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">
<title>Signing in · Keyport</title><style>${STYLE}</style></head>
<body><main><div class="msg" id="landing" data-portal="${portalId}" role="status" aria-live="polite" aria-busy="true">
<div class="spinner" aria-hidden="true"></div><h1 id="title">Signing you in…</h1><p id="detail">This takes a moment.</p>
<button type="button" id="retry" hidden>Try again</button>
<div class="actions" id="choice" hidden><button type="button" id="stay">Stay signed in</button><button type="button" id="switch" class="secondary">Switch account</button></div>
<noscript><p>JavaScript is needed to sign in: the portal redeems your one-time link from the browser. Turn it on for this site, then open the link again from your app.</p></noscript>
</div></main><script>${SCRIPT}</script></body></html>`;
}
