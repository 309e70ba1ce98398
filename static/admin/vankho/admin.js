// Văn khố admin: give every autocomplete box (select2) the accessible name of the <select> it
// stands for, its <label> or its aria-label (inline rows have no <label>). Select2 names the box
// after the chosen value only, so an empty box has no name at all. And keep select2's lists valid.
"use strict";
(function () {
  function nameOf(select) {
    const own = select.getAttribute("aria-label");
    if (own) return own;
    const label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    return label ? label.textContent.trim().replace(/:$/, "") : "";
  }

  function label() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const container = select.nextElementSibling;
      const text = nameOf(select);
      if (!container || !container.classList.contains("select2") || !text || select.id.includes("__prefix__")) return;
      const nameId = select.id + "-name";
      if (!document.getElementById(nameId)) {
        const span = document.createElement("span");
        span.id = nameId;
        span.hidden = true;
        span.textContent = text;
        container.appendChild(span);
      }
      container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (box) {
        const shown = box.getAttribute("aria-labelledby") || "";
        const value = shown.split(" ").filter(function (id) { return id && id !== nameId; });
        box.setAttribute("aria-labelledby", [nameId].concat(value).join(" "));
      });
    });
  }

  // Select2 puts its "clear all" button inside the list of chosen values, where only list items
  // belong; it is moved next to the list (its click handler is delegated, so it still works).
  function tidy(list) {
    list.querySelectorAll(":scope > .select2-selection__clear").forEach(function (button) {
      list.parentNode.insertBefore(button, list);
    });
  }

  function tidyLists() {
    document.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      tidy(list);
      if (!list.dataset.tidy) {
        list.dataset.tidy = "1";
        new MutationObserver(function () { tidy(list); }).observe(list, {childList: true});
      }
    });
  }

  function run() {
    label();
    tidyLists();
  }

  document.addEventListener("DOMContentLoaded", function () { setTimeout(run, 0); });
  document.addEventListener("formset:added", function () { setTimeout(run, 0); });
})();
