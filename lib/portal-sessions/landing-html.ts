import type { I18n } from "@/lib/i18n/catalogue";
import { fill } from "@/lib/i18n/translate";
import { escapeHtml, staticPage, type StaticFace } from "@/lib/ui/static-page";

/**
 * The landing page as a self-contained HTML document. It is served by a route handler, not a React
 * page, because the App Router serialises the full request URL — `?session=<code>` included — into
 * every page's flight data, which would put the one-time code into the HTML (docs/sessions.md "Exchange" forbids it).
 * The script reads the code (`?session=`, or `?code=` as in Unkey's document) from the address bar,
 * drops it from the address bar and history first, redeems it with a POST (a link scanner's bare GET
 * consumes nothing), then moves to /start, which opens the tab the session's intent names
 * (app/portal/[portalId]/start/route.ts). When the browser is already signed in to this
 * portal as another end user, the exchange answers 409 without using the code; the page names both
 * accounts and redeems only on the user's click (docs/security.md "Switching accounts"). Its words are
 * the language of the session the link signs in to, when the route knows it (docs/sessions.md
 * "Languages"): the body runs as `(function (T, LANG) {…})(words, "&lang=…")`, `T` holding them and
 * `LANG` going to the "ended" page.
 */
const SCRIPT_BODY = `
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
  // A message's {placeholders} filled in order, as text or (asStrong) as <strong> nodes.
  function parts(template, values, asStrong) {
    var out = [], re = /\\{([A-Za-z][A-Za-z0-9]*)\\}/g, last = 0, m;
    while ((m = re.exec(template))) {
      if (!Object.prototype.hasOwnProperty.call(values, m[1])) continue;
      out.push(template.slice(last, m.index), asStrong ? strong(values[m[1]]) : values[m[1]]);
      last = re.lastIndex;
    }
    out.push(template.slice(last));
    return out;
  }
  // Names arrive as text and are only ever set with textContent: an externalId cannot become markup.
  function ask(context) {
    var names = { signedInAs: context.signedInAs, linkFor: context.linkFor };
    root.removeAttribute("aria-busy");
    title.textContent = T.alreadyTitle;
    detail.textContent = "";
    detail.append.apply(detail, parts(T.alreadyBody, names, true));
    stay.textContent = parts(T.stayAs, names).join("");
    change.textContent = parts(T.switchTo, names).join("");
    choice.hidden = false; stay.focus();
  }
  function redeem() {
    if (!code) return location.replace(base + "/keys");
    title.textContent = T.signingIn; detail.textContent = T.moment; retry.hidden = true; choice.hidden = true; root.setAttribute("aria-busy", "true");
    var body = confirmSwitch ? { code: code, confirmSwitch: true } : { code: code };
    fetch("/v2/portal.exchangeCode", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" })
      .then(function (res) {
        if (res.ok) return location.replace(base + "/start");
        if (res.status === 409) {
          return res.json().then(function (b) {
            var c = b && b.error && b.error.context;
            if (c && typeof c.signedInAs === "string" && typeof c.linkFor === "string") return ask(c);
            location.replace(base + "/ended?reason=invalid_link" + LANG);
          });
        }
        location.replace(base + "/ended?reason=" + (res.status === 429 ? "rate_limited" : "invalid_link") + LANG);
      })
      .catch(function () {
        // The answer may have been lost after the code was redeemed; a retry carrying the cookie the
        // first attempt set gets the same session back (docs/sessions.md), so offering "Try again" is safe.
        root.removeAttribute("aria-busy");
        title.textContent = T.unreachableTitle;
        detail.textContent = T.unreachableBody;
        retry.hidden = false; retry.focus();
      });
  }
  retry.addEventListener("click", redeem);
  // Staying leaves the link unused (it expires on its own); switching redeems it, confirmed.
  stay.addEventListener("click", function () { location.replace(base + "/keys"); });
  change.addEventListener("click", function () { confirmSwitch = true; redeem(); });
  redeem();
`;

/** A value as JavaScript source inside a <script>: JSON, with nothing that could end the element or the line. */
function scriptValue(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * The document: the portal's brand (name, logo, colour) on the message card, the live region the script
 * writes into, and the script. The portal id lands in an attribute; only the strict `pc_` shape reaches
 * here (the route checks it), so there is nothing to escape in it.
 */
export function landingHtml(portalId: string, face: StaticFace, { locale, m }: Pick<I18n, "locale" | "m">): string {
  const t = m.landing;
  const content = `<div class="live" id="landing" data-portal="${portalId}" role="status" aria-live="polite" aria-busy="true">
<div class="p-status"><div class="spinner" aria-hidden="true"></div><h1 id="title">${escapeHtml(t.signingIn)}</h1></div><p id="detail">${escapeHtml(t.moment)}</p>
<button type="button" id="retry" hidden>${escapeHtml(t.retry)}</button>
<div class="actions" id="choice" hidden><button type="button" id="stay">${escapeHtml(t.stay)}</button><button type="button" id="switch" class="secondary">${escapeHtml(t.switchAccount)}</button></div>
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
</div>`;
  const words = { signingIn: t.signingIn, moment: t.moment, alreadyTitle: t.alreadyTitle, alreadyBody: t.alreadyBody, stayAs: t.stayAs, switchTo: t.switchTo, unreachableTitle: t.unreachableTitle, unreachableBody: t.unreachableBody };
  const script = `(function (T, LANG) {${SCRIPT_BODY}})(${scriptValue(words)}, ${scriptValue(locale === "en" ? "" : `&lang=${locale}`)});`;
  return staticPage({ title: fill(t.documentTitle, { app: face.displayName }), face, content, script, lang: locale });
}
