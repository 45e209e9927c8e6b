// Draws every chart on the page from its Vega-Lite spec. Without scripts the data tables, which
// hold the same figures, are the content.
(function () {
  "use strict";

  // Each chart is one image to assistive technology, named by its description; its table holds
  // the figures. Vega makes the container a "graphics-document", a role screen readers support
  // unevenly, so the container is set back to an image and the drawing hidden from the
  // accessibility tree.
  function makeImage(canvas, label) {
    canvas.setAttribute("role", "img");
    canvas.removeAttribute("aria-roledescription");
    if (label) canvas.setAttribute("aria-label", label);
    Array.prototype.forEach.call(canvas.querySelectorAll("svg"), function (svg) {
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
    });
  }

  function drawAll() {
    if (typeof vegaEmbed !== "function") return;
    var canvases = document.querySelectorAll("[data-spec]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-spec"));
      if (!source) return;
      var label = canvas.getAttribute("aria-label");
      var spec = JSON.parse(source.textContent);
      // SVG, not canvas: text stays sharp when zoomed or printed. No actions menu: its links
      // are not keyboard-operable and its <details> has no accessible name.
      vegaEmbed(canvas, spec, { renderer: "svg", actions: false }).then(function () {
        // Vega adds an empty form for input bindings, which careboard's charts never use.
        Array.prototype.forEach.call(canvas.querySelectorAll("form.vega-bindings"), function (form) {
          form.remove();
        });
        makeImage(canvas, label);
        canvas.setAttribute("data-rendered", "true");
      }).catch(function (error) {
        if (window.console) console.error("careboard: chart " + canvas.id + " not drawn: " + error);
        makeImage(canvas, label);
        canvas.setAttribute("data-error", String(error));
      });
    });
  }

  // Tables in closed <details> do not print in every browser: open them all for printing and
  // close again afterwards the ones the reader had closed.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
