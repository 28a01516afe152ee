// The town's public page (templates/deputies/public/township.html): the search filters the deputies as the voter
// types, without a reload. Without this script the same form is a GET search the server answers.
(function () {
  "use strict";
  const form = document.querySelector("[data-finder]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const count = document.getElementById("finder-count");
  const none = document.getElementById("finder-none");
  const items = Array.from(document.querySelectorAll("[data-finder-item]"));
  const sections = Array.from(document.querySelectorAll("[data-finder-section]"));
  const parts = Array.from(document.querySelectorAll("[data-finder-part]"));

  // As the server searches: the name, village or sector holds the text, or the pinyin initials start with it.
  function matches(item, query) {
    if (!query) return true;
    return (
      item.dataset.finderText.toLowerCase().includes(query) ||
      item.dataset.finderInitials.startsWith(query)
    );
  }

  function apply() {
    const query = input.value.trim().toLowerCase();
    let shown = 0;
    items.forEach(function (item) {
      item.hidden = !matches(item, query);
      if (!item.hidden) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("[data-finder-item]:not([hidden])");
    });
    parts.forEach(function (part) {
      part.hidden = !part.querySelector("[data-finder-section]:not([hidden])");
    });
    count.textContent = query ? count.dataset.label + shown : "";
    if (none) none.hidden = shown > 0;
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", input.value.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }

  input.addEventListener("input", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
})();
