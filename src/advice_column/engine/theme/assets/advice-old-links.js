// Old WordPress links (/?p=123, /?page_id=123) land on the home or the 404 page: look the number
// up in the map `advice import` wrote (docs/wordpress-ids.json) and go on to the entry's page.
(function () {
  var script = document.currentScript;
  var params = new URLSearchParams(window.location.search);
  var id = params.get("p") || params.get("page_id");
  if (!script || !id || !/^[0-9]{1,12}$/.test(id)) return;
  var map = new URL(script.dataset.map, window.location.href);
  fetch(map)
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      var ids = data && data.p;
      var target = ids && Object.prototype.hasOwnProperty.call(ids, id) ? ids[id] : null;
      // The map is a file of the column, which anyone may propose to change: only an entry's
      // address on this site is ever followed.
      if (typeof target !== "string" || !/^qa\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/.test(target)) return;
      window.location.replace(new URL(target, new URL(".", map)).href);
    })
    .catch(function () {});
})();
