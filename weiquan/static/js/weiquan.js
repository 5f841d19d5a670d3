/* weiquan workbench: progressive enhancements only (the pages work without JavaScript). */
(function () {
  "use strict";
  // After an htmx swap of the case panel, keep the keyboard focus on the panel's heading.
  document.addEventListener("htmx:afterSwap", function (event) {
    var panel = document.getElementById("case-panel");
    if (panel && event.detail && event.detail.target && event.detail.target.id === "case-panel") {
      var heading = panel.querySelector("h1");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
    }
  });
  // Disable a submit button while its form is being sent, against double submissions.
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[type=submit]");
    if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
  });
})();
