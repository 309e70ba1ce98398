/* The search page, enhanced: focus goes to the results after a filter changes (links and the form
   end in #results), and a long facet gets a box that filters its options. No inline script. */
(function () {
  "use strict";
  var results = document.getElementById("results");
  if (results && window.location.hash === "#results") {
    results.focus({ preventScroll: false });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-facet-search]"), function (input) {
    var list = document.getElementById(input.getAttribute("data-facet-search"));
    if (!list) return;
    input.parentNode.hidden = false;
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(list.children, function (item) {
        var text = fold(item.textContent);
        item.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  });
})();

/* The date histogram: Shift + a bar widens the range in force to that bar (two clicks choose a span). */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("a.histogram-bar"), function (bar) {
    bar.addEventListener("click", function (event) {
      if (!event.shiftKey) return;
      var params = new URLSearchParams(window.location.search);
      var from = params.get("date_from");
      var to = params.get("date_to");
      if (!from && !to) return;
      event.preventDefault();
      var start = bar.getAttribute("data-start");
      var end = bar.getAttribute("data-end");
      params.set("date_from", from && from < start ? from : start);
      params.set("date_to", to && to > end ? to : end);
      params.delete("page");
      window.location.assign("?" + params.toString() + "#results");
    });
  });
})();

/* Phones: the filters (form fields and facets) fold behind one button; CSS shows the button and
   folds them only on narrow screens, and only once this script runs (without it all is shown). */
(function () {
  "use strict";
  var button = document.querySelector(".filters-button");
  if (!button) return;
  var panels = button.getAttribute("aria-controls").split(" ").map(function (id) { return document.getElementById(id); }).filter(Boolean);
  document.documentElement.classList.add("filters-foldable");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    panels.forEach(function (panel) { panel.classList.toggle("open", open); });
  });
})();
