"""The HTML report's style sheet and script (inline: the report is one self-contained file).

The script draws a page's drill-down from its compressed data when the page is opened (or a matrix
link points into it); every value from a page or an extractor is set as text, never as markup.
"""

from __future__ import annotations

import json

__all__ = ["LEAK_KINDS", "PAGE_STYLE", "SCRIPT", "STYLE"]

#: The kinds a must_not_contain snippet has (core.model.SnippetKind), in the legend's order.
LEAK_KINDS = ("sponsored", "related", "navigation", "newsletter", "caption", "comments", "cookie", "paywall", "other")

#: Leaks by kind, in the drill-down and in the page shown in it (the same colours in both).
_MARKS = """\
mark{border-radius:2px;outline:2px solid currentColor;color:#222}
mark.k-sponsored{background:#ffcc80;color:#d35400}mark.k-related{background:#e1bee7;color:#7b1fa2}
mark.k-navigation{background:#bbdefb;color:#1565c0}mark.k-newsletter{background:#b2ebf2;color:#00838f}
mark.k-caption{background:#f0f4c3;color:#827717}mark.k-comments{background:#d7ccc8;color:#5d4037}
mark.k-cookie{background:#cfd8dc;color:#455a64}mark.k-paywall{background:#f8bbd0;color:#ad1457}
mark.k-other{background:#e0e0e0;color:#616161}
mark.took{background:#e0f2e3;outline:none;border-bottom:2px solid #4caf50;color:#222}"""

#: The style sheet of the page shown in the drill-down's iframe: where its navigation, header, footer
#: and asides are (they are where leaks come from), and what the chosen extractor took.
PAGE_STYLE = (
    "body{font:14px/1.45 system-ui,sans-serif;color:#222;margin:.6em}"
    "nav,header,footer,aside{display:block;border:1px dashed #bbb;margin:.3em 0;padding:.2em .4em}"
    "nav::before,header::before,footer::before,aside::before{display:block;font-size:11px;color:#888}"
    'nav::before{content:"<nav>"}header::before{content:"<header>"}footer::before{content:"<footer>"}'
    'aside::before{content:"<aside>"}a{color:#0b57d0;text-decoration:underline}'
    "ul,ol{padding-left:1.4em}" + _MARKS.replace("\n", "")
)

