/* An attendance sheet's "all present" button: every deputy's choice becomes present, except those on leave and
   those who signed in remotely (data-keep: the office confirms each of them on its own), and nothing is sent
   until the sheet is saved. No inline script, for the CSP. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-all-present]");
    if (!button) { return; }
    var value = button.getAttribute("data-all-present");
    var sheet = button.getAttribute("data-sheet");
    document.querySelectorAll("select[data-attendance][form='" + sheet + "']").forEach(function (select) {
      if (!select.hasAttribute("data-keep")) { select.value = value; }
    });
  });
})();

/* A list of tick boxes' "all present" button (the panel meeting's members): ticks every box of that name in the
   button's form; nothing is sent until the form is saved. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-check-all]");
    if (!button || !button.form) { return; }
    var name = button.getAttribute("data-check-all");
    button.form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (box.name === name) { box.checked = true; }
    });
  });
})();
