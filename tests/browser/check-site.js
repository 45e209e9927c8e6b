#!/usr/bin/env node
// Checks every HTML page of a built careboard site in headless Chromium, opened both from disk
// (file://) and from a local HTTP server, because a site must work from any web host and
// straight from disk:
//   - every chart container ([data-spec]) draws an <svg>, in both;
//   - no console error, page error or failed request, in both;
//   - over HTTP (the same bytes, drawn the same way: run once, as they are most of the work),
//     axe-core with the WCAG 2.0/2.1/2.2 A and AA tags reports no violation, and none of its
//     best practices either (landmarks, heading order, one <h1>: cheap to keep, and screen
//     reader users navigate by them), the print checks below, and at 375 and 1280 px wide (a
//     phone and a desktop) no sideways scroll of the page and no chart text under 10 px
//     (CAREBOARD_SCREENSHOTS=DIR saves a screenshot of each page at each width);
//   - careboard's own checks, which automated rules cannot make: every chart has a description,
//     a data table with a caption and scoped headers, a source line and a CSV that exists; the
//     skip link comes first and the <h1> leads <main>; every page gives the "data as at" date
//     and the source and links to the methodology and the accessibility statement; print styles
//     hide navigation, print every table (even in a closed <details>) and write the running line
//     (LA, data as at, source) on every page.
// Prints one line per page and mode, then "N passed, M failed"; exits 1 on any failure.
//
// Usage: node check-site.js SITE_DIR [--chromium /usr/bin/chromium]
// Without Chromium it prints "SKIPPED: ..." and exits 0 (ctest's SKIP_REGULAR_EXPRESSION).
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const { pathToFileURL, fileURLToPath } = require("url");

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const LAUNCH_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];
const CHART_TIMEOUT_MS = 20000;     // charts of one page drawn
const RUN_DEADLINE_MS = 420000;     // the whole run, server included: a backstop only; each page has its own limits
const MAX_REQUESTS = 5000;          // the local server refuses more than this
const PARALLEL_PAGES = 2;           // the machines have two cores
let DOCUMENT_MODE = false;          // --document
const LAYOUT_WIDTHS = [375, 1280];  // a phone and a desktop, CSS pixels
// CAREBOARD_SCREENSHOTS=DIR: a full-page screenshot of every page checked at each width.
const SCREENSHOTS = process.env.CAREBOARD_SCREENSHOTS || "";
let SITE_ROOT = "";

function parseArgs(argv) {
  const args = { site: null, chromium: process.env.CAREBOARD_CHROMIUM || "/usr/bin/chromium", document: false };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === "--chromium") args.chromium = argv[++i];
    // A printable document (the IRO annual report), not a site: it has no about or
    // accessibility page of its own to link to; everything else is checked alike.
    else if (argv[i] === "--document") args.document = true;
    else if (!args.site) args.site = argv[i];
    else throw new Error("unexpected argument: " + argv[i]);
  }
  if (!args.site) throw new Error("usage: node check-site.js SITE_DIR [--chromium PATH] [--document]");
  return args;
}

function htmlPages(root) {
  const out = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  })(root);
  return out.sort();
}

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".csv": "text/csv; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
};

