/* Suggestions for the "official" field: fills its <datalist> from the JSON endpoint. No inline script. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-autocomplete]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var term = input.value.trim();
      if (term.length < 2 || term === last) return;
      last = term;
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(term), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (person) {
            var option = document.createElement("option");
            option.value = person.slug;
            option.label = person.name + (person.description ? " — " + person.description : "");
            option.textContent = option.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
