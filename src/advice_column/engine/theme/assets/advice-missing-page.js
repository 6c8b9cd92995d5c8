// A missing page's address often names what the reader was after (/2019/12/how-to-ask-for-a-raise/):
// its words fill the 404 page's search box, so that finding the page is one press of Enter away.
(function () {
  var script = document.currentScript;
  var box = document.getElementById("advice-404-q");
  if (!script || !box || box.value) return;
  var base = new URL("..", script.src).pathname; // the site's root: the script is in assets/
  var path = window.location.pathname;
  if (path.indexOf(base) === 0) path = path.slice(base.length);
  try { path = decodeURIComponent(path); } catch (error) { return; }
  var ignored = /^(index|html?|php|aspx?|qa|tags?|topics?|archive|page|amp|feed)$/i;
  var words = path.split(/[\/\-_.+\s]+/).filter(function (word) {
    return /\p{L}/u.test(word) && !ignored.test(word);
  });
  box.value = words.slice(-8).join(" ");
})();
