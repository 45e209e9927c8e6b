// Draws every chart on the page from its Vega-Lite spec. Without scripts the data tables, which
// hold the same figures, are the content.
(function () {
  "use strict";
  function drawAll() {
    if (typeof vegaEmbed !== "function") return;
    var canvases = document.querySelectorAll("[data-spec]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-spec"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      vegaEmbed(canvas, spec, { renderer: "svg", actions: false }).then(function () {
        // vega-embed adds an empty form for bindings, which careboard's charts never use.
        var forms = canvas.querySelectorAll("form.vega-bindings");
        Array.prototype.forEach.call(forms, function (form) { form.remove(); });
        canvas.setAttribute("data-rendered", "true");
      }).catch(function (error) {
        canvas.setAttribute("data-error", String(error));
      });
    });
  }
  // Tables in closed <details> do not print; open them for print.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.setAttribute("open", ""); });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
