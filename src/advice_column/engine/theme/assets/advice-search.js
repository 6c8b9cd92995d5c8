// Search as you type, from the header of every page and on the search page, over the column's
// Pagefind index. Pagefind is loaded on the first focus of a search box, never on page load.
// Everything a contributor wrote (titles, topics, tags, excerpts) is inserted as text, never as
// HTML, whatever the index holds.
(function () {
  "use strict";

  var header = document.querySelector(".advice-header-search");
  if (!header) return;
  var pagefind = null;

  // The index, and its further parts (search/parts.json) merged into one search. Pagefind runs
  // in the page, not in a worker: the worker's script is one more download, and a search of a
  // few parts takes milliseconds.
  function load() {
    if (pagefind) return pagefind;
    var bundle = new URL(header.dataset.bundle, location.href);
    var root = new URL("..", bundle).pathname;
    var parts = fetch(new URL(header.dataset.parts, location.href))
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; });
    pagefind = Promise.all([import(new URL("pagefind.js", bundle).href), parts]).then(async function (loaded) {
      var api = loaded[0];
      await api.options({ baseUrl: root, excerptLength: 24, noWorker: true });
      await Promise.all(loaded[1].map(function (part) {
        return api.mergeIndex(new URL(part, new URL(root, location.href)).pathname, { baseUrl: root });
      }));
      await api.init();
      return api;
    });
    return pagefind;
  }

  // Pagefind answers a word it does not hold with the longest prefix it does hold ("aaaa" finds
  // every page with "a", "xyzzyqq" a page with "xy…"): https://github.com/Pagefind/pagefind/pull/315.
  // A result counts only if, for every word of the query, a word it matched on the page starts
  // with that query word's stem (roughly: the word less a common English ending, less a letter).
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function queryWords(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // A last word of fewer than SHORT letters is searched only after a longer pause: the index
  // chunks of every word starting with two letters are several times those of the word being
  // typed (at 10,000 entries, typing a word fetched 211 kB of chunks, the word alone 89 kB).
  var SHORT = 3;
  var SHORT_PAUSE_MS = 400;

  function lastWordIsShort(query) {
    var words = queryWords(query);
    return !words.length || words[words.length - 1].length < SHORT;
  }

  // How long typing must pause before ``query`` is searched: ``pause``, or longer if it is short.
  function pauseBefore(query, pause) {
    return lastWordIsShort(query) ? SHORT_PAUSE_MS : pause;
  }

  function stemLength(word) {
    var ending = word.match(/(ations?|iness|ness|ments?|ings?|edly|ed|ies|es|s|ly|y|e)$/);
    var length = ending && word.length - ending[0].length >= 3 ? word.length - ending[0].length : word.length;
    return Math.max(1, Math.min(word.length, length - 1));
  }

  function sharedStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  function isGenuine(data, words) {
    var pageWords = data.content.split(/[\r\n\s]+/g);
    var matched = [];
    data.locations.forEach(function (at) {
      fold(pageWords[at] || "").split(/[^\p{L}\p{N}]+/u).forEach(function (part) { matched.push(part); });
    });
    matched.push.apply(matched, queryWords(String((data.meta && data.meta.title) || "")));
    return words.every(function (word) {
      var needed = stemLength(word);
      return matched.some(function (found) { return sharedStart(word, found) >= needed; });
    });
  }

  // One search: Pagefind's results, or none when they are prefix stand-ins (above). Within one
  // index the stand-ins replace a word's every match, so the first results tell: when none of
  // them is genuine, the search found nothing. Results are never dropped one by one (a check of
  // every page would load every result), so ``total`` is exactly what "More results" reaches.
  // (Each part of the index falls back on its own: a word held by one part only may bring
  // other parts' stand-ins after its genuine matches.) ``first`` results are loaded at once,
  // ``more(n)`` loads the next ``n``; ``stale()`` says the reader has moved on: nothing more is
  // loaded then.
  async function search(query, filters, how) {
    how = how || {};
    var api = await load();
    var response = await api.search(query, { filters: filters || {} });
    var words = queryWords(query || "");
    var results = response.results;
    var state = { response: response, total: results.length, items: [], next: 0 };
    state.more = async function (count) {
      var batch = results.slice(state.next, Math.min(state.total, state.next + count));
      state.next += batch.length;
      var data = await Promise.all(batch.map(function (result) { return result.data(); }));
      state.items = state.items.concat(data);
      return data;
    };
    var first = how.first === undefined ? 10 : how.first;
    if (!results.length || !first || (how.stale && how.stale())) return state;
    var page = await state.more(first);
    // Checked as soon as loaded: Pagefind hands every search the same object for a page.
    if (words.length && !page.some(function (data) { return isGenuine(data, words); })) {
      state.total = 0;
      state.items = [];
    }
    return state;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Pagefind's excerpt is the page's text with <mark> around matches; it is parsed in an inert
  // <template> (nothing in it runs or loads) and rebuilt from its text and marks only.
  function excerpt(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var out = element("p", "advice-result__excerpt");
    parsed.content.childNodes.forEach(function (node) {
      out.appendChild(node.nodeName === "MARK" ? element("mark", null, node.textContent) : document.createTextNode(node.textContent));
    });
    return out;
  }

  function metaLine(data, className) {
    var meta = data.meta || {};
    return element("span", className, [meta.date, meta.topic].filter(Boolean).join(" · "));
  }

  function searchPage(query) {
    var url = new URL(header.getAttribute("action"), location.href);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  window.adviceSearch = {
    load: load, search: search, element: element, excerpt: excerpt, metaLine: metaLine,
    pauseBefore: pauseBefore,
  };

  // The header's box: results in a panel beneath it as the reader types.
  var input = header.querySelector("input[name=q]");
  var panel = header.querySelector(".advice-panel");
  var list = panel.querySelector("[role=listbox]");
  var status = panel.querySelector(".advice-panel__status");
  var all = panel.querySelector(".advice-panel__all");
  var opener = header.querySelector(".advice-header-search__open");
  var active = -1;
  var latest = 0;
  var timer = null;
  var SHOWN = 5;
  var MIN_LENGTH = 2; // one letter would fetch the index of every word starting with it
  var PAUSE_MS = 50; // a search starts when typing pauses this long (see pauseBefore)

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function highlight(index) {
    var found = options();
    active = found.length ? (index + found.length) % found.length : -1;
    found.forEach(function (option, i) { option.setAttribute("aria-selected", String(i === active)); });
    if (active >= 0) input.setAttribute("aria-activedescendant", found[active].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function open(show) {
    panel.hidden = !show;
    input.setAttribute("aria-expanded", String(show));
    if (!show) highlight(-1);
  }

  function render(query, state) {
    panel.dataset.query = query; // what the panel shows results for
    list.replaceChildren();
    state.items.slice(0, SHOWN).forEach(function (data, i) {
      var option = element("a", "advice-panel__option");
      option.id = "advice-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      option.href = data.url;
      option.appendChild(element("span", "advice-panel__title", (data.meta && data.meta.title) || data.url));
      option.appendChild(metaLine(data, "advice-panel__meta"));
      list.appendChild(option);
    });
    status.textContent = state.total ? "" : "No questions match “" + query + "”.";
    status.hidden = !!state.total;
    all.hidden = !state.total;
    all.href = searchPage(query);
    all.textContent = state.total === 1 ? "Open the search page" : "All " + state.total + " results";
    active = -1;
    open(true);
  }

  // A search for the words in the box once the reader pauses, started at once (an earlier one
  // still running is not waited for, its results are dropped); while they type, the index
  // chunks for the words so far are fetched already.
  async function update() {
    var query = input.value.trim();
    var mine = ++latest;
    if (query.length < MIN_LENGTH) return open(false);
    var stale = function () { return mine !== latest; };
    var state = await search(query, {}, { first: SHOWN, stale: stale });
    if (!stale()) render(query, state);
  }

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && list.children.length) open(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    timer = setTimeout(update, pauseBefore(query, PAUSE_MS));
    if (query.length >= MIN_LENGTH && !lastWordIsShort(query)) {
      load().then(function (api) { return api.preload(query); }).catch(function () {});
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (panel.hidden) return;
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = options()[active].href;
    } else if (event.key === "Escape") {
      if (!panel.hidden) {
        event.preventDefault(); // keep the words typed (a search box clears itself on Escape)
        open(false);
      } else if (header.classList.contains("advice-header-search--open")) toggle(false);
    }
  });
  document.addEventListener("click", function (event) {
    if (!header.contains(event.target)) open(false);
  });

  function toggle(show) {
    header.classList.toggle("advice-header-search--open", show);
    opener.setAttribute("aria-expanded", String(show));
    if (show) input.focus();
    else open(false);
  }

  if (opener) {
    opener.addEventListener("click", function () {
      toggle(!header.classList.contains("advice-header-search--open"));
    });
  }
})();