// A static server for the site on 127.0.0.1 only, on a free port. It answers at most
// MAX_REQUESTS requests and never serves anything outside the site's folder.
function startServer(root) {
  let served = 0;
  const server = http.createServer((req, res) => {
    served += 1;
    if (served > MAX_REQUESTS || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(served > MAX_REQUESTS ? 503 : 405).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch (e) {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(root, "." + rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, {
        "Content-Type": CONTENT_TYPES[path.extname(file)] || "application/octet-stream",
        "Content-Length": body.length,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (!server || !server.listening) return resolve();
    server.close(() => resolve());
    if (server.closeAllConnections) server.closeAllConnections();
  });
}

// The page as written, before any script runs: every chart container names the chart itself
// (aria-label), so that its description does not depend on the chart library.
function staticChecks(html) {
  const problems = [];
  for (const tag of html.match(/<[^>]*\sdata-spec="[^"]*"[^>]*>/g) || []) {
    const id = (tag.match(/\sid="([^"]*)"/) || [])[1] || tag;
    const label = (tag.match(/\saria-label="([^"]*)"/) || [])[1] || "";
    if (label.trim().length < 20) problems.push(`${id}: no description (aria-label) on the chart in the page as written`);
    if (!/\srole="img"/.test(tag)) problems.push(`${id}: the chart is not marked as an image (role="img") in the page as written`);
  }
  return problems;
}

// Runs in the page: careboard's own checks of text alternatives and page furniture.
function projectChecks(isDocument) {
  const problems = [];
  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
  const charts = Array.from(document.querySelectorAll("[data-spec]"));
  for (const canvas of charts) {
    const id = canvas.id || canvas.getAttribute("data-spec");
    const label = (canvas.getAttribute("aria-label") || "").trim();
    if (label.length < 20) problems.push(`${id}: no description (aria-label) on the chart`);
    const source = document.getElementById(canvas.getAttribute("data-spec"));
    let spec = null;
    try {
      spec = JSON.parse(source.textContent);
    } catch (e) {
      problems.push(`${id}: the chart's spec is missing or not JSON`);
    }
    if (spec && !(typeof spec.description === "string" && spec.description.trim()))
      problems.push(`${id}: the chart's spec has no description`);
    if (!canvas.querySelector("svg")) problems.push(`${id}: no <svg> drawn`);
    if (canvas.querySelector("form.vega-bindings")) problems.push(`${id}: empty vega-bindings form left in`);
    const section = canvas.closest("section");
    if (!section) {
      problems.push(`${id}: the chart is not in a <section>`);
      continue;
    }
    const table = section.querySelector("table");
    if (!table) problems.push(`${id}: no data table`);
    else if (!text(table.querySelector("caption"))) problems.push(`${id}: the data table has no caption`);
    if (table) {
      // The drawn axis must list the table's rows (quarters; or the years or categories of a
      // comparison) in the table's order (a gap in the data once reordered a stacked chart's axis),
      // every one at the desktop width these checks run at (a phone's shows every other).
      const tabled = Array.from(table.querySelectorAll("tbody th")).map((th) => text(th));
      const rows = new Set(tabled);
      // A label on two or more lines (a quarter as "2023-24" over "Q3", a long category) is
      // one <text> of <tspan>s: its words, joined.
      const labelText = (t) => {
        const lines = t.querySelectorAll("tspan");
        return lines.length ? Array.from(lines).map((l) => l.textContent.trim()).join(" ") : t.textContent.trim();
      };
      // Small multiples (a faceted spec): the panels' headings, not an axis, name the rows.
      const labels = spec && spec.facet ? "g.role-title text" : "g.role-axis-label text";
      const drawn = Array.from(canvas.querySelectorAll(labels))
        .map(labelText)
        .filter((t) => /^\d{4}-\d{2} Q\d$/.test(t) || rows.has(t));
      if (drawn.length === 0) problems.push(`${id}: no quarter (or row) labels drawn on the axis`);
      else if (drawn.join("|") !== tabled.join("|"))
        problems.push(`${id}: the axis shows the rows as ${drawn.join(", ")}, not in the table's order`);
    }
    if (!Array.from(section.querySelectorAll("p")).some((p) => /^Source: \S/.test(text(p))))
      problems.push(`${id}: no source line`);
    const csv = Array.from(section.querySelectorAll("a[href]")).find((a) => /\.csv$/.test(a.getAttribute("href")));
    if (!csv) problems.push(`${id}: no CSV link`);
  }
  for (const table of document.querySelectorAll("table")) {
    const name = text(table.querySelector("caption")) || "(no caption)";
    if (!text(table.querySelector("caption"))) problems.push(`table without a caption`);
    for (const th of table.querySelectorAll("th"))
      if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope")))
        problems.push(`table "${name}": <th> "${text(th)}" has no scope`);
  }
  if (document.querySelectorAll("h1").length !== 1) problems.push(`${document.querySelectorAll("h1").length} <h1> on the page`);
  const firstHeading = document.querySelector("main h1, main h2, main h3, main h4, main h5, main h6");
  if (firstHeading && firstHeading.tagName !== "H1") problems.push(`the first heading of <main> is a <${firstHeading.tagName.toLowerCase()}>, not the <h1>`);
  const main = document.querySelector("main#main-content");
  if (!main) problems.push("no <main id=\"main-content\">");
  const first = document.body.querySelector("a, button, input, select, textarea, [tabindex]");
  if (!first || first.getAttribute("href") !== "#main-content") problems.push("the first focusable element is not the skip link");
  const footer = text(document.querySelector("footer"));
  if (!/Data as at \S/.test(footer)) problems.push("the footer does not give the data-as-at date");
  if (!/Source: \S/.test(footer)) problems.push("the footer does not give the source");
  for (const target of isDocument ? [] : ["about.html", "accessibility.html"])
    if (!document.querySelector(`footer a[href$="${target}"]`)) problems.push(`the footer does not link to ${target}`);
  const links = Array.from(document.querySelectorAll("a[href$='.csv']")).map((a) => a.href);
  const drawn = charts.filter((c) => c.querySelector("svg")).length;
  return { problems, charts: charts.length, drawn, csvLinks: links };
}

// Runs in the page under print media: what a printed board paper must show and hide.
function printChecks(mode) {
  const problems = [];
  const shown = (el) => el && el.checkVisibility({ contentVisibilityAuto: true });
  for (const sel of [".govuk-skip-link", "nav"])
    for (const el of document.querySelectorAll(sel))
      if (shown(el)) problems.push(`print: ${sel} is not hidden`);
  // A reader may have closed a table's <details>: its table must print all the same.
  const open = Array.from(document.querySelectorAll("details")).map((d) => d.open);
  document.querySelectorAll("details").forEach((d) => { d.open = false; });
  for (const table of document.querySelectorAll("details table"))
    if (!shown(table)) problems.push(`print: the table "${table.caption ? table.caption.textContent.trim() : ""}" in a closed <details> does not print`);
  document.querySelectorAll("details").forEach((d, i) => { d.open = open[i]; });
  // The running line is written in the bottom margin of every page by an @page margin box,
  // from a custom property on the root element.
  const running = getComputedStyle(document.documentElement).getPropertyValue("--cb-print-running");
  if (!/Data as at \S/.test(running) || !/Source: \S/.test(running))
    problems.push(`print: the running line lacks the data-as-at date or the source: ${running || "(none)"}`);
  // Chromium does not let a file:// page read its stylesheets' rules; the stylesheet is the
  // same file over HTTP, where it is checked.
  if (mode === "http") {
    const pageRules = [];
    const walk = (rules) => {
      for (const rule of rules) {
        if (rule instanceof CSSPageRule) pageRules.push(rule.cssText);
        else if (rule.cssRules) walk(rule.cssRules);
      }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules);
    if (!pageRules.some((text) => /size: A4/i.test(text) && /margin: 15mm/.test(text) && /var\(--cb-print-running/.test(text)))
      problems.push("print: no A4 @page rule with 15mm margins writing the running line on every page");
  }
  for (const thead of document.querySelectorAll("thead"))
    if (getComputedStyle(thead).display !== "table-header-group") problems.push("print: a table header does not repeat");
  return problems;
}

// Runs in the page at one viewport width: no sideways scroll of the page body, and no chart text
// under 10 px as drawn (its font size times the drawing's scale).
function layoutChecks(width) {
  const problems = [];
  const body = document.documentElement;
  // The site's navigation: behind its Menu button on a phone, in full on a desktop.
  const toggle = document.querySelector(".govuk-service-navigation__toggle");
  if (toggle) {
    const list = document.getElementById(toggle.getAttribute("aria-controls"));
    const narrow = width < 641;  // govuk-frontend's tablet breakpoint, 40.0625em
    if (narrow && (toggle.hidden || !list || !list.hidden)) problems.push(`${width} px: the navigation is not behind its Menu button`);
    if (!narrow && (!toggle.hidden || !list || list.hidden)) problems.push(`${width} px: the navigation is not shown in full`);
  }
  if (body.scrollWidth > window.innerWidth + 1)
    problems.push(`${width} px: the page scrolls sideways (${body.scrollWidth} px wide)`);
  // A table that reflows on a phone fits its box there: no column is out of sight.
  if (width < 641)
    for (const table of document.querySelectorAll(".cb-table--reflow")) {
      const box = table.closest(".cb-table-wrapper") || table.parentElement;
      if (table.scrollWidth > box.clientWidth + 1)
        problems.push(`${width} px: the table "${table.caption ? table.caption.textContent.trim().slice(0, 40) : ""}" is ${table.scrollWidth} px wide in a ${box.clientWidth} px box`);
    }
  for (const svg of document.querySelectorAll("[data-spec] svg")) {
    const drawn = svg.getBoundingClientRect().width, own = parseFloat(svg.getAttribute("width"));
    const scale = own > 0 ? drawn / own : 1;
    for (const text of svg.querySelectorAll("text")) {
      if (!text.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 10) {
        problems.push(`${width} px: chart text "${text.textContent.trim().slice(0, 30)}" is ${size.toFixed(1)} px in ${svg.closest("[data-spec]").id}`);
        break;
      }
    }
  }
  return problems;
}

async function checkPage(context, axeSource, url, mode, origin, file) {
  const problems = staticChecks(fs.readFileSync(file, "utf8"));
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure() ? req.failure().errorText : "?"})`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`request failed: ${res.url()} (HTTP ${res.status()})`);
  });
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("about:"))
      problems.push(`request outside the site: ${u}`);
  });
  let charts = 0, drawn = 0;
  try {
    await page.goto(url, { waitUntil: "load", timeout: 30000 });
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll("[data-spec]")).every((c) => c.getAttribute("data-rendered") === "true" || c.hasAttribute("data-error")),
      null, { timeout: CHART_TIMEOUT_MS, polling: 100 });
    const errors = await page.$$eval("[data-error]", (els) => els.map((e) => `${e.id}: ${e.getAttribute("data-error")}`));
    for (const e of errors) problems.push(`chart not drawn: ${e}`);
    const own = await page.evaluate(projectChecks, DOCUMENT_MODE);
    charts = own.charts;
    drawn = own.drawn;
    problems.push(...own.problems);
    for (const link of own.csvLinks) {
      if (mode === "file") {
        if (!fs.existsSync(fileURLToPath(link))) problems.push(`CSV link to a missing file: ${link}`);
      } else {
        const res = await context.request.get(link);
        if (res.status() !== 200) problems.push(`CSV link answers HTTP ${res.status()}: ${link}`);
      }
    }
    // The pages are the same bytes in both modes, drawn the same way once their scripts and
    // data have loaded (what file:// can break, checked above in both), so axe and the print
    // checks, most of the browser's work, run once, over HTTP (where axe can also read the
    // stylesheets again by XMLHttpRequest for css-orientation-lock, which Chromium refuses on
    // file:// pages).
    if (mode === "http") {
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(
        ({ tags }) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"], preload: true }),
        { tags: AXE_TAGS });
      for (const v of axe.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
        problems.push(`axe ${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"}): ${v.help}: ${where}`);
      }
      await page.emulateMedia({ media: "print" });
      problems.push(...(await page.evaluate(printChecks, mode)));
      await page.emulateMedia({ media: "screen" });
      // A phone and a desktop: the page never scrolls sideways, and chart text is never drawn
      // smaller than 10 px (a chart is as wide as its container, not a wide drawing scaled down).
      for (const width of LAYOUT_WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForFunction(() => Array.from(document.querySelectorAll("[data-spec] svg")).every((svg) =>
          parseFloat(svg.getAttribute("width")) <= svg.parentElement.clientWidth + 1), null, { timeout: CHART_TIMEOUT_MS, polling: 100 })
          .catch(() => problems.push(`${width} px: a chart is wider than its container`));
        // The navigation follows the width when its media query's change event has run.
        await page.waitForFunction((narrow) => {
          const toggle = document.querySelector(".govuk-service-navigation__toggle");
          const list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
          return !toggle || (list && toggle.hidden !== narrow && list.hidden === narrow);
        }, width < 641, { timeout: CHART_TIMEOUT_MS, polling: 100 }).catch(() => {});
        problems.push(...(await page.evaluate(layoutChecks, width)));
        if (SCREENSHOTS) {
          const name = file.slice(SITE_ROOT.length + 1).replace(/[\/]/g, "_").replace(/\.html$/, "");
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  } catch (e) {
    problems.push(`error: ${e.message.split("\n")[0]}`);
  } finally {
    await page.close();
  }
  return { problems, charts, drawn };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  DOCUMENT_MODE = args.document;
  const site = path.resolve(args.site);
  SITE_ROOT = site;
  if (SCREENSHOTS) fs.mkdirSync(SCREENSHOTS, { recursive: true });
  if (!fs.existsSync(args.chromium)) {
    console.log(`SKIPPED: Chromium not found at ${args.chromium}; install it with 'apt-get install chromium' (scripts/setup.sh does)`);
    return 0;
  }
  let chromium, axeSource;
  try {
    chromium = require("playwright-core").chromium;
    axeSource = require("axe-core").source;
  } catch (e) {
    console.log(`FAILED: playwright-core or axe-core is not installed in tests/browser (run scripts/setup.sh, or npm ci there): ${e.message.split("\n")[0]}`);
    return 1;
  }
  // The 66 comparisons and 12 snapshots each share one template with the same structure, so
  // every other page is checked in full and, of those, the first, a middle one and the last of
  // each kind (CAREBOARD_BROWSER_ALL=1 checks every one).
  const sample = (list) => list.length <= 3 ? list : [list[0], list[Math.floor(list.length / 2)], list[list.length - 1]];
  let all = htmlPages(site).sort();
  // A site of several authorities (docs/authorities.md): every overview page, and of the
  // authorities' pages (each the same templates as a site of one, checked in full by the other
  // runs) the first authority's overview and care population pages.
  const authorities = fs.readdirSync(site, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== "overview" && e.name !== "assets" && e.name !== "data" &&
      fs.existsSync(path.join(site, e.name, "index.html")))
    .map((e) => e.name).sort();
  // CAREBOARD_BROWSER_PAGES names the pages itself (below), of the whole site.
  if (authorities.length > 0 && !process.env.CAREBOARD_BROWSER_PAGES) {
    const first = authorities[0];
    // The tables ordered by name are the same page as those by rank: the first of them stands
    // for the rest.
    const byName = all.filter((p) => /^overview\/.+-by-name\.html$/.test(p));
    all = all.filter((p) => (!authorities.some((a) => p.startsWith(a + "/")) && (!byName.includes(p) || p === byName[0])) ||
      p === `${first}/index.html` || p === `${first}/population.html`);
  }
  // CAREBOARD_BROWSER_PAGES: a regular expression of the pages to check (the board edition's
  // run checks the pages whose content differs from the public edition's in kind).
  if (process.env.CAREBOARD_BROWSER_PAGES) {
    const only = new RegExp(process.env.CAREBOARD_BROWSER_PAGES);
    all = all.filter((p) => only.test(p));
  }
  const comparisons = all.filter((p) => /^compare\/.+--.+\.html$/.test(p));
  const snapshots = all.filter((p) => /^quarters\//.test(p));
  const pages = process.env.CAREBOARD_BROWSER_ALL === "1" ? all
    : all.filter((p) => !comparisons.includes(p) && !snapshots.includes(p)).concat(sample(comparisons), sample(snapshots));
  if (pages.length === 0) {
    console.log(`FAILED: no HTML pages in ${site}`);
    return 1;
  }
  const started = Date.now();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "careboard-chromium-"));
  let server = null, context = null;
  let passed = 0, failed = 0;
  // Bounded: the browser is killed with this process, the server stops with it.
  const deadline = setTimeout(() => {
    console.log(`FAILED: the browser checks took longer than ${RUN_DEADLINE_MS / 1000} s`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(1);
  }, RUN_DEADLINE_MS);
  deadline.unref();
  try {
    server = await startServer(site);
    const httpOrigin = `http://127.0.0.1:${server.address().port}/`;
    const fileOrigin = pathToFileURL(site + path.sep).href;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: args.chromium,
      headless: true,
      args: LAUNCH_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    // A site needs no network: anything it asks of another host is refused here (and reported
    // by the page's request listeners), never fetched.
    await context.route((u) => u.protocol !== "file:" && u.protocol !== "data:" && !u.href.startsWith(httpOrigin),
      (route) => route.abort("blockedbyclient"));
    const jobs = [];
    for (const mode of ["file", "http"])
      for (const rel of pages) jobs.push({ mode, rel, origin: mode === "file" ? fileOrigin : httpOrigin });
    const results = new Array(jobs.length);
    let next = 0;
    async function worker() {
      while (next < jobs.length) {
        const i = next++;
        const { mode, rel, origin } = jobs[i];
        const t0 = Date.now();
        const r = await checkPage(context, axeSource, origin + rel, mode, origin, path.join(site, rel));
        results[i] = { ...jobs[i], ...r, ms: Date.now() - t0 };
      }
    }
    await Promise.all(Array.from({ length: PARALLEL_PAGES }, worker));
    for (const r of results) {
      const ok = r.problems.length === 0;
      if (ok) passed += 1;
      else failed += 1;
      const charts = r.charts ? `, ${r.drawn} of ${r.charts} chart${r.charts === 1 ? "" : "s"} drawn` : "";
      console.log(`${ok ? "ok  " : "FAIL"} ${r.mode.padEnd(4)} ${r.rel} (${(r.ms / 1000).toFixed(1)} s${charts})`);
      for (const p of r.problems) console.log(`       ${p}`);
    }
  } catch (e) {
    console.log(`FAILED: ${e.message.split("\n")[0]}`);
    failed += 1;
  } finally {
    if (context) await context.close().catch(() => {});
    await stopServer(server);
    fs.rmSync(profile, { recursive: true, force: true });
    clearTimeout(deadline);
  }
  console.log(`browser checks of ${site} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.log(`FAILED: ${e.stack || e}`);
  process.exit(1);
});
