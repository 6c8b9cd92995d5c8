// Start Pagefind's UI on the search page; ?q= and &topic= come from the search forms.
(function () {
  var element = document.getElementById("advice-search");
  if (!element || !window.PagefindUI) return;
  // A large column's index comes in parts (pagefind/part-N/), searched together.
  var parts = (element.dataset.parts || "").split(" ").filter(Boolean).map(function (part) {
    return { bundlePath: new URL(part, window.location.href).pathname };
  });
  var ui = new PagefindUI({
    element: "#advice-search",
    mergeIndex: parts,
    showSubResults: false,
    showImages: false,
    openFilters: ["topic"],
    translations: { placeholder: "Search questions and answers" },
  });
  var params = new URLSearchParams(window.location.search);
  var input = element.querySelector("input");
  if (input) input.setAttribute("aria-label", "Search questions and answers");
  if (params.get("topic")) ui.triggerFilters({ topic: [params.get("topic")] });
  if (params.get("q")) ui.triggerSearch(params.get("q"));
})();
