/* The presenter's slides: a step that holds more than a screen pages instead of shrinking.
 *
 * The narrative is laid out in CSS columns as tall as the panel (one column wide; the rest
 * overflow to the right, clipped), so the browser breaks it between lines, never through
 * one; each event and, when asked for, each discussion question starts a column of its
 * own. A slide is one column, shown by moving the narrative sideways. A clicker's next and
 * previous go through the slides of a step, then to the next step. Also here: the black
 * screen and the speaker view, kept in step over a BroadcastChannel (no server, works from
 * a file). Exposed as window.StorySlides; reader.js makes one in presenter mode.
 */
(function () {
  "use strict";
  const Core = window.StoryCore;

  function randomToken() {
    const bytes = new Uint8Array(9);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  class StorySlides {
    constructor(reader, options) {
      this.reader = reader;
      this.narrative = reader.el.narrative;
      this.panel = reader.el.panel;
      this.page = 0;
      this.pages = 1;
      this.pageEvents = [null];
      this.questionPages = new Map();  // event index -> the slide of its question
      this.blank = false;
      this.question = false;
      this.speakerUrl = options.speakerUrl || null;
      const q = (id) => reader.root.querySelector("#" + id);
      this.el = { count: q("page-count"), blank: q("blank"), question: q("question-toggle"),
        speaker: q("speaker-open"), blankButton: q("blank-toggle") };
      this.el.question.addEventListener("click", () => this.act("question"));
      this.el.blankButton.addEventListener("click", () => this.act("blank"));
      this.el.blank.addEventListener("click", () => this.act("blank"));
      this.el.speaker.hidden = !this.speakerUrl || typeof BroadcastChannel !== "function";
      this.el.speaker.addEventListener("click", () => this.act("speaker"));
      this.channelName = `storymap-speaker:${reader.data.id}:${randomToken()}`;
      this.channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(this.channelName) : null;
      if (this.channel) this.channel.onmessage = (ev) => this._command(ev.data);
      this.parentCover = null;
      if (window.ResizeObserver) {
        let width = 0, height = 0;
        new ResizeObserver(() => {
          const box = this.panel.getBoundingClientRect();
          if (box.width === width && box.height === height) return;
          width = box.width; height = box.height;
          if (reader.step >= 0) this.layout({ event: this.event() });
        }).observe(this.panel);
      }
    }

    /** The distance from one slide to the next: a column and the gap after it. */
    _stride() {
      const style = getComputedStyle(this.narrative);
      return this.narrative.clientWidth + (parseFloat(style.columnGap) || 0);
    }

    /**
     * Lay out the step's slides and show one: ``page`` (-1 for the last), the slide of
     * ``event``, or the first. The narrative is measured unshifted, in the same frame.
     */
    layout(want) {
      const narrative = this.narrative;
      narrative.style.transform = "none";
      const stride = this._stride();
      const origin = narrative.getBoundingClientRect().left;
      const pageAt = (left) => Math.max(0, Math.floor((left - origin + 2) / stride));
      const firstPage = (node) => { const r = node.getClientRects()[0]; return r ? pageAt(r.left) : null; };
      let last = 0;
      narrative.querySelectorAll("*").forEach((node) => {
        const rects = node.getClientRects();
        if (rects.length) last = Math.max(last, pageAt(rects[rects.length - 1].left));
      });
      this.pages = last + 1;
      const events = this.reader.data.steps[this.reader.step].events;
      const starts = [...narrative.querySelectorAll(":scope > .event")].map(firstPage);
      this.pageEvents = [];
      for (let p = 0, k = -1; p < this.pages; p++) {
        while (k + 1 < starts.length && starts[k + 1] !== null && starts[k + 1] <= p) k++;
        this.pageEvents.push(k >= 0 ? events[k] : null);
      }
      this.questionPages = new Map();
      narrative.querySelectorAll(":scope > .event").forEach((node, k) => {
        const question = node.querySelector(".question");
        const page = question ? firstPage(question) : null;
        if (page !== null) this.questionPages.set(events[k], page);
      });
      this.eventPages = new Map(events.map((i, k) => [i, starts[k] === null ? 0 : starts[k]]));
      this._show(this._resolve(want || {}));
    }

    _resolve(want) {
      const index = this._eventIndex(want.event);
      if (index !== null && this.eventPages.has(index)) return this.eventPages.get(index);
      if (want.page === -1) return this.pages - 1;
      return Core.clampStep(want.page || 0, this.pages - 1);
    }

    _eventIndex(id) {
      if (typeof id !== "string") return null;
      const i = this.reader.data.events.findIndex((e) => e.id === id);
      return i < 0 ? null : i;
    }

    /** Turn to a slide of the current step (a page number or an event's slide). */
    turnTo(want, fromUser) {
      const page = this._resolve(want);
      if (page === this.page) return;
      this._show(page);
      if (fromUser) this.reader.report();
    }

    _show(page) {
      this.page = page;
      const stride = this._stride();
      this.narrative.style.transform = page ? `translateX(${-page * stride}px)` : "none";
      this.panel.scrollLeft = 0;
      this.panel.scrollTop = 0;
      this.el.count.hidden = this.pages < 2;
      this.el.count.textContent = `${page + 1}/${this.pages}`;
      this.reader.root.dataset.page = String(page);
      this.reader.root.dataset.pages = String(this.pages);
      this.reader.el.next.disabled = this.reader.step === this.reader.lastStep && page >= this.pages - 1;
      this.reader.el.prev.disabled = this.reader.step === 0 && page === 0;
    }

    /** The event the current slide shows (for the address), or null on an overview. */
    event() {
      const i = this.pageEvents[this.page];
      return i === null || i === undefined ? null : this.reader.data.events[i].id;
    }

    /** A key, a button or the speaker view: move through the slides, or a presenter's action. */
    act(action) {
      const reader = this.reader;
      if (Core.MOVES.includes(action)) {
        const to = Core.movePosition(action, { step: reader.step, page: this.page }, this.pages, reader.lastStep);
        if (to.step !== reader.step) reader.goTo(to.step, { fromUser: true, page: to.page });
        else this.turnTo({ page: to.page }, true);
        return;
      }
      if (action === "blank") this.setBlank(!this.blank);
      else if (action === "question") this.setQuestion(!this.question);
      else if (action === "speaker") this.openSpeaker();
      this.broadcast();
    }

    /** The discussion question on a slide of its own, after its event; off: back to the event. */
    setQuestion(on) {
      const shown = this.pageEvents[this.page];
      const before = this.page;
      this.question = on;
      this.reader.root.classList.toggle("show-question", on);
      this.el.question.setAttribute("aria-pressed", String(on));
      this.layout({ event: this.event() });
      const target = on && this.questionPages.has(shown) ? this.questionPages.get(shown) : this.page;
      this._show(target);
      if (target !== before) this.reader.report();
    }

    /** A black screen (a clicker's "." or B): the whole page, the app's header included. */
    setBlank(on) {
      this.blank = on;
      this.el.blank.hidden = !on;
      this.el.blankButton.setAttribute("aria-pressed", String(on));
      this.reader.root.classList.toggle("blanked", on);
      this._coverParent(on);
    }

    _coverParent(on) {
      let doc = null;
      try { doc = window.frameElement ? window.parent.document : null; } catch (err) { doc = null; }
      if (!doc) return;
      if (on && !this.parentCover) {
        const cover = doc.createElement("div");
        Object.assign(cover.style, { position: "fixed", inset: "0", background: "#000", zIndex: "2147483647", cursor: "none" });
        cover.dataset.storymapBlank = "1";
        cover.addEventListener("click", () => this.act("blank"));
        doc.body.append(cover);
        this.parentCover = cover;
      } else if (!on && this.parentCover) {
        this.parentCover.remove();
        this.parentCover = null;
      }
    }

    /** The speaker view in a window of its own (a key press or a click lets it open). */
    openSpeaker() {
      if (!this.speakerUrl || !this.channel) return;
      const url = this.speakerUrl(this.channelName);
      // one window per presenter (its channel): S again brings the same one back
      this.speakerWindow = window.open(url, this.channelName, "popup,width=1200,height=800");
    }

    /** Where the slides are, for the speaker view. */
    broadcast() {
      if (!this.channel) return;
      const reader = this.reader;
      this.channel.postMessage({
        type: "state", step: reader.step, page: this.page, pages: this.pages, pageEvents: this.pageEvents,
        lang: reader.lang, blank: this.blank, question: this.question,
      });
    }

    _command(message) {
      const command = Core.readCommand(message, this.reader.lastStep);
      if (command === null) return;
      if (command.type === "hello") this.broadcast();
      else if (command.type === "act") this.act(command.action);
      else if (command.type === "go") this.reader.goTo(command.step, { fromUser: true });
    }
  }

  window.StorySlides = StorySlides;
})();
