// The batch page (admin › Đợt tải lên › one batch): asks the server every second how far the
// workers got, moves the progress bar and adds the report rows as files finish. When the batch
// is done the page reloads once to show the full report in upload order.
(function () {
  "use strict";
  var root = document.getElementById("batch");
  if (!root || root.dataset.finished === "1") {
    return;
  }
  var bar = document.getElementById("batch-progress");
  var percent = document.getElementById("batch-percent");
  var summary = document.getElementById("upload-summary");
  var body = document.querySelector("#upload-report tbody");
  var since = root.dataset.since || "";

  function addRow(row) {
    var holder = document.createElement("tbody");
    holder.innerHTML = row.html;
    var fresh = holder.firstElementChild;
    var old = body.querySelector('tr[data-item="' + row.id + '"]');
    if (old) {
      old.replaceWith(fresh);
    } else {
      body.appendChild(fresh);
    }
  }

  function poll() {
    fetch(root.dataset.progressUrl + "?since=" + encodeURIComponent(since), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        bar.max = state.total || 1;
        bar.value = state.done;
        percent.textContent = state.percent + " %";
        summary.innerHTML = state.summary;
        state.rows.forEach(addRow);
        since = state.since;
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
