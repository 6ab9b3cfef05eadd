/* Keeps the browser's owner cookie: a Streamlit component (v1, postMessage) with no height.
 *
 * The server gives each browser a signed secret (storymap/authoring/owners.py) and finds
 * its drafts by it. Args: {name, value (the secret the server offers), replace (the
 * browser's own value is not one the server signed), known (the value the server last
 * heard from this browser)}. The cookie is written when the browser has none (or must
 * replace it), for every page of the app (Path=/), sent only by the app's own pages
 * (SameSite=Strict), and only over HTTPS where the app is served so. A value the browser
 * holds that the server neither offered nor heard (a second tab that started at the same
 * moment wrote first) is sent back, so both tabs end up with the same owner.
 */
(function () {
  "use strict";

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  function held(name) {
    for (const part of document.cookie.split(";")) {
      const at = part.indexOf("=");
      if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
    }
    return null;
  }

  let replaced = false; // this frame has written the server's value over one it did not sign

  function render(args) {
    const name = args.name;
    if (!name) return;
    if (args.value && ((args.replace && !replaced) || !held(name))) {
      const secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie = name + "=" + args.value + "; Path=/; Max-Age=" + args.max_age +
        "; SameSite=Strict" + secure;
      replaced = replaced || Boolean(args.replace);
    }
    // Only news is sent back: a value the server neither offered nor heard. Each report
    // runs the page again, and a run that crosses the author's first click can undo it.
    const value = held(name);
    if (value && value !== args.value && value !== args.known) {
      send("streamlit:setComponentValue", { value: value, dataType: "json" });
    }
  }

  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    if (event.data && event.data.type === "streamlit:render") render(event.data.args || {});
  });
  send("streamlit:componentReady", { apiVersion: 1 });
  send("streamlit:setFrameHeight", { height: 0 });
})();
