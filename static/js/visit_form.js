/* The visit form: the referral's fields (unit, responsible person, deadlines) show only when the outcome is a
   referral, so the form stays short. Without this script, or when one of them holds an error, they all show. */
(function () {
  "use strict";
  var part = document.querySelector("[data-when-outcome]");
  if (!part) { return; }
  var wanted = part.getAttribute("data-when-outcome");

  function update() {
    var chosen = document.querySelector("input[name=outcome]:checked");
    part.hidden = !part.hasAttribute("data-has-errors") && !(chosen && chosen.value === wanted);
  }

  document.querySelectorAll("input[name=outcome]").forEach(function (input) {
    input.addEventListener("change", update);
  });
  update();
})();
