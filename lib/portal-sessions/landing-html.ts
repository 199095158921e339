import { staticPage, type StaticFace } from "@/lib/ui/static-page";

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

/**
 * The document: the portal's brand (name, logo, colour) on the message card, the live region the script
 * writes into, and the script. The portal id lands in an attribute; only the strict `pc_` shape reaches
 * here (the route checks it), so there is nothing to escape in it.
 */
export function landingHtml(portalId: string, face: StaticFace): string {
  const content = `<div class="live" id="landing" data-portal="${portalId}" role="status" aria-live="polite" aria-busy="true">
<div class="p-status"><div class="spinner" aria-hidden="true"></div><h1 id="title">Signing you in…</h1></div><p id="detail">This takes a moment.</p>
<button type="button" id="retry" hidden>Try again</button>
<div class="actions" id="choice" hidden><button type="button" id="stay">Stay signed in</button><button type="button" id="switch" class="secondary">Switch account</button></div>
<noscript><p>JavaScript is needed to sign in: the portal redeems your one-time link from the browser. Turn it on for this site, then open the link again from your app.</p></noscript>
</div>`;
  return staticPage({ title: `Signing in · ${face.displayName}`, face, content, script: SCRIPT });
}
