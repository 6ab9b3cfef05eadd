/* The story page around the reader: the single file, and the app's light page.
 *
 * The same reader as the app (core.js, storymap-layers.js, slides.js, reader.js) runs on
 * the same payload; this file only adds what the app's Streamlit page does there: the
 * title, the language buttons, the text list and credits, and the deep link in the URL
 * hash (#event=kremlin-meeting&lang=en, #step=end). The same page is also the presenter
 * (#present, or the Present button: projector scale, the whole window, no scrolling) and
 * the presenter's speaker view (#speaker&channel=…, opened by the presenter).
 *
 * Where the data come from is the only difference between the two pages: the single file
 * carries them inline (no server, no network); the light page (/read/<story>/, served by
 * the app without Streamlit's page) names its files in #storymap-light and each is fetched
 * once, a language's words when that language is first shown.
 */
(function () {
  "use strict";
  const Core = window.StoryCore;
  const json = (id) => JSON.parse(document.getElementById(id).textContent);
  const root = document.getElementById("reader");
  const page = location.href.split("#")[0];

  /** The page's data: {map, text(lang), words(lang), countries} with promises for the words. */
  function source() {
    const light = document.getElementById("storymap-light");
    if (!light) {
      const data = json("storymap-data");
      // the pictures kept with the story, inline, once for every language (reader.js fills them in)
      data.map.pictures = json("storymap-pictures");
      return Promise.resolve({
        map: data.map, text: (code) => Promise.resolve(data.text[code]),
        words: (code) => Promise.resolve(data.page[code]), countries: { countries: json("storymap-countries") },
        tiles: data.tiles,
      });
    }
    const files = JSON.parse(light.textContent);
    const fetched = {};
    const get = (url) => {
      if (!fetched[url]) {
        fetched[url] = fetch(url).then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
          .catch((err) => { delete fetched[url]; throw err; });  // asked again next time
      }
      return fetched[url];
    };
    // the first language's text is asked for with the map, not after it (its page words,
    // the list of events and the credits below the reader, once the reader is on screen)
    const asked = new URLSearchParams(location.hash.slice(1)).get("lang");
    const first = Object.prototype.hasOwnProperty.call(files.text, asked) ? asked : files.lang;
    get(files.text[first]);
    return get(files.map).then((map) => ({
      map: map, text: (code) => get(files.text[code]), words: (code) => get(files.words[code]),
      countries: { countriesUrl: files.countries }, tiles: files.tiles,
    }));
  }

  function start(data) {
    performance.mark("storymap:start");  // its data in: the reader starts (for a profile of the load)
    const link = Core.parseLink(window.location.hash, data.map);
    let lang = link.lang;
    if (link.speaker) {
      document.body.classList.add("speaker-page");
      const box = document.createElement("div");
      box.id = "speaker";
      box.className = "speaker";
      document.body.append(box);
      window.storySpeaker = new window.StorySpeaker(box, data.map, data.text, link.channel, lang);
      return null;
    }
    const presenting = link.present;
    document.body.classList.toggle("presenting", presenting);
    let reader = null;

    function fitHeight() {
      const top = root.getBoundingClientRect().top + window.scrollY;
      const gap = presenting ? 0 : 8;
      root.style.setProperty("--reader-height", Math.max(presenting ? 300 : 420, window.innerHeight - top - gap) + "px");
    }

    function writeHash() {
      const address = (presenting ? "present&" : "")
        + Core.linkFor(data.map, reader.step, lang, reader.slides ? reader.slides.event() : null);
      history.replaceState(null, "", "#" + address);
    }

    /** The story's title above the reader, in its language. */
    function showTitle(text) {
      document.documentElement.lang = lang;
      document.title = text.title;
      document.getElementById("title").textContent = text.title;
      document.getElementById("subtitle").textContent = text.subtitle;
      document.querySelectorAll("[data-lang]").forEach((button) => {
        button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
      });
    }

    /** The page's words around the reader; the text list and credits (below the reader, and
     * a long story's list is thousands of elements) by ``later`` if given. */
    function showWords(words, later) {
      document.getElementById("list-heading").textContent = words.list_heading;
      document.getElementById("credits-heading").textContent = words.credits_heading;
      (later || ((fill) => fill()))(() => {
        document.getElementById("event-list").innerHTML = words.list;  // built and sanitised in Python
        document.getElementById("credits").innerHTML = words.credits;
      });
      const present = document.getElementById("present");
      present.textContent = words.present;
      present.title = words.present_help;
    }

    fitHeight();
    return data.text(lang).then((text) => {
      reader = new window.StoryReader(root, data.map, text, Object.assign({
        lang: lang, step: link.step, event: link.event, tiles: data.tiles,
        onStep: writeHash, mode: presenting ? "presenter" : "reader",
        speakerUrl: (channel) => `${page}#speaker&channel=${encodeURIComponent(channel)}&lang=${encodeURIComponent(lang)}`,
      }, data.countries));
      window.storyReader = reader;
      document.querySelectorAll("[data-lang]").forEach((button) => {
        button.addEventListener("click", () => {
          const code = button.dataset.lang;
          Promise.all([data.text(code), data.words(code)]).then(([next, nextWords]) => {
            lang = code;
            reader.setLanguage(lang, next);
            showTitle(next);
            showWords(nextWords);
            writeHash();
            if (reader.slides) reader.slides.broadcast();
          });
        });
      });
      // Present: the same page as a presentation, at the step it shows (a new history entry, so
      // Back leaves it); any change of #present reloads the page in the other mode.
      document.getElementById("present").addEventListener("click", () => {
        location.assign(`${page}#present&${Core.linkFor(data.map, reader.step, lang)}`);
      });
      window.addEventListener("hashchange", () => {
        if (Core.parseLink(window.location.hash, data.map).present !== presenting) location.reload();
      });
      window.addEventListener("resize", fitHeight);
      // the page's words once the map and words are on screen, the list and credits in the
      // frame after (unless another language was chosen meanwhile: that one's are shown)
      const shown = lang;
      showTitle(text);
      data.words(lang).then((words) => {
        if (lang === shown) showWords(words, (fill) => requestAnimationFrame(() => setTimeout(() => { if (lang === shown) fill(); })));
      }).catch(() => { /* the reader works without them; a language button asks again */ });
      writeHash();
      window.storyReaderReadyAt = performance.timeOrigin + performance.now();
      return reader;
    });
  }

  source().then(start).catch((err) => {
    root.dataset.state = "error";
    const box = document.createElement("p");
    box.setAttribute("role", "alert");
    box.className = "load-error";
    box.textContent = "The story map could not load its data (" + err.message + ").";
    root.prepend(box);
  });
})();
