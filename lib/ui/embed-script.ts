import { HOST_HELLO } from "@/lib/ui/embed-events";

/**
 * The embed script a customer's page loads (`GET /embed/v1.js`, alias `/embed.js`;
 * docs/embedding.md "The embed script"): plain ES5, no dependencies, one global `Keyport` with
 * `mount(element, { url, onEvent, title?, minHeight? })`. It frames a createSession `url`, grows the
 * frame to the height the portal reports (no inner scrollbar), and hands the portal's events to
 * `onEvent` — only messages from that frame's window and the url's origin, and only Keyport's.
 * A new version gets a new path (/embed/v2.js); v1 only ever changes compatibly.
 */
export const EMBED_SCRIPT_VERSION = 1;

export const EMBED_SCRIPT = `/*! Keyport embed v${EMBED_SCRIPT_VERSION} */
(function (w) {
  "use strict";
  if (w.Keyport && w.Keyport.version >= ${EMBED_SCRIPT_VERSION}) return;
  var HELLO = ${JSON.stringify(HOST_HELLO)};
  function mount(element, options) {
    if (!element || element.nodeType !== 1) throw new TypeError("Keyport.mount: the first argument must be an element");
    options = options || {};
    var url;
    try { url = new URL(options.url, w.location.href); } catch (e) { url = null; }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw new TypeError("Keyport.mount: options.url must be the url portal.createSession returned");
    var origin = url.origin;
    var onEvent = typeof options.onEvent === "function" ? options.onEvent : function () {};
    var minHeight = Math.max(0, Number(options.minHeight) || 0);
    var frame = w.document.createElement("iframe");
    frame.src = url.href;
    frame.title = options.title || "API keys";
    frame.setAttribute("allow", "clipboard-write");
    frame.style.cssText = "display:block;width:100%;border:0;height:" + Math.max(minHeight, 320) + "px";
    var hello = 0;
    function sayHello() { if (frame.contentWindow) frame.contentWindow.postMessage(HELLO, origin); }
    function onLoad() {
      // A portal page that cannot read its parent's origin (Firefox) waits for this to know where to post.
      w.clearInterval(hello);
      var tries = 0;
      sayHello();
      hello = w.setInterval(function () { if (++tries >= 20) w.clearInterval(hello); sayHello(); }, 250);
    }
    function onMessage(e) {
      if (e.source !== frame.contentWindow || e.origin !== origin) return;
      var d = e.data;
      if (!d || typeof d !== "object" || d.source !== "keyport" || typeof d.type !== "string") return;
      var event = {};
      for (var k in d) if (k !== "source" && k !== "version" && Object.prototype.hasOwnProperty.call(d, k)) event[k] = d[k];
      if (d.type === "ready") w.clearInterval(hello);
      if (d.type === "resize" && typeof d.height === "number" && d.height > 0 && d.height < 100000) {
        frame.style.height = Math.max(minHeight, Math.ceil(d.height)) + "px";
      }
      try { onEvent(event); } catch (err) { w.setTimeout(function () { throw err; }); }
    }
    frame.addEventListener("load", onLoad);
    w.addEventListener("message", onMessage);
    element.appendChild(frame);
    return {
      iframe: frame,
      unmount: function () {
        w.clearInterval(hello);
        w.removeEventListener("message", onMessage);
        frame.removeEventListener("load", onLoad);
        if (frame.parentNode) frame.parentNode.removeChild(frame);
      }
    };
  }
  w.Keyport = { version: ${EMBED_SCRIPT_VERSION}, mount: mount };
})(window);
`;
