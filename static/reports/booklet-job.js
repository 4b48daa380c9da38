// Follows a booklet being made in the background: asks the server every
// second and shows how far it got, then offers the file, or on a failure
// the button that orders it again.
(function () {
  "use strict";
  var card = document.getElementById("booklet-job");
  if (!card) return;
  var bar = card.querySelector(".progress");
  // The width is set here, not in a style attribute the page's
  // Content-Security-Policy would refuse.
  function fill(progress) { bar.firstElementChild.style.width = progress + "%"; }
  fill(bar.getAttribute("aria-valuenow"));
  function field(name) { return card.querySelector('[data-field="' + name + '"]'); }
  function show(state) {
    field("status_display").textContent = state.status_display;
    field("stage").textContent = state.stage ? "— " + state.stage : "";
    bar.setAttribute("aria-valuenow", state.progress);
    fill(state.progress);
    var error = field("error");
    error.textContent = state.error;
    error.hidden = !state.error;
    var link = field("file_url");
    if (state.file_url) { link.href = state.file_url; link.hidden = false; }
    // A failed booklet (its worker lost, too: reports.services) shows no
    // bar that would never fill, and offers a new order.
    var failed = state.status === "failed";
    bar.hidden = failed;
    field("retry").hidden = !failed;
    var over = state.status === "done" || failed;
    field("note").hidden = over;
    return over;
  }
  function poll() {
    fetch(card.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) { if (!show(state)) setTimeout(poll, 1000); })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
