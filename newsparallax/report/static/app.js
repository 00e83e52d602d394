// Parallax web app: draw the charts whose Vega-Lite specs the page carries as JSON data blocks.
// Expressions go through vega's interpreter, so the page works under a CSP without 'unsafe-eval'.
(function () {
  "use strict";
  function draw(block) {
    var name = block.getAttribute("data-chart-spec");
    var target = document.querySelector('[data-chart-target="' + name + '"]');
    if (!target || typeof vegaEmbed === "undefined") { return; }
    var spec = JSON.parse(block.textContent);
    vegaEmbed(target, spec, { renderer: "svg", actions: false, ast: true, expr: vega.expressionInterpreter })
      .catch(function (error) { target.textContent = "Chart unavailable: " + error.message; });
  }
  document.querySelectorAll("script[data-chart-spec]").forEach(draw);
})();
