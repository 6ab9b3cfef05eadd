/* storymap reader: one step moves the map, the narrative, the slider and the counter together.
 *
 * Everything a step shows happens here, in the browser, in one task: the server (if any)
 * only hears about the step afterwards, through `onStep`, to keep the address in line.
 * The narrative HTML comes from the payload (templated and sanitised in Python); every
 * other story string is set with textContent. Exposed as window.StoryReader; the app's
 * bridge.js and the single-file page's standalone.js both drive it. In presenter mode a
 * step may hold several slides, the black screen and the speaker view: slides.js.
 */
(function () {
  "use strict";
  const Core = window.StoryCore;
  const SVG = "http://www.w3.org/2000/svg";
  // The strip: each gap at least MIN_GAP px (a dot stays clickable), BREAK_GAP more where broken.
  const STRIP = { pad: 8, minGap: 12, breakGap: 22 };
  // Where keys typed into the page belong to a control, not to the story.
  const OWN_KEYS = "input, textarea, select, [contenteditable=true], [role=slider], [role=radiogroup], "
    + "[role=tablist], [role=listbox], [role=menu], [role=combobox], [role=grid]";

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
        draft: q("draft"), panel: q("panel"),
      };
      this.layers = new window.StoryLayers(this.el.map, map, {
        tiles: options.tiles, countries: options.countries, countriesUrl: options.countriesUrl,
        scale: this.mode === "presenter" ? 1.5 : 1,
      });
      this.map = this.layers.map;
      this.legend = L.control({ position: "bottomleft" });
      this.legend.onAdd = () => {
        this.legendNode = el("details", "legend");  // folded on every screen: the map stays clear
        L.DomEvent.disableClickPropagation(this.legendNode);
        return this.legendNode;
      };
      this.legend.addTo(this.map);
      // The presenter's slides, black screen and speaker view (slides.js).
      this.slides = this.mode === "presenter" ? new window.StorySlides(this, options) : null;
      this._controls();
      this.setNotes(Boolean(options.notes));
      this.setLanguage(this.lang, text);
      this.goTo(options.step || 0, { fromUser: false, animate: false, event: options.event });
      root.dataset.state = "ready";
    }

    _controls() {
      const s = this.el.slider;
      s.max = String(this.lastStep);
      s.addEventListener("input", () => this.goTo(Number(s.value), { fromUser: true }));
      this.el.prev.addEventListener("click", () => this.act("prev"));
      this.el.next.addEventListener("click", () => this.act("next"));
      this.el.play.addEventListener("click", () => this.togglePlay());
      this.listenForKeys(document);
      this.el.strip.addEventListener("click", (ev) => {
        if (!this.stripXs) return;
        const box = this.el.strip.getBoundingClientRect();
        this.goTo(Core.nearestStep(this.stripXs, ev.clientX - box.left), { fromUser: true });
      });
      // drawn again when the bar's width changes (not at its first observation: drawn already)
      if (window.ResizeObserver) {
        new ResizeObserver(() => {
          if (this.el.strip.getBoundingClientRect().width === this.stripWidth) return;
          this._drawStrip();
          this._fitDate();
        }).observe(this.el.strip);
      }
    }

    /**
     * Keys from a document: arrows, PageUp/PageDown (a presentation clicker), Home/End; in the
     * presenter also "." or B (black screen), Q (question) and S (speaker view). With
     * ``idleOnly`` (the page around the reader's frame) only keys that no control has taken:
     * focus never has to be clicked into the reader first.
     */
    listenForKeys(doc, idleOnly) {
      doc.addEventListener("keydown", (ev) => {
        if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        const action = Core.keyAction(ev.key);
        if (action === null || (!this.slides && !Core.MOVES.includes(action))) return;
        const target = ev.target;
        const onSlider = target === this.el.slider;
        // the slider keeps its own keys; in the presenter a clicker's page keys and actions are ours
        if (onSlider && (!this.slides || (Core.MOVES.includes(action) && !ev.key.startsWith("Page")))) return;
        if (!onSlider && target && target.closest && target.closest(OWN_KEYS)) return;
        if (target && target.tagName === "BUTTON" && (ev.key === " " || ev.key === "Enter")) return;
        if (idleOnly && target && target !== doc.body && target !== doc.documentElement) return;
        ev.preventDefault();
        this.act(action);
      });
    }

    /** One action from a key, a button or the speaker view: a move, or a presenter's action. */
    act(action) {
      if (this.slides) { this.slides.act(action); return; }
      const to = Core.movePosition(action, { step: this.step, page: 0 }, 1, this.lastStep);
      if (to) this.goTo(to.step, { fromUser: true });
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
      if (this.step >= 0) {
        const event = this.slides ? this.slides.event() : null;
        this._showStep();
        if (this.slides) this.slides.layout({ event: event });
      }
    }

    /** The speaker notes under the narrative: the author's preview as a reader. A projected
     * slide never shows them; the presenter has the speaker view instead. */
    setNotes(on) {
      this.notes = on && !this.slides;
      if (this.el.notes) this.el.notes.hidden = !this.notes;
      if (this.notes && this.step >= 0) this._showNotes();
    }

    /**
     * Show ``step``. Options: ``fromUser`` (tell the page), ``animate``, and for the presenter
     * ``page`` (a slide of the step; -1 for its last) or ``event`` (the slide showing it).
     */
    goTo(step, opts) {
      const options = Object.assign({ fromUser: false, animate: true }, opts);
      const target = Core.clampStep(step, this.lastStep);
      if (target === this.step) {
        if (this.slides && (options.page !== undefined || options.event)) this.slides.turnTo(options, options.fromUser);
        return;
      }
      this.step = target;
      performance.mark("storymap:step");
      this.layers.show(target, options.animate);
      performance.mark("storymap:map");
      this._showStep();
      if (this.slides) this.slides.layout(options);
      performance.mark("storymap:words");
      if (options.fromUser) this.report();
    }

    /** Tell the page where the reader is: the step, the event of its slide, whether it is the end. */
    report() {
      const event = this.slides ? this.slides.event() : Core.eventForStep(this.data, this.step);
      this.onStep(this.step, event, this.step === this.lastStep);
      if (this.slides) this.slides.broadcast();
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
      narrative.querySelectorAll("img[data-picture]").forEach((img) => {
        const src = Core.pictureSource(this.data.pictures, img.dataset.picture);
        if (src) img.src = src;
      });
      if (this.notes) this._showNotes();
      this.el.slider.value = String(step);
      this.el.slider.setAttribute("aria-valuetext", this.text.steps[step].title);
      this.el.count.textContent = `${step + 1} / ${this.lastStep + 1}`;
      this.el.prev.disabled = step === 0;
      this.el.next.disabled = step === this.lastStep;
      this._fitDate();  // once the counter beside it has its width
      this._moveCursor();
      this.root.dataset.visibleMarkers = String(this.layers.visible);
      this.root.dataset.currentEvents = events.map((i) => this.data.events[i].id).join(" ");
      document.documentElement.dataset.step = String(step);
      if (this.el.panel) this.el.panel.scrollTop = 0;
    }

    /** The date in the control bar, never cut: the short form when the long one does not fit,
     * and two lines when even that does not (again whenever the bar's width changes). */
    _fitDate() {
      if (this.step < 0) return;
      const words = this.text.steps[this.step];
      const date = this.el.date;
      date.classList.remove("wrap");
      date.textContent = words.title;
      if (date.scrollWidth > date.clientWidth + 1) date.textContent = words.label;
      if (date.scrollWidth > date.clientWidth + 1) date.classList.add("wrap");
      date.title = words.title;
    }

    _showNotes() {
      const events = this.data.steps[this.step].events;
      if (events.length) this.el.notes.innerHTML = events.map((i) => this.text.events[i].notes).join("");
      else this.el.notes.replaceChildren(el("p", "", `${this.text.ui.speaker_notes}: –`));
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

    /** The timeline strip: a dot per event where time puts it (core.js's stripPositions),
     * a break mark where a long gap is collapsed, and the ticks that fit. */
    _drawStrip() {
      const svg = this.el.strip;
      const width = svg.getBoundingClientRect().width;
      if (!width) return;
      const xs = Core.stripPositions(this.data.timeline, width, STRIP.pad, STRIP.minGap, STRIP.breakGap);
      const x = (step) => xs[step];
      const parts = document.createDocumentFragment();
      const svgEl = (tag, attrs) => {
        const node = document.createElementNS(SVG, tag);
        Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
        parts.append(node);
        return node;
      };
      svgEl("line", { x1: STRIP.pad, x2: width - STRIP.pad, y1: 8, y2: 8, class: "axis" });
      Core.breakMarks(this.data.timeline, xs).forEach((mid) => {
        svgEl("rect", { x: (mid - 5).toFixed(1), y: 2, width: 10, height: 12, class: "break-gap" });
        [-3, 3].forEach((d) => svgEl("line", { x1: (mid + d - 3).toFixed(1), x2: (mid + d + 3).toFixed(1), y1: 14, y2: 2, class: "break" }));
      });
      if (this.data.events.length > 300) {
        // A long story has many events per pixel: one small dot per pixel and colour, all the
        // dots of a colour as one path, and a white centre where every event is vague (thousands
        // of elements cost the page's first layout a tenth of a second). A dot is a round cap
        // on a line of no length: arcs cost the first layout 7-22 ms at 5,000 events, these 2-6.
        const dots = new Map();
        const vague = new Set();
        const exact = new Set();
        this.data.events.forEach((event) => {
          const colour = this.data.colours[event.category];
          const cx = Math.round(x(event.step));
          if (!dots.has(colour)) dots.set(colour, new Set());
          dots.get(colour).add(cx);
          (event.exact ? exact : vague).add(cx);
        });
        exact.forEach((cx) => vague.delete(cx));
        const capped = (cxs) => [...cxs].map((cx) => `M${cx} 8h0`).join("");
        dots.forEach((cxs, colour) => {
          svgEl("path", { d: capped(cxs), stroke: colour, "stroke-width": 4.5, "stroke-linecap": "round" });
        });
        if (vague.size) svgEl("path", { d: capped(vague), stroke: "#fff", "stroke-width": 1.5, "stroke-linecap": "round" });
      } else {
        this.data.events.forEach((event) => {
          const colour = this.data.colours[event.category];
          svgEl("circle", { cx: x(event.step).toFixed(1), cy: 8, r: 5, fill: event.exact ? colour : "#fff",
            stroke: colour, "stroke-width": 1.5 });
        });
      }
      const ticks = this.text.steps.map((s) => s.tick);
      const charWidth = this.mode === "presenter" ? 11.5 : 7;  // digits are about 0.64 em (18 and 11 px)
      Core.tickLabels(ticks, x, charWidth, 6, width).forEach((label) => {
        svgEl("text", { x: label.x.toFixed(1), y: 30, "text-anchor": "middle" }).textContent = ticks[label.index];
      });
      this.cursor = svgEl("line", { y1: 0, y2: 18, class: "cursor" });
      this.stripXs = xs;
      this.stripWidth = width;
      svg.replaceChildren(parts);
      this._moveCursor();
    }

    /** Where a step sits on the strip, in px from its left edge. */
    stripX(step) {
      return this.stripXs ? this.stripXs[step] : 0;
    }

    _moveCursor() {
      if (!this.cursor || this.step < 0) return;
      const cx = this.stripXs[this.step].toFixed(1);
      this.cursor.setAttribute("x1", cx);
      this.cursor.setAttribute("x2", cx);
    }
  }

  window.StoryReader = StoryReader;
})();
