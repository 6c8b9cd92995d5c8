// Search as you type, from the header of every page and on the search page, over the column's
// Pagefind index. Pagefind is loaded on the first focus of a search box, never on page load.
// Everything a contributor wrote (titles, topics, tags, excerpts) is inserted as text, never as
// HTML, whatever the index holds.
(function () {
  "use strict";

  var header = document.querySelector(".advice-header-search");
  if (!header) return;
  var pagefind = null;
  var WORDS = JSON.parse((document.getElementById("advice-search-words") || {}).textContent || "{}");
  var synonyms = Promise.resolve({});

  // The index, and its further parts (search/parts.json) merged into one search. Pagefind runs
  // in the page, not in a worker: the worker's script is one more download, and a search of a
  // few parts takes milliseconds. The columnist's synonyms (search/synonyms.json) load with it.
  function load() {
    if (pagefind) return pagefind;
    var bundle = new URL(header.dataset.bundle, location.href);
    var root = new URL("../..", bundle).pathname; // the bundle is search/bundle/
    var parts = fetchJSON(header.dataset.parts, []);
    synonyms = fetchJSON(header.dataset.synonyms, []).then(phraseBook);
    pagefind = Promise.all([import(new URL("pagefind.js", bundle).href), parts]).then(async function (loaded) {
      var api = loaded[0];
      // Titles weigh most (Pagefind's default), then the summary and tags (see entry.html).
      await api.options({ baseUrl: root, excerptLength: 24, noWorker: true, ranking: { metaWeights: { title: 5, summary: 3, tags: 3 } } });
      await Promise.all(loaded[1].map(function (part) {
        return api.mergeIndex(new URL(part, new URL(root, location.href)).pathname, { baseUrl: root });
      }));
      await api.init();
      return api;
    });
    return pagefind;
  }

  function fetchJSON(address, fallback) {
    if (!address) return Promise.resolve(fallback);
    return fetch(new URL(address, location.href))
      .then(function (response) { return response.ok ? response.json() : fallback; })
      .catch(function () { return fallback; });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Words as the index holds them: "I'm" is "im", "boss's" is "boss".
  function queryWords(query) {
    return fold(query).replace(/['’]s\b/g, "").replace(/['’]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Words that never decide whether a page matches, by the language of the site (<html lang>).
  // A query of nothing else is searched as it is.
  var STOP_WORDS = {
    en: "a about after all also am an and any are as at be been being but by can could did do does doing " +
      "for from get got had has have having he her hers him his how i if im in into is it its ive me " +
      "might must my no not of off on or our ours out over she should so some such than that thats the " +
      "their theirs them then there these they this those to too up us very was we were what whats when " +
      "where which while who whom why will with would you youre your yours " +
      "arent cant couldnt didnt doesnt dont id ill isnt shouldnt theyre wasnt wont wouldnt youll youve",
    fr: "au aux avec ce ces comment dans de des du elle en est et il ils je la le les leur ma mais me " +
      "mes mon ne nous on ou par pas pour qu que qui sa se ses son sur ta te tes ton tu un une vos votre vous",
    de: "am an auf aus bei bin bist das dass dem den der des die du ein eine einen einer er es fur ich im " +
      "in ist mein meine mich mir mit nicht oder sie sind und von was wie wir zu zum zur",
    es: "a al como con cual cuando de del donde el ella ellos en entre es esa ese eso esta este esto " +
      "estoy fue ha hay la las le les lo los me mi mis muy ni no nos o para pero por porque que se " +
      "ser si sin sobre su sus te tengo tu tus un una unos y ya yo",
  };
  var STOP = new Set((STOP_WORDS[(document.documentElement.lang || "en").slice(0, 2).toLowerCase()] || "").split(" "));

  // The synonyms as {first word: [[phrase words, group], …]}; a group is its phrases, space-joined.
  function phraseBook(groups) {
    var book = {};
    (Array.isArray(groups) ? groups : []).forEach(function (group) {
      var phrases = group.map(function (phrase) { return queryWords(String(phrase)).join(" "); }).filter(Boolean);
      phrases.forEach(function (phrase) {
        var words = phrase.split(" ");
        (book[words[0]] = book[words[0]] || []).push([words, phrases]);
      });
    });
    return book;
  }

  // What a query asks for: its meaningful words and synonym phrases ("concepts"), each with the
  // words or phrases that stand for it. The longest synonym phrase at each place wins.
  function concepts(words, book) {
    var found = [];
    for (var at = 0; at < words.length; ) {
      var best = null;
      (book[words[at]] || []).forEach(function (entry) {
        var phrase = entry[0];
        var fits = phrase.every(function (word, i) { return words[at + i] === word; });
        if (fits && (!best || phrase.length > best[0].length)) best = entry;
      });
      var size = best ? best[0].length : 1;
      found.push({
        text: words.slice(at, at + size).join(" "),
        alternatives: best ? best[1] : [words[at]],
        synonym: !!best,
      });
      at += size;
    }
    var meaningful = found.filter(function (concept) {
      return concept.synonym || (!STOP.has(concept.text) && concept.text.length > 1);
    });
    return meaningful.length ? meaningful : found;
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

  var ENDINGS = /(ations?|iness|ness|ments?|ings?|edly|ed|ies|es|s|ly|y|e)$/;

  function stemLength(word) {
    return Math.max(1, Math.min(word.length, stemOf(word).length - 1));
  }

  function sharedStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // Whether a page word is ``word`` or a form of it: it starts with the word's stem (roughly the
  // word less a common English ending, less a letter).
  function formOf(word, found) {
    return sharedStart(word, found) >= stemLength(word);
  }

  // Pagefind finds a word by its stem and every longer word starting with it ("home" finds
  // "homework"), and answers a word it does not hold with the longest prefix it does hold
  // ("resignaton" finds "resign…"): https://github.com/Pagefind/pagefind/pull/315. A quoted
  // search does neither: the pages that hold the word (or the phrase, its words in a row) are
  // its quoted results; the plain search ranks them. A word no page holds as it is may still
  // stand for longer words of its stem ("nerves" for "nervous", "negotiat" being typed for
  // "negotiate"), when Pagefind's first page really has such a word, not a stand-in for a word
  // the column lacks ("salery" found as "sales").
  async function pagesFor(api, phrase, filters) {
    var searched = await Promise.all([api.search('"' + phrase + '"', { filters: filters }), api.search(phrase, { filters: filters })]);
    var ranked = new Map(searched[1].results.map(function (result) { return [result.id, result]; }));
    var pages = new Map(searched[0].results.map(function (result) { return [result.id, ranked.get(result.id) || result]; }));
    var response = searched[0];
    if (!pages.size && phrase.indexOf(" ") < 0 && searched[1].results.length) {
      var first = await searched[1].results[0].data();
      var stem = stemOf(phrase);
      if (matchedWords(first).some(function (found) { return found.startsWith(stem); })) {
        pages = ranked;
        response = searched[1];
      }
    }
    return { pages: pages, response: response };
  }

  // A word less a common English ending, if three letters remain: "nerves" → "nerv".
  function stemOf(word) {
    var ending = word.match(ENDINGS);
    return ending && word.length - ending[0].length >= 3 ? word.slice(0, word.length - ending[0].length) : word;
  }

  function matchedWords(data) {
    var pageWords = data.content.split(/[\r\n\s]+/g);
    var matched = queryWords(String((data.meta && data.meta.title) || ""));
    data.locations.forEach(function (at) { matched.push.apply(matched, queryWords(pageWords[at] || "")); });
    return matched;
  }

  var SYNONYM_WEIGHT = 0.5;

  // One concept's pages, whichever of its phrases they hold: {pages: id → {result, score}, response}.
  async function conceptPages(api, concept, filters) {
    var each = await Promise.all(concept.alternatives.map(function (phrase) {
      return pagesFor(api, phrase, filters);
    }));
    var pages = new Map();
    var response = each[0].response;
    each.forEach(function (found, i) {
      // A page with the reader's own word ranks above one with only a synonym of it.
      var weight = concept.alternatives[i] === concept.text ? 1 : SYNONYM_WEIGHT;
      found.pages.forEach(function (result, id) {
        var had = pages.get(id);
        if (!had || result.score * weight > had.score) pages.set(id, { result: result, score: result.score * weight });
      });
      if (found.pages.size > response.results.length) response = found.response;
    });
    return { pages: pages, response: response };
  }

  // The column's own words, with how many entries hold each, in one file per first letter
  // (search/words/<letter>.json): fetched only when a query word matches no page.
  var vocabularies = {};

  function vocabulary(word) {
    var key = /^[a-z0-9]/.test(word) ? word[0] : "_";
    if (!vocabularies[key]) vocabularies[key] = fetchJSON(new URL(key + ".json", new URL(header.dataset.words, location.href)).href, {});
    return vocabularies[key];
  }

  // Edit distance with transpositions (optimal string alignment), given up past ``most``.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (!i) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
        rows[i].push(value);
      }
    }
    return rows[a.length][b.length];
  }

  // The column's word nearest a misspelt ``word`` (one edit for up to 7 letters, two beyond;
  // words of 3 letters or fewer, or with digits, are left as typed), the commonest on a tie.
  async function correction(word) {
    if (word.length < 4 || /\d/.test(word)) return null;
    var words = await vocabulary(word);
    if (words[word]) return null;
    var most = word.length <= 7 ? 1 : 2;
    var best = null;
    var bestDistance = most + 1;
    Object.keys(words).forEach(function (candidate) {
      var d = distance(word, candidate, most);
      if (d < bestDistance || (d === bestDistance && best && words[candidate] > words[best])) {
        best = candidate;
        bestDistance = d;
      }
    });
    return bestDistance <= most ? best : null;
  }

  // Pages by how many of the concepts they hold (all first), then by Pagefind's scores.
  async function rank(api, wanted, filters) {
    var found = await Promise.all(wanted.map(function (concept) { return conceptPages(api, concept, filters); }));
    var pages = new Map();
    found.forEach(function (concept, i) {
      concept.pages.forEach(function (found, id) {
        var page = pages.get(id) || { result: found.result, held: [], score: 0 };
        page.held.push(i);
        page.score += found.score;
        pages.set(id, page);
      });
    });
    var order = Array.from(pages.values()).sort(function (a, b) {
      return b.held.length - a.held.length || b.score - a.score || (a.result.id < b.result.id ? -1 : 1);
    });
    var widest = found.reduce(function (best, concept) { return concept.pages.size > best.pages.size ? concept : best; }, found[0]);
    return { order: order, found: found, response: widest ? widest.response : null };
  }

  // One search: pages holding all the query's meaningful words (or a synonym of each) first,
  // then those holding most of them. A word no page holds is replaced by the column's nearest
  // word, if it has one ("Showing results for …"). ``state``: ``total``, the ``items`` loaded
  // (``first`` at once, ``more(n)`` the next n), ``shown`` (the query searched, when corrected),
  // ``partial`` (no page has every word), ``words`` (to mark in excerpts), ``response`` (filter
  // counts: those of the query's commonest word). ``stale()`` says the reader has moved on.
  async function search(query, filters, how) {
    how = how || {};
    var api = await load();
    filters = filters || {};
    var state;
    if (!query || !queryWords(query).length) {
      var everything = await api.search(null, { filters: filters });
      state = paged(everything.results);
      state.response = everything;
    } else {
      state = await wordSearch(api, query, filters);
    }
    var first = how.first === undefined ? 10 : how.first;
    if (first && state.total && !(how.stale && how.stale())) await state.more(first);
    return state;
  }

  async function wordSearch(api, query, filters) {
    var book = await synonyms;
    var words = queryWords(query);
    var wanted = concepts(words, book);
    var ranked = await rank(api, wanted, filters);
    var fixed = await Promise.all(wanted.map(function (concept, i) {
      return !ranked.found[i].pages.size && !concept.synonym ? correction(concept.text) : null;
    }));
    var shown = null;
    if (fixed.some(Boolean)) {
      words = words.map(function (word) {
        var at = wanted.findIndex(function (concept) { return concept.text === word; });
        return at >= 0 && fixed[at] ? fixed[at] : word;
      });
      wanted = concepts(words, book);
      ranked = await rank(api, wanted, filters);
      shown = words.join(" ");
    }
    var state = paged(ranked.order.map(function (page) { return page.result; }));
    state.response = ranked.response;
    state.shown = shown;
    state.partial = !!ranked.order.length && ranked.order[0].held.length < wanted.length;
    state.words = [].concat.apply([], wanted.map(function (concept) { return concept.alternatives.join(" ").split(" "); }));
    return state;
  }

  // Results loaded a page at a time: ``more(n)`` loads the next ``n``.
  function paged(results) {
    var state = { total: results.length, items: [], next: 0, words: [], response: null };
    state.more = async function (count) {
      var batch = results.slice(state.next, Math.min(state.total, state.next + count));
      state.next += batch.length;
      var data = await Promise.all(batch.map(function (result) { return result.data(); }));
      state.items = state.items.concat(data);
      return data;
    };
    return state;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // A few lines of the page around the most of the query's words, those words marked; built
  // from the page's text only (nothing in it is parsed as HTML).
  var EXCERPT_WORDS = 30;
  var SENTENCE_REACH = 8;

  function excerpt(data, words) {
    var text = String(data.content || "").split(/\s+/).filter(Boolean);
    var wanted = (words || []).filter(function (word) { return !STOP.has(word); });
    var hits = text.map(function (token) {
      var folded = queryWords(token);
      return wanted.findIndex(function (word) { return folded.some(function (found) { return formOf(word, found); }); });
    });
    // Windows start a few words before a marked word; the one with the most different words wins.
    var start = 0;
    var best = 0;
    hits.forEach(function (hit, at) {
      if (hit < 0) return;
      var from = Math.max(0, at - 3);
      var seen = new Set();
      var count = 0;
      hits.slice(from, from + EXCERPT_WORDS).forEach(function (other) { if (other >= 0) { seen.add(other); count++; } });
      if (seen.size * 100 + count > best) { best = seen.size * 100 + count; start = from; }
    });
    // From the start of its sentence when that is a few words back; else "…" says text comes before.
    for (var back = start; back >= Math.max(0, start - SENTENCE_REACH); back--) {
      if (back === 0 || /[.!?…]["'”’)]*$/.test(text[back - 1])) {
        start = back;
        break;
      }
    }
    var out = element("p", "advice-result__excerpt");
    if (start > 0 && !/[.!?…]["'”’)]*$/.test(text[start - 1])) out.appendChild(document.createTextNode("… "));
    text.slice(start, start + EXCERPT_WORDS).forEach(function (token, i) {
      if (i) out.appendChild(document.createTextNode(" "));
      out.appendChild(hits[start + i] >= 0 ? element("mark", null, token) : document.createTextNode(token));
    });
    if (start + EXCERPT_WORDS < text.length) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  function metaLine(data, className) {
    var meta = data.meta || {};
    return element("span", className, [meta.date, meta.topic].filter(Boolean).join(" · "));
  }

  // One of the column's words (site/languages/*.yml), its {placeholders} filled with ``values``.
  function say(key, values) {
    return String(WORDS[key] || "").replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function results(count) {
    return say(count === 1 ? "result_one" : "result_other", { count: count });
  }

  function searchPage(query) {
    var url = new URL(header.getAttribute("action"), location.href);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  window.adviceSearch = {
    load: load, search: search, element: element, excerpt: excerpt, metaLine: metaLine,
    pauseBefore: pauseBefore, say: say, results: results,
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
    status.textContent = !state.total ? say("panel_none", { query: query })
      : state.shown ? say("panel_showing", { query: state.shown })
      : state.partial ? say("panel_some_words") : "";
    status.hidden = !status.textContent;
    all.hidden = !state.total;
    all.href = searchPage(query);
    all.textContent = state.total === 1 ? say("open_search_page") : say("all_results", { count: state.total });
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
