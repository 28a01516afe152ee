/* The day's code on the station's screen: reload once the server's next day has begun (data-reload-after, in
   seconds from when the page was served), so the screen shows the new code without anyone touching it. Checked
   every half minute rather than one long timer, which a screen that slept would leave behind. No inline
   script, for the CSP. */
(function () {
  "use strict";
  var holder = document.querySelector("[data-reload-after]");
  if (!holder) { return; }
  var due = Date.now() + 1000 * parseInt(holder.getAttribute("data-reload-after"), 10);
  if (isNaN(due)) { return; }
  window.setInterval(function () {
    if (Date.now() >= due) { window.location.reload(); }
  }, 30000);
})();
