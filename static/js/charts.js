/* Draws the dashboard's and the county overview's charts from the JSON the page carries (no inline script). */
(function () {
  "use strict";
  var RED = "#a4161a", GREEN = "#198754", BLUE = "#0d6efd", GREY = "#6c757d";

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    new window.Chart(canvas, config);
    canvas.setAttribute("data-drawn", "true");
  }

  function bar(id, labels, sets, horizontal) {
    draw(id, {
      type: "bar",
      data: { labels: labels, datasets: sets },
      options: { indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: sets.length > 1 } } }
    });
  }

  function label(name) {
    var node = document.getElementById("chart-labels");
    var labels = node ? JSON.parse(node.textContent) : {};
    return labels[name] || name;
  }

  var d = data("dashboard-data");
  if (d) {
    draw("chart-months", {
      type: "line",
      data: {
        labels: d.months.labels,
        datasets: [
          { label: label("visits"), data: d.months.visits, borderColor: RED, backgroundColor: RED },
          { label: label("solved"), data: d.months.solved, borderColor: GREEN, backgroundColor: GREEN }
        ]
      }
    });
    bar("chart-categories", d.categories.labels, [{ label: label("cases"), data: d.categories.values, backgroundColor: RED }], true);
    bar("chart-departments", d.departments.labels, [
      { label: label("cases"), data: d.departments.values, backgroundColor: GREY },
      { label: label("resolved"), data: d.departments.resolved, backgroundColor: GREEN }
    ], true);
    bar("chart-groups", d.groups.labels, [{ label: "%", data: d.groups.values, backgroundColor: BLUE }], true);
    bar("chart-units", d.units.labels, [{ label: "%", data: d.units.values, backgroundColor: GREEN }], true);
  }

  var c = data("county-data");
  if (c) {
    bar("chart-towns", c.labels, [
      { label: label("visits"), data: c.visits, backgroundColor: RED },
      { label: label("resolved"), data: c.resolved, backgroundColor: GREEN }
    ], false);
  }
})();
