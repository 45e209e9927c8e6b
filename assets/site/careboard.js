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

  // Every drawn chart's view, to redraw at A4 width for printing: a chart as wide as its
  // container does not follow the page when printed.
  var views = [];
  var PRINT_WIDTH = 640;  // CSS pixels of chart inside A4's 180 mm of text width

  // Small multiples (a faceted spec) have panels of a fixed size: as many to a row as the
  // container holds (at most the spec's columns, which fit A4), so that a phone shows them two
  // or one to a row, never wider than itself. Redrawn when the window's width changes that.
  var multiples = [];
  function panelsThatFit(canvas, spec) {
    var panel = spec.spec.width + 56;  // the panel, its value axis and the gap beside it
    var fits = Math.max(1, Math.floor((canvas.clientWidth || PRINT_WIDTH) / panel));
    return Math.min(spec.maxColumns, fits);
  }

  function draw(canvas, spec, label, faceted) {
    // SVG, not canvas: text stays sharp when zoomed or printed. No actions menu: its links
    // are not keyboard-operable and its <details> has no accessible name.
    var drawn = JSON.parse(JSON.stringify(spec));
    delete drawn.maxColumns;
    vegaEmbed(canvas, drawn, { renderer: "svg", actions: false }).then(function (result) {
      // Panels with long names or wide axes take more room than panelsThatFit allows: one
      // panel fewer to a row until the row fits.
      var svg = canvas.querySelector("svg");
      if (faceted && spec.columns > 1 && svg && parseFloat(svg.getAttribute("width")) > canvas.clientWidth + 1) {
        result.view.finalize();
        spec.columns -= 1;
        draw(canvas, spec, label, true);
        return;
      }
      if (!faceted) views.push(result.view);
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
  }

  function drawAll() {
    if (typeof vegaEmbed !== "function") return;
    var canvases = document.querySelectorAll("[data-spec]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-spec"));
      if (!source) return;
      var label = canvas.getAttribute("aria-label");
      var spec = JSON.parse(source.textContent);
      var faceted = !!(spec.facet && spec.spec && typeof spec.spec.width === "number");
      if (faceted) {
        spec.maxColumns = spec.columns || 4;
        spec.columns = panelsThatFit(canvas, spec);
        multiples.push({ canvas: canvas, spec: spec, label: label });
      }
      draw(canvas, spec, label, faceted);
    });
  }

  var refit = null;
  window.addEventListener("resize", function () {
    if (refit) window.clearTimeout(refit);
    refit = window.setTimeout(function () {
      multiples.forEach(function (m) {
        var columns = panelsThatFit(m.canvas, m.spec);
        if (columns === m.spec.columns) return;
        m.spec.columns = columns;
        m.canvas.removeAttribute("data-rendered");
        draw(m.canvas, m.spec, m.label, true);
      });
    }, 50);
  });

  // Tables in closed <details> do not print in every browser: open them all for printing and
  // close again afterwards the ones the reader had closed.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closedForPrint.forEach(function (d) { d.open = true; });
    views.forEach(function (view) { view.width(PRINT_WIDTH).runAsync(); });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
    // Back to the width of their containers, as on any change of the window's size.
    window.dispatchEvent(new Event("resize"));
  });

  // The quarter chooser: without scripts the page lists every comparison as a link; with them,
  // two labelled selects and a button go straight to the chosen pair (earlier quarter first).
  function buildChoosers() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-compare-chooser]"), function (box) {
      var quarters = (box.getAttribute("data-quarters") || "").split(";").filter(Boolean).map(function (item) {
        var parts = item.split("|");
        return { slug: parts[0], label: parts[1] };
      });
      if (quarters.length < 2) return;
      var form = document.createElement("form");
      form.className = "cb-chooser__form";
      function select(id, text, chosen) {
        var group = document.createElement("div");
        group.className = "govuk-form-group cb-chooser__group";
        var label = document.createElement("label");
        label.className = "govuk-label";
        label.setAttribute("for", id);
        label.textContent = text;
        var sel = document.createElement("select");
        sel.className = "govuk-select";
        sel.id = id;
        quarters.forEach(function (q, i) {
          var option = document.createElement("option");
          option.value = q.slug;
          option.textContent = q.label;
          if (i === chosen) option.selected = true;
          sel.appendChild(option);
        });
        group.appendChild(label);
        group.appendChild(sel);
        form.appendChild(group);
        return sel;
      }
      var from = select("compare-from", "First quarter", quarters.length - 5 >= 0 ? quarters.length - 5 : 0);
      var to = select("compare-to", "Second quarter", quarters.length - 1);
      var message = document.createElement("p");
      message.className = "govuk-body";
      message.setAttribute("role", "status");
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "govuk-button";
      button.textContent = "Compare these quarters";
      form.appendChild(button);
      form.appendChild(message);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var a = from.selectedIndex, b = to.selectedIndex;
        if (a === b) {
          message.textContent = "Choose two different quarters.";
          return;
        }
        var first = quarters[Math.min(a, b)].slug, second = quarters[Math.max(a, b)].slug;
        window.location.href = first + "--" + second + ".html";
      });
      box.appendChild(form);
    });
  }

  // govuk-frontend's service navigation: behind a Menu button on narrow screens. Its components
  // start only in a body marked as supporting them, as the GOV.UK page template marks it (here,
  // not in an inline script: every script of a page is a file or a chart's JSON).
  function serviceNavigation() {
    if (!window.GOVUKFrontend || !window.GOVUKFrontend.ServiceNavigation) return;
    document.body.classList.add("js-enabled");
    if ("noModule" in HTMLScriptElement.prototype) document.body.classList.add("govuk-frontend-supported");
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="govuk-service-navigation"]'), function (nav) {
      try {
        new window.GOVUKFrontend.ServiceNavigation(nav);
      } catch (error) {
        if (window.console) console.error("careboard: navigation: " + error);
      }
    });
  }

  function start() {
    serviceNavigation();
    drawAll();
    buildChoosers();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
