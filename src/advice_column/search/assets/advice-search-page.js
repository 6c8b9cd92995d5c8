// The search page: query, topic and tag filters, results with date, topic and excerpt. The URL
// follows the query and filters (?q=…&topic=…&tag=…, replaced while typing), so a search can be
// shared, bookmarked and found again with Back. Built on window.adviceSearch (advice-search.js).
(function () {
  "use strict";

  var root = document.getElementById("advice-search-page");
  var core = window.adviceSearch;
  if (!root || !core) return;
  var input = root.querySelector("input[name=q]");
  var topics = root.querySelector(".advice-filter--topic .advice-filter__options");
  var tagBox = root.querySelector(".advice-filter--tag");
  var tags = tagBox.querySelector(".advice-filter__options");
  var toggle = root.querySelector(".advice-filters__toggle");
  var filtersPanel = root.querySelector(".advice-filters");
  var message = root.querySelector(".advice-results__message");
  var list = root.querySelector(".advice-results__list");
  var more = root.querySelector(".advice-results__more");
  var empty = root.querySelector(".advice-results__empty");
  // A screen's worth of results loads at once; the rest of the first PAGE when the reader
  // scrolls near them (each result loads the whole text of its entry, for the excerpt).
  var FIRST = 5;
  var PAGE = 10;
  var latest = 0;
  var loading = Promise.resolve();
  var timer = null;
  var state = null;
  var params = new URLSearchParams(location.search);
  var chosen = { topic: params.getAll("topic"), tag: params.getAll("tag") };
  // Filter chunks load only when wanted: the topic filter where it is shown (on a phone, once
  // "Filters" opens it; a topic in the address loads it anyway), the tag filter when opened.
  var wanted = {};
  input.value = params.get("q") || "";

  function filters() {
    var out = {};
    Object.keys(wanted).forEach(function (name) {
      out[name] = chosen[name] && chosen[name].length ? { any: chosen[name] } : [];
    });
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length && !out[name]) out[name] = { any: chosen[name] };
    });
    return out;
  }

  function updateURL() {
    var next = new URLSearchParams();
    if (input.value.trim()) next.set("q", input.value.trim());
    chosen.topic.forEach(function (value) { next.append("topic", value); });
    chosen.tag.forEach(function (value) { next.append("tag", value); });
    var query = next.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  // Checkboxes for one filter: its values by count, zero counts hidden unless chosen.
  function renderOptions(container, name, counts) {
    container.replaceChildren();
    var values = Object.keys(counts || {}).filter(function (value) {
      return counts[value] > 0 || chosen[name].indexOf(value) >= 0;
    });
    values.sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
    values.forEach(function (value, i) {
      var id = "advice-" + name + "-" + i;
      var row = core.element("div", "advice-filter__option");
      var box = core.element("input");
      box.type = "checkbox";
      box.id = id;
      box.name = name;
      box.value = value;
      box.checked = chosen[name].indexOf(value) >= 0;
      var label = core.element("label", null, value + " ");
      label.htmlFor = id;
      label.appendChild(core.element("span", "advice-count", counts[value]));
      row.appendChild(box);
      row.appendChild(label);
      container.appendChild(row);
    });
    if (!values.length) container.appendChild(core.element("p", "advice-filter__none", core.say("filter_none")));
  }

  // A result as listings show an entry (title, date and topic, asker, summary), then the
  // passage the words were found in.
  function resultItem(data) {
    var meta = data.meta || {};
    var item = core.element("li", "advice-result");
    var link = core.element("a", "advice-result__title", meta.title || data.url);
    link.href = data.url;
    item.appendChild(link);
    var line = core.element("div", "advice-result__byline");
    line.appendChild(core.metaLine(data, "advice-result__meta"));
    if (meta.asker) line.appendChild(core.element("span", "advice-result__asker", core.say("asks", { name: meta.asker })));
    item.appendChild(line);
    if (meta.summary) item.appendChild(core.element("p", "advice-result__summary", meta.summary));
    item.appendChild(core.excerpt(data, state.words));
    return item;
  }

  // Results from the list's end up to ``state.total`` (the count shown), PAGE at a time.
  function showMore(found) {
    found.forEach(function (data) { list.appendChild(resultItem(data)); });
    more.hidden = list.children.length >= state.total;
  }

  // The next ``count`` results, after those still loading: a scroll and a click never
  // interleave. ``focus``: move the focus to the first of them (after "More results").
  function loadMore(count, focus) {
    var mine = latest;
    loading = loading.then(async function () {
      if (mine !== latest || list.children.length >= state.total) return;
      var shown = list.children.length;
      var found = await state.more(count);
      if (mine !== latest) return;
      showMore(found);
      var next = list.children[shown];
      if (focus && next) next.querySelector("a").focus();
    });
    return loading;
  }

  // The rest of the first page, once "More results" comes near the screen's bottom.
  var nearEnd = window.IntersectionObserver ? new IntersectionObserver(function (seen) {
    var near = seen.some(function (entry) { return entry.isIntersecting; });
    if (near && state && list.children.length < PAGE) loadMore(PAGE - list.children.length);
  }, { rootMargin: "0px 0px 200px 0px" }) : null;

  function watchNearEnd() {
    if (!nearEnd) return loadMore(PAGE - list.children.length);
    nearEnd.unobserve(more);  // observing again reports where it is now
    nearEnd.observe(more);
  }

  // What the search did: "12 results for “pay rise”", "Showing results for “negotiate salary”:
  // 4 results" when a word was misspelt, and a note when no page has every word.
  function describe(query) {
    var count = state.total;
    var what = count === 0 ? core.say("no_results") : core.results(count);
    var scope = [].concat(chosen.topic, chosen.tag);
    var text = state.shown && count ? core.say("showing_results_for", { query: state.shown, results: what })
      : query ? core.say("results_for", { query: query, results: what }) : what;
    if (scope.length) text = core.say("results_in", { results: text, scope: scope.join(", ") });
    return text + (state.partial ? ". " + core.say("some_words_only") : "");
  }

  // Only what is chosen narrows the results; a filter that is shown but has nothing chosen
  // is asked for its counts alone.
  function chosenFilters() {
    var out = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) out[name] = { any: chosen[name] };
    });
    return out;
  }

  function renderCounts(response) {
    if (wanted.topic) renderOptions(topics, "topic", response.totalFilters.topic);
    if (wanted.tag) renderOptions(tags, "tag", response.filters.tag);
  }

  async function run() {
    var mine = ++latest;
    var query = input.value.trim();
    updateURL();
    root.setAttribute("aria-busy", "true");
    var anyFilter = chosen.topic.length || chosen.tag.length;
    var asked = query || anyFilter;
    var stale = function () { return mine !== latest; };
    var counted = filters();
    // Results first, counts after: counting a filter loads its chunks from every part of the
    // index, which would hold back the first result.
    var countsLater = asked && Object.keys(counted).length > Object.keys(chosenFilters()).length;
    // Nothing asked yet: a search of every entry for the topic filter's counts, no results.
    var found = await core.search(asked ? query || null : null, countsLater ? chosenFilters() : counted, {
      first: asked ? FIRST : 0,
      stale: stale,
    });
    if (stale()) return;
    state = found;
    root.removeAttribute("aria-busy");
    list.replaceChildren();
    empty.hidden = !asked || state.total > 0;
    if (!asked) {
      renderCounts(state.response);
      message.textContent = core.say("search_start");
      more.hidden = true;
      return;
    }
    message.textContent = describe(query);
    showMore(state.items);
    watchNearEnd();
    if (!countsLater) return renderCounts(state.response);
    var counts = await core.search(query || null, counted, { first: 0, stale: stale });
    if (!stale()) renderCounts(counts.response);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, core.pauseBefore(input.value, 60));
  }

  input.addEventListener("input", schedule);
  root.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  root.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox") return;
    var values = chosen[box.name];
    var at = values.indexOf(box.value);
    if (box.checked && at < 0) values.push(box.value);
    if (!box.checked && at >= 0) values.splice(at, 1);
    run();
  });
  more.addEventListener("click", function () {
    loadMore(PAGE, true);
  });
  tagBox.addEventListener("toggle", function () {
    if (tagBox.open && !wanted.tag) {
      wanted.tag = [];
      run();
    }
  });
  // The topic filter's counts, once the filters are on screen.
  function wantTopics() {
    if (wanted.topic || getComputedStyle(filtersPanel).display === "none") return false;
    wanted.topic = [];
    return true;
  }

  toggle.addEventListener("click", function () {
    var show = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(show));
    filtersPanel.classList.toggle("advice-filters--open", show);
    if (wantTopics()) run();
  });
  window.addEventListener("resize", function () {
    if (wantTopics()) run();
  });
  wantTopics();
  if (chosen.topic.length) wanted.topic = [];
  if (chosen.tag.length) {
    tagBox.open = true;
    wanted.tag = [];
  }
  run();
})();