STYLE = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1500px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ddd}
a{color:#0b57d0}.note,small{color:#555}small{font-weight:normal}
.board-wrap,.matrix-wrap{overflow-x:auto;max-width:100%;border:1px solid #eee}
table{border-collapse:collapse}
td,th{padding:.3em .5em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
thead th{background:#f6f6f6;position:sticky;top:0}
.board th small{display:block;font-size:.75em}
.board td.num{font-variant-numeric:tabular-nums;white-space:nowrap;text-align:right}
.board .sd{display:block;font-size:.78em;color:#666}.na{color:#888;cursor:help}
.board tbody th{position:sticky;left:0;background:#fff}
.cards{display:none}
.card{border:1px solid #ddd;border-radius:6px;padding:.4em .8em;margin:.6em 0}
.card h3{margin:.2em 0;font-size:1.05em}
.card dl{display:grid;grid-template-columns:1fr auto;gap:.1em 1em;margin:.3em 0}
.card dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}.card .sd{margin-left:.4em;color:#666}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,380px),1fr));gap:1em}
.plot{border:1px solid #eee;padding:.5em;margin:0;min-width:0}
.plot svg{width:100%;height:auto;display:block;font-size:11px}
.plot .axis{stroke:#999}.plot .grid{stroke:#eee}.plot .ci{stroke:#1565c0;stroke-width:2}.plot .dot{fill:#1565c0}
.plot .tick{text-anchor:middle;font-size:10px;fill:#555}.plot .name{text-anchor:end}
.legend .c,.legend mark,.legend ins,.legend del{display:inline-block;padding:0 .4em;margin-right:.2em}
.matrix{font-size:12px}.matrix thead th{vertical-align:bottom}
.matrix thead th span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.matrix tbody th{position:sticky;left:0;background:#fff;max-width:min(22em,45vw);overflow:hidden;text-overflow:ellipsis;
white-space:nowrap;font-weight:normal}
.matrix td{padding:0;text-align:center}.matrix td a{display:block;padding:.25em .5em;text-decoration:none;color:inherit}
.c.err{background:#f8d7da;color:#8a1020}.c.warn{background:#fff1c2;color:#7a4d00}.c.ok{background:#e3f4e4;color:#1e6b25}
.c.none{color:#aaa}
details.page{border:1px solid #e3e3e3;margin:.5em 0;padding:.3em .7em;border-radius:4px}
details.page>summary{cursor:pointer;overflow-wrap:anywhere}.url{overflow-wrap:anywhere}
.ex{border-top:1px dashed #ddd;margin-top:.6em;padding-top:.2em;scroll-margin-top:1em}
.ex:target,details.page:target{outline:3px solid #0b57d0;outline-offset:2px}
.ex h4{margin:.4em 0}.ex h4 .st{font-weight:normal;margin-left:.5em}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.3em 0}
.kv dt{color:#555}.kv dd{margin:0;overflow-wrap:anywhere}
.missingv{color:#888;font-style:italic}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafafa;border:1px solid #eee;padding:.6em;
max-height:32em;overflow:auto;font-size:13px}
ins{background:#e0f2e3;text-decoration:none;border-bottom:2px solid #4caf50}
del{background:#fde4e6;color:#7a1822;text-decoration:line-through}
__MARKS__
mark{color:#222}
.source{margin:.6em 0}.source label{margin-right:.5em}
.source iframe{display:block;width:100%;height:32em;border:1px solid #ccc;margin-top:.3em;background:#fff}
.gap{color:#555;background:#eef;cursor:pointer;border-radius:3px;padding:0 .3em;font-style:italic}
ul.findings{padding-left:1.2em;margin:.3em 0}.sev-error{color:#b00020}.sev-warning{color:#8a5a00}.sev-info{color:#555}
.snips li.miss{color:#b00020}
@media (max-width:760px){
 body{margin:.6em auto;padding:0 .6em}
 .board-wrap{display:none}.cards{display:block}
 .kv{grid-template-columns:1fr}.kv dd{margin-bottom:.3em}
 .source iframe{height:24em}
}
""".replace("__MARKS__", _MARKS)

SCRIPT = r"""
"use strict";
const PAGE_STYLE = __PAGE_STYLE__;
const FIELDS = {title: "title", authors: "authors", published: "published"};
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const kid of kids) if (kid !== null && kid !== undefined)
    el.append(typeof kid === "string" ? document.createTextNode(kid) : kid);
  return el;
}
function shown(value, produced) {
  if (!produced) return h("span", {class: "missingv"}, "not extracted");
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length))
    return h("span", {class: "missingv"}, "—");
  return Array.isArray(value) ? value.join("; ") : String(value);
}
function kv(pairs) {
  const dl = h("dl", {class: "kv"});
  for (const [k, v] of pairs) dl.append(h("dt", {}, k), h("dd", {}, v));
  return dl;
}
async function unpack(details) {
  const text = details.querySelector("script.data").textContent.trim();
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}
function truthBlock(truth) {
  const unknown = (v) => v === null || v === undefined;
  const known = (v) => (unknown(v) ? h("span", {class: "missingv"}, "not labelled") : shown(v, true));
  const box = h("div", {}, h("h4", {}, "truth"), kv([
    ["title", known(truth.title)], ["authors", known(truth.authors)], ["published", known(truth.published)],
  ]));
  if (truth.must_contain.length || truth.must_not_contain.length) {
    const ul = h("ul", {class: "snips"});
    for (const s of truth.must_contain) ul.append(h("li", {}, "must contain: ", h("q", {}, s)));
    for (const s of truth.must_not_contain)
      ul.append(h("li", {}, "must not contain: ", h("mark", {class: "k-" + s.kind}, s.text), " (" + s.kind + ")"));
    box.append(ul);
  }
  if (truth.tokens === null) box.append(h("p", {class: "missingv"}, "the truth labels no body"));
  else box.append(h("div", {class: "text"}, truth.tokens.join("") + (truth.truncated ? " …(cut)" : "")));
  return box;
}
function gap(words) {
  const label = "… " + words.length + " words as in the truth …";
  const span = h("span", {class: "gap", title: "show the matching text"}, label);
  span.addEventListener("click", () => span.replaceWith(words.join("")));
  return span;
}
function diffBlock(ops, tokens) {
  const box = h("div", {class: "text diff"});
  for (const op of ops) {
    if (op[0] === 2) {
      const [, text, space] = /^([\s\S]*?)(\s*)$/.exec(op[1]);
      box.append(h("ins", {}, op[2] ? h("mark", {class: "k-" + op[2], title: op[2] + " leak"}, text) : text), space);
      continue;
    }
    const words = tokens.slice(op[1], op[2]);
    if (op[0] === 1) {
      const [, text, space] = /^([\s\S]*?)(\s*)$/.exec(words.join(""));
      box.append(h("del", {}, text), space);
    }
    else if (words.length > 60)
      box.append(words.slice(0, 15).join(""), gap(words.slice(15, -15)), words.slice(-15).join(""));
    else box.append(words.join(""));
  }
  return box;
}
function resultBlock(section, r, truth) {
  const has = (f) => r.fields.includes(f);
  const head = section.querySelector("h4");
  head.append(h("span", {class: "st note"}, r.status === "ok" ? "" : "(" + r.status + ")"));
  const ul = h("ul", {class: "findings"});
  for (const [sev, check, message, suspect] of r.findings)
    ul.append(h("li", {class: "sev-" + sev}, h("code", {}, check), " " + message,
      suspect ? h("span", {class: "note"}, " (the truth is doubted: " + suspect + ")") : null));
  if (!r.findings.length) ul.append(h("li", {class: "sev-info"}, "no finding"));
  section.append(ul, kv(Object.keys(FIELDS).map((f) => [f, shown(r[f], has(f))])));
  if (!("ops" in r)) {
    section.append(h("p", {class: "missingv"}, has("body") ? "no body extracted" : "body: not extracted"));
    return;
  }
  const notes = h("ul", {class: "snips"});
  for (const s of r.missing) notes.append(h("li", {class: "miss"}, "missing snippet: ", h("q", {}, s)));
  for (const l of r.leaks) notes.append(h("li", {}, "leaked (" + l.kind + "): ",
    h("mark", {class: "k-" + l.kind}, l.text), l.located ? "" : " (found after folding; not marked below)"));
  if (r.truncated) notes.append(h("li", {class: "note"}, "the body is cut for display"));
  if (notes.childNodes.length) section.append(notes);
  const added = r.ops.map((o) => (o[0] === 2 ? o[1] : "")).join("");
  if (truth.tokens === null) section.append(h("div", {class: "text"}, added));
  else section.append(diffBlock(r.ops, truth.tokens));
}
function words(text) {
  return text.split(/\s+/).filter(Boolean);
}
function escaped(word) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// The page's markup (inert: allowed elements without attributes, see html_source.py) with what the
// extractor took marked (each sentence of a text node found in its body) and its leaks marked by kind.
// Parsed with DOMParser, which runs and fetches nothing; the result goes into <iframe sandbox srcdoc>.
function pageDoc(markup, r, tokens) {
  const doc = new DOMParser().parseFromString(markup, "text/html");
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const nodes = [], starts = [];
  let all = "";
  while (walker.nextNode()) {
    nodes.push(walker.currentNode);
    starts.push(all.length);
    all += walker.currentNode.data + "\n";
  }
  const body = " " + r.ops.flatMap((o) => words(o[0] === 0 ? tokens.slice(o[1], o[2]).join(" ")
    : o[0] === 2 ? o[1] : "")).join(" ") + " ";
  const kinds = nodes.map((n) => new Array(n.data.length).fill(""));
  nodes.forEach((n, i) => {
    const sentence = /[\s\S]*?(?:[.!?…]+["'”’)]*(?=\s|$)|$)/g;
    let m;
    while ((m = sentence.exec(n.data)) && m[0]) {  // sentences: end marks before a space
      const w = words(m[0]);
      if (w.length && body.includes(" " + w.join(" ") + " "))
        kinds[i].fill("took", m.index, m.index + m[0].length);
    }
  });
  for (const leak of r.leaks) {
    const w = words(leak.text);
    if (!w.length) continue;
    const found = new RegExp(w.map(escaped).join("\\s+"), "g");
    let m;
    while ((m = found.exec(all))) {
      const [a, b] = [m.index, m.index + m[0].length];
      nodes.forEach((n, i) => {
        const [s, e] = [starts[i], starts[i] + n.data.length];
        if (s < b && e > a) kinds[i].fill("k-" + leak.kind, Math.max(a, s) - s, Math.min(b, e) - s);
      });
    }
  }
  nodes.forEach((n, i) => {
    const k = kinds[i];
    if (!k.some(Boolean)) return;
    const parts = [];
    for (let a = 0, b = 1; a < k.length; a = b++) {
      while (b < k.length && k[b] === k[a]) b++;
      const text = n.data.slice(a, b);
      if (!k[a] || !text.trim()) parts.push(text);
      else {
        const mark = doc.createElement("mark");
        mark.className = k[a];
        if (k[a] !== "took") mark.title = k[a].slice(2) + " leak";
        mark.textContent = text;
        parts.push(mark);
      }
    }
    n.replaceWith(...parts);
  });
  return "<!doctype html><html><head><meta charset=\"utf-8\"><style>" + PAGE_STYLE + "</style></head>"
    + doc.body.outerHTML + "</html>";
}
function sourceBlock(details, data) {
  const bodies = data.results.filter((r) => "ops" in r);
  const box = details.querySelector(".source");
  if (!data.page || !bodies.length) {
    box.append(h("p", {class: "missingv"}, data.page ? "no extractor gave a body"
      : "the page: no text outside its scripts and styles, or its HTML was not recorded"));
    return;
  }
  const select = h("select", {"aria-label": "the extractor whose text is marked"});
  for (const r of bodies) select.append(h("option", {value: r.name}, r.name + (r.leaks.length ? " (leaks)" : "")));
  select.value = (bodies.find((r) => r.leaks.length) || bodies[0]).name;
  // sandbox with no token: no script, an opaque origin, no navigation, no form; and it fetches nothing.
  const frame = h("iframe", {sandbox: "", title: "the page, scripts off, text-bearing markup only",
    referrerpolicy: "no-referrer"});
  const show = () => {
    const r = bodies.find((b) => b.name === select.value);
    frame.srcdoc = pageDoc(data.page, r, data.truth.tokens || []);
    frame.dataset.extractor = r.name;
  };
  select.addEventListener("change", show);
  show();
  box.append(h("h4", {}, "the page (scripts off, text only)"),
    h("label", {}, "mark what this extractor took: ", select),
    h("span", {class: "legend"}, h("mark", {class: "took"}, "taken"), " leaks by kind as above"), frame);
}
function choose(details, name) {
  const select = details.querySelector(".source select");
  if (!select || select.value === name || ![...select.options].some((o) => o.value === name)) return;
  select.value = name;
  select.dispatchEvent(new Event("change"));
}
const drawn = new Map();
function draw(details) {
  if (!drawn.has(details)) drawn.set(details, unpack(details).then((data) => {
    details.querySelector(".truth").append(truthBlock(data.truth));
    sourceBlock(details, data);
    for (const r of data.results) {
      const section = [...details.querySelectorAll("section.ex")].find((s) => s.dataset.name === r.name);
      if (section) resultBlock(section, r, data.truth);
    }
  }));
  return drawn.get(details);
}
async function follow() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  const details = target.closest("details.page");
  if (!details) return;
  details.open = true;
  await draw(details);
  if (target.matches("section.ex")) choose(details, target.dataset.name);
  target.scrollIntoView({block: "start"});
}
document.addEventListener("toggle", (event) => {
  if (event.target.matches && event.target.matches("details.page") && event.target.open) draw(event.target);
}, true);
window.addEventListener("hashchange", follow);
follow();
""".replace("__PAGE_STYLE__", json.dumps(PAGE_STYLE))
