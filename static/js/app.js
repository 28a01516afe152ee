/* Every page: a submitted form's button shows that the server is working (and cannot be tapped twice), and a
   request that fails or a lost network says so in the reader's language. The sentences come from the page
   (#page-problem's data-* attributes, translated by Django); no inline script or style, for the CSP. */
(function () {
  "use strict";
  var RESTORE_AFTER_MS = 30000; // a file download or a stalled server leaves the page: give the button back

  function problem(kind) {
    var box = document.getElementById("page-problem");
    if (!box) { return; }
    if (!kind) {
      box.hidden = true;
      box.removeAttribute("data-problem");
      return;
    }
    box.textContent = box.getAttribute("data-" + kind) || "";
    box.setAttribute("data-problem", kind);
    box.hidden = false;
  }

  function busy(button) {
    if (!button || button.getAttribute("aria-busy") === "true") { return; }
    button.setAttribute("aria-busy", "true");
    var spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-2 busy-spinner";
    spinner.setAttribute("aria-hidden", "true");
    button.insertBefore(spinner, button.firstChild);
    // Disabled only after the submit event: a disabled button would leave its name and value out of the form.
    window.setTimeout(function () { button.disabled = true; }, 0);
    window.setTimeout(function () { idle(button); }, RESTORE_AFTER_MS);
  }

  function idle(button) {
    if (button.getAttribute("aria-busy") !== "true") { return; }
    button.removeAttribute("aria-busy");
    button.disabled = false;
    var spinner = button.querySelector(".busy-spinner");
    if (spinner) { spinner.remove(); }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.getAttribute("data-busy") === "off") { return; }
    if (navigator.onLine === false) {
      // Sending now would replace the page, and what the reader typed, with the browser's error page.
      event.preventDefault();
      problem("offline");
      return;
    }
    problem(null);
    busy(event.submitter || form.querySelector("button[type=submit], button:not([type])"));
  });

  // Back to a page kept in the browser's memory: its buttons are no longer waiting for anything.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[aria-busy=true]").forEach(idle);
  });
  window.addEventListener("offline", function () { problem("offline"); });
  window.addEventListener("online", function () {
    var box = document.getElementById("page-problem");
    if (box && box.getAttribute("data-problem") === "offline") { problem(null); }
  });

  // A wide table that scrolls sideways can be scrolled from the keyboard too: it takes the focus (Tab), then the
  // arrow keys move it. Only the ones that do scroll, so the others add no stop to the Tab order.
  function focusableScrollers() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) { box.setAttribute("tabindex", "0"); }
      else { box.removeAttribute("tabindex"); }
    });
  }
  document.addEventListener("DOMContentLoaded", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);

  // htmx requests (none of the pages use one yet; the listeners are here so that the first one is covered).
  document.addEventListener("htmx:sendError", function () { problem(navigator.onLine === false ? "offline" : "unreachable"); });
  document.addEventListener("htmx:timeout", function () { problem("unreachable"); });
  document.addEventListener("htmx:responseError", function () { problem("failed"); });
  document.addEventListener("htmx:beforeRequest", function () { problem(null); });
})();
