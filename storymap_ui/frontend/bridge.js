/* Connects StoryReader to Streamlit's component protocol (components v1, postMessage).
 *
 * Streamlit sends "streamlit:render" with args {payload_url, countries_url, lang, step, tiles};
 * we fetch the payload once per URL, then only switch language or step. A step the reader
 * chooses goes back with setComponentValue so the page can update the narrative and URL.
 */
(function () {
  "use strict";
  let reader = null;
  let loadedUrl = null;
  let seq = 0;  // how many steps the reader has taken; the page echoes the last one it saw
  let latestArgs = null;  // renders that arrive while the payload loads are applied after it
  let sendTimer = null;

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  function reportHeight() {
    send("streamlit:setFrameHeight", { height: Math.ceil(document.documentElement.getBoundingClientRect().height) + 4 });
  }

  function onStep(step) {
    seq += 1;
    const value = { step: step, seq: seq };
    clearTimeout(sendTimer);
    sendTimer = setTimeout(() => send("streamlit:setComponentValue", { value: value, dataType: "json" }), 120);
  }

  function showError(message) {
    const root = document.getElementById("reader");
    root.dataset.state = "error";
    const box = document.createElement("p");
    box.setAttribute("role", "alert");
    box.textContent = message;
    root.prepend(box);
  }

  /** A presentation clicker types into the page, not into our frame: listen there too. */
  function listenToPageKeys(target) {
    let page;
    try { page = window.parent.document; } catch (err) { return; }  // another origin: frame keys only
    const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    page.addEventListener("keydown", (ev) => {
      const typing = ev.target.closest && ev.target.closest("input, textarea, select, button, a, [contenteditable=true], [role=slider]");
      if (typing || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      if (ev.key in moves) target.goTo(target.step + moves[ev.key], { fromUser: true });
      else if (ev.key === "Home") target.goTo(0, { fromUser: true });
      else if (ev.key === "End") target.goTo(target.lastStep, { fromUser: true });
      else return;
      ev.preventDefault();
    });
  }

  function render(args) {
    latestArgs = args;
    document.documentElement.style.setProperty("--map-height", (args.height || 480) + "px");
    if (!reader) {
      if (loadedUrl === args.payload_url) return;  // still loading
      loadedUrl = args.payload_url;
      fetch(args.payload_url)
        .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then((payload) => {
          reader = new window.StoryReader(document.getElementById("reader"), payload, {
            lang: args.lang, step: args.step, tiles: args.tiles, countriesUrl: args.countries_url,
            mode: args.mode, onStep: onStep,
          });
          window.storyReader = reader;  // for tests and the benchmark to inspect the map
          if (args.mode === "presenter") listenToPageKeys(reader);
          window.storyReaderReadyAt = performance.timeOrigin + performance.now();
          if (latestArgs !== args) render(latestArgs);
          reportHeight();
        })
        .catch((err) => { showError("The story map could not load its data (" + err.message + ")."); reportHeight(); });
      return;
    }
    if (args.lang !== reader.lang) reader.setLang(args.lang);
    // A render that has not yet seen the reader's latest step is stale: never go back to it.
    // Once it has caught up, a different step is the page's own wish (e.g. its buttons).
    if ((args.ack || 0) >= seq && args.step !== reader.step) reader.goTo(args.step, { fromUser: false });
  }

  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.body);
  send("streamlit:componentReady", { apiVersion: 1 });
})();
