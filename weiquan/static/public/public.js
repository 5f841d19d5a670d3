/* weiquan public site: small progressive enhancements; every page works without JavaScript. */
(function () {
  "use strict";
  // A confidential reporter may leave name and phone empty: say so next to the fields.
  function syncConfidential() {
    var box = document.getElementById("id_confidential");
    if (!box) { return; }
    document.querySelectorAll("[data-confidential-note]").forEach(function (el) { el.hidden = !box.checked; });
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "id_confidential") { syncConfidential(); }
  });
  // The "send code" button must not disable the form's own submit button (weiquan.js disables the first one).
  document.addEventListener("htmx:afterRequest", function () {
    document.querySelectorAll("form.pubform button[type=submit]").forEach(function (b) { b.disabled = false; });
  });
  document.addEventListener("DOMContentLoaded", syncConfidential);
})();
