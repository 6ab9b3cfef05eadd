/* storymap reader: one step moves the map, the narrative, the slider and the counter together.
 *
 * Everything a step shows happens here, in the browser, in one task: the server (if any)
 * only hears about the step afterwards, through `onStep`, to keep the address in line.
 * The narrative HTML comes from the payload (templated and sanitised in Python); every
 * other story string is set with textContent. Exposed as window.StoryReader; the app's
 * bridge.js and the single-file page's standalone.js both drive it.
 */
(function () {
  "use strict";
  const Core = window.StoryCore;
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  class StoryReader {
    constructor(root, map, text, options) {
      this.root = root;
      this.data = map;
      this.text = text;
      this.lang = options.lang;
      this.mode = options.mode || "reader";
      root.classList.add(this.mode);
      this.onStep = options.onStep || function () {};
      this.step = -1;
      this.timer = null;
      this.lastStep = map.steps.length - 1;
      const q = (id) => root.querySelector("#" + id);
      this.el = {
        map: q("map"), slider: q("slider"), strip: q("strip"), prev: q("prev"), next: q("next"), play: q("play"),
        date: q("date-label"), count: q("step-count"), narrative: q("narrative"), notes: q("notes"),
        draft: q("draft"), notesToggle: q("notes-toggle"), questionToggle: q("question-toggle"), panel: q("panel"),
      };
      this.layers = new window.StoryLayers(this.el.map, map, {
        tiles: options.tiles, countries: options.countries, countriesUrl: options.countriesUrl,
        scale: this.mode === "presenter" ? 1.5 : 1,
      });
      this.map = this.layers.map;
      this.legend = L.control({ position: "bottomleft" });
      this.legend.onAdd = () => {
        this.legendNode = el("details", "legend");
        this.legendNode.open = this.el.map.clientWidth > 620 && this.el.map.clientHeight > 440;  // room to spare
        L.DomEvent.disableClickPropagation(this.legendNode);
        return this.legendNode;
      };
      this.legend.addTo(this.map);
      this._controls();
      this.setNotes(Boolean(options.notes));
      this.setLanguage(this.lang, text);
      this.goTo(options.step || 0, { fromUser: false, animate: false });
      root.dataset.state = "ready";
    }

    _controls() {
      const s = this.el.slider;
      s.max = String(this.lastStep);
      s.addEventListener("input", () => this.goTo(Number(s.value), { fromUser: true }));
      this.el.prev.addEventListener("click", () => this.goTo(this.step - 1, { fromUser: true }));
      this.el.next.addEventListener("click", () => this.goTo(this.step + 1, { fromUser: true }));
      this.el.play.addEventListener("click", () => this.togglePlay());
      if (this.el.notesToggle) this.el.notesToggle.addEventListener("click", () => this.setNotes(!this.notes));
      if (this.el.questionToggle) {
        this.el.questionToggle.addEventListener("click", () => {
          const on = !this.root.classList.contains("show-question");
          this.root.classList.toggle("show-question", on);
          this.el.questionToggle.setAttribute("aria-pressed", String(on));
          this._fitText();
        });
      }
      this.listenForKeys(document);
      this.el.strip.addEventListener("click", (ev) => {
        const box = this.el.strip.getBoundingClientRect();
        const ratio = (ev.clientX - box.left - 8) / Math.max(1, box.width - 16);
        this.goTo(Math.round(Math.min(1, Math.max(0, ratio)) * this.lastStep), { fromUser: true });
      });
      if (window.ResizeObserver) new ResizeObserver(() => this._drawStrip()).observe(this.el.strip);
    }

    /** Arrow keys, PageUp/PageDown (a presentation clicker), Home/End, from a document. */
    listenForKeys(doc) {
      doc.addEventListener("keydown", (ev) => {
        const target = ev.target;
        if (target === this.el.slider || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        if (target && target.closest && target.closest("input, textarea, select, [contenteditable=true], [role=slider]")) return;
        if (target && target.tagName === "BUTTON" && (ev.key === " " || ev.key === "Enter")) return;
        const to = Core.keyTarget(ev.key, this.step, this.lastStep);
        if (to === null) return;
        ev.preventDefault();
        this.goTo(to, { fromUser: true });
      });
    }

    setLanguage(lang, text) {
      this.lang = lang;
      this.text = text;
      document.documentElement.lang = lang;
      document.documentElement.dir = text.dir || "ltr";
      const ui = text.ui;
      this.root.querySelectorAll("[data-ui]").forEach((node) => {
        const key = node.dataset.ui === "play" && this.timer ? "pause" : node.dataset.ui;
        node.setAttribute("aria-label", ui[key]);
        node.title = ui[key];
      });
      this.root.querySelectorAll("[data-ui-text]").forEach((node) => { node.textContent = ui[node.dataset.uiText]; });
      this.el.slider.setAttribute("aria-label", ui.slider_label);
      this.el.map.setAttribute("aria-label", ui.map_label + ": " + text.title);
      this.el.narrative.setAttribute("aria-label", ui.narrative_label);
      if (this.el.draft) { this.el.draft.hidden = !text.draft; this.el.draft.textContent = text.draft || ""; }
      this.layers.setText(text);
      this._drawLegend();
      this._drawStrip();
      if (this.step >= 0) this._showStep();
    }

    setNotes(on) {
      this.notes = on;
      if (this.el.notes) this.el.notes.hidden = !on;
      if (this.el.notesToggle) this.el.notesToggle.setAttribute("aria-pressed", String(on));
      if (on && this.step >= 0) this._showNotes();
    }

    goTo(step, opts) {
      const options = Object.assign({ fromUser: false, animate: true }, opts);
      const target = Core.clampStep(step, this.lastStep);
      if (target === this.step) return;
      this.step = target;
      performance.mark("storymap:step");
      this.layers.show(target, options.animate);
      performance.mark("storymap:map");
      this._showStep();
      performance.mark("storymap:words");
      if (options.fromUser) this.onStep(target, Core.eventForStep(this.data, target));
    }

    /** The words of the current step: narrative, notes, date, counter, slider, strip. */
    _showStep() {
      const step = this.step;
      const events = this.data.steps[step].events;
      const narrative = this.el.narrative;
      narrative.innerHTML = events.length
        ? events.map((i) => this.text.events[i].html).join("")
        : this.text.overview[step === 0 ? "overview-start" : "overview-end"];
      narrative.dataset.step = String(step);
      if (this.notes) this._showNotes();
      const label = this.text.steps[step].title;
      this.el.date.textContent = label;
      this.el.slider.value = String(step);
      this.el.slider.setAttribute("aria-valuetext", label);
      this.el.count.textContent = `${step + 1} / ${this.lastStep + 1}`;
      this.el.prev.disabled = step === 0;
      this.el.next.disabled = step === this.lastStep;
      this._moveCursor();
      this.root.dataset.visibleMarkers = String(this.layers.visible);
      this.root.dataset.currentEvents = events.map((i) => this.data.events[i].id).join(" ");
      document.documentElement.dataset.step = String(step);
      if (this.el.panel) this.el.panel.scrollTop = 0;
      this._fitText();
    }

    _showNotes() {
      const events = this.data.steps[this.step].events;
      this.el.notes.innerHTML = events.length ? events.map((i) => this.text.events[i].notes).join("")
        : `<p>${this.text.ui.speaker_notes}: –</p>`;
    }

    /** On the projector, shrink the type until the step fits its panel (never below 60 %). */
    _fitText() {
      if (this.mode !== "presenter" || !this.el.panel) return;
      const panel = this.el.panel;
      let scale = 1;
      panel.style.setProperty("--fit", "1");
      while (panel.scrollHeight > panel.clientHeight + 1 && scale > 0.6) {
        scale = Math.round((scale - 0.05) * 100) / 100;
        panel.style.setProperty("--fit", String(scale));
      }
      this.root.dataset.fit = String(scale);
    }

    togglePlay() {
      if (this.timer) { clearTimeout(this.timer); this.timer = null; }
      else {
        if (this.step >= this.lastStep) this.goTo(0, { fromUser: true });
        const tick = () => {
          if (this.step >= this.lastStep) { this.togglePlay(); return; }
          this.goTo(this.step + 1, { fromUser: true });
          this.timer = setTimeout(tick, 3500);
        };
        this.timer = setTimeout(tick, 3500);
      }
      const on = Boolean(this.timer);
      this.el.play.setAttribute("aria-pressed", String(on));
      this.el.play.textContent = on ? "❚❚" : "▶";
      this.el.play.setAttribute("aria-label", this.text.ui[on ? "pause" : "play"]);
      this.el.play.title = this.text.ui[on ? "pause" : "play"];
    }

    _drawLegend() {
      const node = this.legendNode;
      node.replaceChildren(el("summary", "", this.text.ui.legend));
      const used = new Set(this.data.events.map((e) => e.category));
      Object.keys(this.data.colours).forEach((name) => {
        if (!used.has(name)) return;
        const row = el("div");
        const dot = el("span", "dot");
        dot.style.background = this.data.colours[name];
        row.append(dot, document.createTextNode(this.text.categories[name]));
        node.append(row);
      });
      const vague = el("div");
      vague.append(el("span", "dot vague"), document.createTextNode(this.text.ui.precision_note));
      node.append(vague);
    }

    _drawStrip() {
      const svg = this.el.strip;
      const width = svg.getBoundingClientRect().width;
      if (!width) return;
      const x = (step) => 8 + (step / Math.max(1, this.lastStep)) * (width - 16);
      const parts = document.createDocumentFragment();
      const small = this.data.events.length > 300;
      const drawn = new Set();  // a long story has many events per pixel: one dot each is enough
      this.data.events.forEach((event) => {
        const colour = this.data.colours[event.category];
        const cx = x(event.step).toFixed(small ? 0 : 1);
        const key = `${cx} ${colour} ${event.exact}`;
        if (drawn.has(key)) return;
        drawn.add(key);
        const dot = document.createElementNS(SVG, "circle");
        dot.setAttribute("cx", cx);
        dot.setAttribute("cy", "8");
        dot.setAttribute("r", small ? "1.5" : "5");
        dot.setAttribute("fill", event.exact ? colour : "#fff");
        dot.setAttribute("stroke", colour);
        dot.setAttribute("stroke-width", "1.5");
        parts.append(dot);
      });
      const years = this.text.steps.map((s) => s.year);
      const charWidth = this.mode === "presenter" ? 8.5 : 7;
      Core.yearLabels(years, x, charWidth, 6).forEach((i) => {
        const label = document.createElementNS(SVG, "text");
        label.setAttribute("x", x(i).toFixed(1));
        label.setAttribute("y", "30");
        label.setAttribute("text-anchor", "middle");
        label.textContent = years[i];
        parts.append(label);
      });
      this.cursor = document.createElementNS(SVG, "line");
      this.cursor.setAttribute("y1", "0");
      this.cursor.setAttribute("y2", "18");
      this.cursor.setAttribute("class", "cursor");
      this.stripX = x;
      parts.append(this.cursor);
      svg.replaceChildren(parts);
      this._moveCursor();
    }

    _moveCursor() {
      if (!this.cursor || this.step < 0) return;
      const cx = this.stripX(this.step).toFixed(1);
      this.cursor.setAttribute("x1", cx);
      this.cursor.setAttribute("x2", cx);
    }
  }

  window.StoryReader = StoryReader;
})();
