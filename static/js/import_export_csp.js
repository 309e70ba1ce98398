// django-import-export's export page wires its "select all fields" box with an inline
// onchange= handler, which our Content-Security-Policy blocks. Bind the same handler here.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      if (typeof onSelectToggleChange === "function") {
        onSelectToggleChange(event);
      }
    });
  });
});
