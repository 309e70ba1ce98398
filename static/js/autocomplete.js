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
          var names = {};
          data.results.forEach(function (person) { names[person.name] = (names[person.name] || 0) + 1; });
          data.results.forEach(function (person) {
            var option = document.createElement("option");
            // The box shows the name, as the page does once chosen; two persons of one name are told apart by slug.
            option.value = names[person.name] > 1 ? person.slug : person.name;
            option.label = person.name + (person.description ? " — " + person.description : "");
            option.textContent = option.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
