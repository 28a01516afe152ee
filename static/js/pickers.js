/* People pickers: every select[data-picker] becomes a search box (Tom Select) that finds a deputy by part of the
   name, by full pinyin ("gaoping", "ping") or by pinyin initials ("gp"). The options' pinyin and the sentences come
   from the page (data-* attributes written by Django), so the picker speaks the reader's language; the plain select
   stays in the page and is what the form sends, so without this script the form still works. */
(function () {
  "use strict";

  // Best first: the name itself, then initials from the start, then full pinyin from a syllable's start.
  function scorer(query) {
    var q = query.toLowerCase().replace(/\s+/g, "");
    return function (item) {
      if (!q) { return 1; }
      var initials = item.initials || "";
      var syllables = (item.pinyin || "").split(" ");
      if ((item.text || "").toLowerCase().indexOf(q) !== -1) { return 1; }
      if (initials.indexOf(q) === 0) { return 0.9; }
      for (var i = 0; i < syllables.length; i++) {
        if (syllables.slice(i).join("").indexOf(q) === 0) { return i === 0 ? 0.8 : 0.6; }
      }
      return initials.indexOf(q) !== -1 ? 0.5 : 0;
    };
  }

  function noResults(select) {
    var text = select.getAttribute("data-no-results") || "";
    return function (data, escape) {
      return '<div class="no-results" data-picker-empty>' + escape(text) + "</div>";
    };
  }

  function enhance(select) {
    if (select.tomselect || typeof TomSelect === "undefined") { return; }
    var plugins = {};
    if (select.multiple) {
      plugins.remove_button = { title: select.getAttribute("data-remove") || "" };
    } else if (select.querySelector("option[value='']")) {
      plugins.clear_button = { title: select.getAttribute("data-clear") || "" };
    }
    new TomSelect(select, {
      plugins: plugins,
      maxOptions: null, // every deputy of the town, not the first 50
      lockOptgroupOrder: true, // the day's group stays on top while searching
      allowEmptyOption: false,
      closeAfterSelect: !select.multiple,
      hidePlaceholder: true, // once someone is chosen the search box needs no hint, and a line is saved
      score: scorer,
      render: { no_results: noResults(select) }
    });
    // Tom Select points the label at its own search box; the select it hides keeps the same name.
    var label = document.getElementById(select.id + "-ts-label");
    if (label) { select.setAttribute("aria-labelledby", label.id); }
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("select[data-picker]").forEach(enhance);
  }

  enhanceAll(document);
  // Parts of a page that htmx swaps in get their pickers too.
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
