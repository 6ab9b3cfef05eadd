/* Connects StoryReader to Streamlit's component protocol (components v1, postMessage).
 *
 * Streamlit sends "streamlit:render" with args {map_url, text_urls, countries_url, lang,
 * step, event, ack, tiles, mode, notes}. We fetch the map and the chosen language's words once
 * per address; after that every step happens here, in the browser. The page only hears
 * about a step afterwards ({step, event, end, seq}), to keep ?event= (or ?step=end) in the
 * address.
 */
(function () {
  "use strict";
  const root = document.getElementById("reader");
  let reader = null;
  let loading = null;  // the map address being loaded
  let latest = null;  // the newest args; applied once the reader exists
  let seq = 0;  // steps the reader has taken; the page echoes the last one it saw as `ack`
  let sendTimer = null;
  let applied = null;  // the args last applied to the reader
  const texts = {};  // language -> words, fetched once each

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  function getJson(url) {
    return fetch(url).then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
  }

  function textFor(args, lang) {
    if (!texts[lang]) texts[lang] = getJson(args.text_urls[lang]);
    return texts[lang];
  }

  /** The reader fills the browser window below the frame's top edge (same-origin parent). */
  function fitHeight(args) {
    let height = args.height || 640;
    try {
      const frame = window.frameElement;
      const top = frame.getBoundingClientRect().top + window.parent.scrollY;
      height = Math.max(args.min_height || 420, window.parent.innerHeight - top - (args.bottom_gap || 12));
    } catch (err) { /* another origin: keep the given height */ }
    root.style.setProperty("--reader-height", height + "px");
    send("streamlit:setFrameHeight", { height: height });
  }

  function onStep(step, event, end) {
    seq += 1;
    const value = { step: step, event: event, end: end, seq: seq };
    clearTimeout(sendTimer);
    sendTimer = setTimeout(() => send("streamlit:setComponentValue", { value: value, dataType: "json" }), 150);
  }

  function showError(message) {
    root.dataset.state = "error";
    const box = document.createElement("p");
    box.setAttribute("role", "alert");
    box.className = "load-error";
    box.textContent = message;
    root.prepend(box);
  }

  function load(args) {
    loading = args.map_url;
    Promise.all([getJson(args.map_url), textFor(args, args.lang)])
      .then(([map, text]) => {
        if (loading !== args.map_url) return;  // a newer story version arrived meanwhile
        reader = new window.StoryReader(root, map, text, {
          lang: args.lang, step: args.step, event: args.event, tiles: args.tiles, countriesUrl: args.countries_url,
          mode: args.mode, notes: args.notes, onStep: onStep, speakerUrl: speakerUrl,
        });
        reader.mapUrl = args.map_url;
        window.storyReader = reader;  // for tests and the benchmark to inspect
        // Keys reach the reader without a click into its frame first: the presenter takes every
        // key no control wants; the other pages only those that reach the page itself.
        try { reader.listenForKeys(window.parent.document, args.mode !== "presenter"); } catch (err) { /* another origin */ }
        window.storyReaderReadyAt = performance.timeOrigin + performance.now();
        applied = args;
        apply(latest);
      })
      .catch((err) => showError("The story map could not load its data (" + err.message + ")."));
  }

  function apply(args) {
    if (!reader || !args) return;
    // A new version of the story, or the other mode (the author's preview as a class sees it):
    // start again on it, at the step the page says (it keeps the event).
    if (args.map_url !== reader.mapUrl || (args.mode || "reader") !== reader.mode) { location.reload(); return; }
    if (args.lang !== reader.lang) {
      const lang = args.lang;
      textFor(args, lang).then((text) => { if (latest.lang === lang) reader.setLanguage(lang, text); });
    }
    // The notes follow the page's setting only when it changes: the teacher's own toggle stands.
    if (applied && Boolean(args.notes) !== Boolean(applied.notes)) reader.setNotes(Boolean(args.notes));
    applied = args;
    // A render that has not seen the reader's latest step is stale: never go back to it.
    if ((args.ack || 0) >= seq && args.step !== reader.step) reader.goTo(args.step, { fromUser: false, event: args.event });
  }

  /** The speaker view's address: speaker.html beside this page, with the story's files and the channel. */
  function speakerUrl(channel) {
    const url = new URL("speaker.html", window.location.href);
    url.hash = ["channel=" + encodeURIComponent(channel), "map=" + encodeURIComponent(latest.map_url),
      "texts=" + encodeURIComponent(JSON.stringify(latest.text_urls)), "lang=" + encodeURIComponent(reader.lang)].join("&");
    return url.href;
  }

  function render(args) {
    latest = args;
    fitHeight(args);
    if (!reader) { if (loading !== args.map_url) load(args); return; }
    apply(args);
  }

  // For tests and the benchmark: the steps the reader has reported (seq) and the last one the
  // page's answer has seen (ack); equal once the server has run for the reader's last step.
  window.storyBridge = { seq: () => seq, ack: () => (latest ? latest.ack || 0 : 0) };
  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  try { window.parent.addEventListener("resize", () => { if (latest) fitHeight(latest); }); } catch (err) { /* another origin */ }
  send("streamlit:componentReady", { apiVersion: 1 });
})();
