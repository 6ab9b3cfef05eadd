/* The speaker view: the teacher's second window, as in PowerPoint's presenter view.
 *
 * It shows the current slide and the next, the speaker notes of the current step (sources,
 * date note, fact check, question), a clock and the time since the lesson began, and it
 * drives the slides: its buttons and the clicker's keys go to the presenter, which answers
 * with where it is. Both windows talk over a BroadcastChannel named by the presenter, so
 * no server is involved and it works from a file. Story words are set as text; the notes
 * are the payload's HTML (templated and sanitised in Python), as in the reader.
 * Exposed as window.StorySpeaker; the app's speaker.html and the single file start it.
 */
(function () {
  "use strict";
  const Core = window.StoryCore;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, label, action) {
    const node = el("button", "btn " + className, label);
    node.type = "button";
    node.dataset.action = action;
    return node;
  }

  function twoDigits(n) { return String(n).padStart(2, "0"); }

  class StorySpeaker {
    /** ``loadText(lang)`` gives a promise of a language's words (the payload's text part). */
    constructor(root, map, loadText, channelName, lang) {
      this.root = root;
      this.data = map;
      this.loadText = loadText;
      this.text = null;
      this.state = null;
      this.started = Date.now();
      this.channel = new BroadcastChannel(channelName);
      this.channel.onmessage = (ev) => this._receive(ev.data);
      this._build();
      this._words(lang).then(() => this._render());
      this.hello = setInterval(() => { if (!this.state) this._send({ type: "hello" }); }, 1000);
      this._send({ type: "hello" });
      setInterval(() => this._tick(), 1000);
      this._tick();
      document.addEventListener("keydown", (ev) => {
        if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
        const action = Core.keyAction(ev.key);
        if (action === null || action === "speaker") return;
        if (ev.target && ev.target.tagName === "BUTTON" && (ev.key === " " || ev.key === "Enter")) return;
        ev.preventDefault();
        this._send({ type: "act", action: action });
      });
    }

    _build() {
      const bar = el("header", "speaker-bar");
      this.clock = el("span", "speaker-clock");
      this.elapsed = el("span", "speaker-elapsed");
      this.reset = button("speaker-reset", "⟲", "reset");
      this.reset.addEventListener("click", () => { this.started = Date.now(); this._tick(); });
      this.count = el("span", "speaker-count");
      this.status = el("span", "speaker-status");
      this.status.setAttribute("role", "status");
      const controls = el("nav", "speaker-controls");
      this.buttons = {};
      [["prev", "◀"], ["next", "▶▶"], ["question", "?"], ["blank", "■"]].forEach(([action, label]) => {
        const node = button("speaker-" + action, label, action);
        node.addEventListener("click", () => this._send({ type: "act", action: action }));
        this.buttons[action] = node;
      });
      controls.append(this.buttons.prev, this.count, this.buttons.next, this.buttons.question, this.buttons.blank);
      bar.append(this.clock, this.elapsed, this.reset, this.status, controls);
      this.now = el("section", "speaker-now");
      this.next = el("section", "speaker-next");
      this.notes = el("section", "speaker-notes");
      const main = el("main", "speaker-main");
      const slides = el("div", "speaker-slides");
      slides.append(this.now, this.next);
      main.append(slides, this.notes);
      this.root.replaceChildren(bar, main);
    }

    _send(message) { this.channel.postMessage(message); }

    _words(lang) {
      this.lang = lang;
      return this.loadText(lang).then((text) => { if (this.lang === lang) this.text = text; });
    }

    _receive(message) {
      const state = Core.readState(message, this.data);
      if (state === null) return;
      this.state = state;
      if (state.lang !== this.lang) this._words(state.lang).then(() => this._render());
      else this._render();
    }

    _tick() {
      const now = new Date();
      this.clock.textContent = `${twoDigits(now.getHours())}:${twoDigits(now.getMinutes())}`;
      const seconds = Math.floor((Date.now() - this.started) / 1000);
      this.elapsed.textContent = `${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:${twoDigits(seconds % 60)}`;
    }

    /** The titles a step shows: its events' headlines, or the overview's heading. */
    _titles(step) {
      const events = this.data.steps[step].events;
      if (events.length) return events.map((i) => ({ index: i, title: this.text.events[i].title }));
      const kind = step === 0 ? "overview-start" : "overview-end";
      const heading = new DOMParser().parseFromString(this.text.overview[kind], "text/html").querySelector("h3");
      return [{ index: null, title: heading ? heading.textContent : this.text.ui.overview }];
    }

    _slide(box, heading, step, marked) {
      const list = el("ol", "speaker-titles");
      this._titles(step).forEach((item) => {
        const row = el("li", item.index !== null && item.index === marked ? "current" : "", item.title);
        list.append(row);
      });
      box.replaceChildren(el("h2", "", heading), el("p", "speaker-date", this.text.steps[step].title), list);
    }

    _render() {
      const ui = this.text && this.text.ui;
      if (!ui) return;
      document.documentElement.lang = this.lang;
      document.title = `${ui.speaker_view} · ${this.text.title}`;
      this.reset.title = ui.speaker_reset;
      this.reset.setAttribute("aria-label", ui.speaker_reset);
      [["prev", "previous"], ["next", "next"], ["question", "show_question"], ["blank", "blank_screen"]].forEach(([action, key]) => {
        this.buttons[action].title = ui[key];
        this.buttons[action].setAttribute("aria-label", ui[key]);
      });
      const state = this.state;
      if (!state) { this.status.textContent = ui.speaker_waiting; return; }
      this.root.dataset.step = String(state.step);
      this.root.dataset.page = String(state.page);
      this.root.dataset.blank = String(state.blank);
      this.status.textContent = state.blank ? ui.blank_screen : "";
      this.buttons.blank.setAttribute("aria-pressed", String(state.blank));
      this.buttons.question.setAttribute("aria-pressed", String(state.question));
      const pages = state.pages > 1 ? ` · ${state.page + 1}/${state.pages}` : "";
      this.count.textContent = `${state.step + 1} / ${this.data.steps.length}${pages}`;
      this._slide(this.now, ui.speaker_now, state.step, state.pageEvents[state.page]);
      if (state.next) this._slide(this.next, ui.speaker_next, state.next.step, state.next.event);
      else this.next.replaceChildren(el("h2", "", ui.speaker_next), el("p", "speaker-date", ui.speaker_end));
      const events = this.data.steps[state.step].events;
      this.notes.innerHTML = events.length ? events.map((i) => this.text.events[i].notes).join("") : "<p>–</p>";
      const current = events.indexOf(state.pageEvents[state.page]);
      this.notes.querySelectorAll(":scope > .event-notes").forEach((node, k) => node.classList.toggle("current", k === current));
    }
  }

  window.StorySpeaker = StorySpeaker;
})();
