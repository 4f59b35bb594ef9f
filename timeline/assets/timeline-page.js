(function () {
  "use strict";
  /* The timeline page's one script (timeline/render/page.py inlines it, allowed by its hash in the page's CSP).
     It reads the page's JSON data block (never executed): the chart as plotly dicts, and `events`, one small
     record per event, which the search box, the chips, the range buttons, the chronology and the table share.
     Nothing here asks the network for anything: the only way out of the page is a source link a reader opens. */
  performance.mark("timeline-draw");  /* plotly.js is loaded: from here on the time is the chart's own */
  var el = document.getElementById("timeline-chart");
  var spec = JSON.parse(document.getElementById("timeline-data").textContent);
  var DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function safeUrl(u) {
    if (typeof u !== "string") { return null; }
    var t = u.trim();
    if (!/^(https?:\/\/|mailto:)/i.test(t) || /[\s"'<>`\\\u0000-\u001f\u007f]/.test(t)) { return null; }
    return t;
  }

  /* --- days: "2024-05-13" <-> milliseconds, any year -9999..9999 --------------------------------------------- */
  function ms(iso) {
    var m = /^(-?\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d))?/.exec(iso);
    if (!m) { return NaN; }
    var d = new Date(0);
    d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    d.setUTCHours(m[4] ? +m[4] : 0, 0, 0, 0);
    return d.getTime();
  }
  function iso(t) {
    var d = new Date(t), y = d.getUTCFullYear();
    var ys = (y < 0 ? "-" : "") + String(Math.abs(y)).padStart(4, "0");
    return ys + "-" + String(d.getUTCMonth() + 1).padStart(2, "0") + "-" + String(d.getUTCDate()).padStart(2, "0");
  }
  function yearWords(y) { return y <= 0 ? (1 - y) + " BC" : String(y); }
  function rangeWords(a, b) {  /* "13-17 May 2024", "Nov 2023 - May 2024", "1066 - 2024" */
    var x = new Date(a), z = new Date(b - 1);
    var y1 = x.getUTCFullYear(), y2 = z.getUTCFullYear(), m1 = x.getUTCMonth(), m2 = z.getUTCMonth();
    if (b - a > 3 * 365 * DAY) { return y1 === y2 ? yearWords(y1) : yearWords(y1) + " \u2013 " + yearWords(y2); }
    if (b - a > 62 * DAY) {
      return MONTHS[m1] + " " + yearWords(y1) + " \u2013 " + MONTHS[m2] + " " + yearWords(y2);
    }
    if (y1 === y2 && m1 === m2) {
      var d1 = x.getUTCDate(), d2 = z.getUTCDate();
      return (d1 === d2 ? d1 : d1 + "\u2013" + d2) + " " + MONTHS[m1] + " " + yearWords(y1);
    }
    return x.getUTCDate() + " " + MONTHS[m1] + (y1 === y2 ? "" : " " + yearWords(y1)) + " \u2013 " +
      z.getUTCDate() + " " + MONTHS[m2] + " " + yearWords(y2);
  }

  var events = spec.events || [];
  events.forEach(function (e) {
    e.lo = ms(e.from); e.hi = ms(e.to) + DAY; e.mid = (e.lo + e.hi) / 2;
    e.hay = [e.title, e.id, e.tags.join(" "), e.actors.join(" "), e.sources.join(" "),
             e.sources.map(function (s) { return (spec.sourceNames || {})[s] || ""; }).join(" "),
             e.quotes.join(" ")].join(" \u0001 ").toLowerCase();
  });

  /* --- the filter: one text box and the chips, kept in the URL's # with the zoom ------------------------------ */
  var box = document.getElementById("filter");
  var chips = Array.prototype.slice.call(document.querySelectorAll(".chips button[data-kind]"));
  var status = document.getElementById("filter-status");
  var viewNote = document.getElementById("view-note");
  var pool = events;  /* the events known at the "as known on" stop shown (all of them: now) */
  var matched = events;  /* the events of the pool the filter keeps */
  var range = null;  /* [from ms, to ms] of the chart's x axis, as the reader left it */
  /* the figure the filter narrows: the page's own, or the one of an "as known on" stop (asof_control.py) */
  var fig = {data: spec.data, layout: spec.layout, owners: spec.owners, tickOwners: spec.tickOwners,
             rows: spec.rows, rowPx: spec.rowPx, narrowOf: spec.narrowOf};
  var stopChrono = {};  /* the chronology's entries that read otherwise at the stop shown */
  var plug = null;  /* the "as known on" control, when the page has one: its part of the address and its stops */

  function chosen() {
    var out = {tag: [], actor: [], source: []};
    chips.forEach(function (c) { if (c.getAttribute("aria-pressed") === "true") { out[c.dataset.kind].push(c.dataset.value); } });
    return out;
  }
  function matches(e, words, picked) {
    for (var i = 0; i < words.length; i++) { if (e.hay.indexOf(words[i]) < 0) { return false; } }
    var lists = {tag: e.tags, actor: e.actors, source: e.sources};
    for (var k in picked) {
      for (var j = 0; j < picked[k].length; j++) { if (lists[k].indexOf(picked[k][j]) < 0) { return false; } }
    }
    return true;
  }

  function readHash() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) { return null; }  /* "#events" and other anchors are the reader's, not a view */
    var p = new URLSearchParams(h);
    return {q: p.get("q") || "", tag: p.getAll("tag"), actor: p.getAll("actor"), source: p.getAll("source"),
            from: p.get("from"), to: p.get("to"), params: p};
  }
  var OURS = ["q", "tag", "actor", "source", "from", "to", "asof"];
  var restoring = false;  /* the view is being set from the address: nothing to write back */
  var typedAt = 0;
  /* the view into the address after #: a new history entry for each step the reader takes (a chip, a zoom, a
     stop of the "as known on" control, a search typed after a pause), so the back button steps back through them;
     keys the page does not know are kept */
  function writeHash(push) {
    if (restoring) { return; }
    var h = location.hash.slice(1), p = new URLSearchParams(h.indexOf("=") < 0 ? "" : h);
    /* asof= is the "as known on" control's: kept as it is until the control has plugged in */
    OURS.forEach(function (k) { if (k !== "asof" || plug) { p.delete(k); } });
    if (box && box.value.trim()) { p.set("q", box.value.trim()); }
    var picked = chosen();
    ["tag", "actor", "source"].forEach(function (k) { picked[k].forEach(function (v) { p.append(k, v); }); });
    /* the zoom only when the reader moved it: the opening view needs no words in the address */
    if (range && !(opening0 && iso(range[0]) === iso(opening0[0]) && iso(range[1]) === iso(opening0[1]))) {
      p.set("from", iso(range[0])); p.set("to", iso(range[1]));
    }
    var stop = plug ? plug.key() : null;
    if (stop) { p.set("asof", stop); }
    var text = p.toString();
    if (text === (h.indexOf("=") < 0 ? "" : new URLSearchParams(h).toString())) { return; }
    if (!text && !readHash()) { return; }  /* "#events": the reader's anchor stays */
    var url = location.pathname + location.search + (text ? "#" + text : "");
    if (push) { history.pushState(null, "", url); } else { history.replaceState(null, "", url); }
  }

  function applyFilter(push) {
    var words = box ? box.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var picked = chosen();
    var asked = words.length || picked.tag.length || picked.actor.length || picked.source.length;
    matched = asked ? pool.filter(function (e) { return matches(e, words, picked); }) : pool;
    var any = asked || pool !== events;
    var keep = keepOf(matched);
    filterLists(any, keep, asked);
    drawChart(any ? keep : null);
    renderChrono();
    if (pickedId && pickedEl && !pickedEl.hidden) {  /* the details follow the view: gone with their event */
      if (keep[pickedId]) { showPicked(pickedId, true); } else { pickedEl.hidden = true; }
    }
    say();
    writeHash(push);
  }
  function keepOf(list) { var k = {}; list.forEach(function (e) { k[e.id] = true; }); return k; }

  function filterLists(any, keep, asked) {  /* the table's rows (the chronology is laid out from `matched`) */
    Array.prototype.forEach.call(document.querySelectorAll("#events tbody th[id^='ev-']"), function (th) {
      th.parentNode.hidden = any ? !keep[th.id.slice(3)] : false;
    });
    if (status) {
      status.textContent = asked ? matched.length.toLocaleString("en") + " of " + pool.length.toLocaleString("en") +
        " events match" : "";
    }
  }

  /* --- the phone's chronology: laid out from the data block, a hundred entries at a time as the reader scrolls
     near the end (a page of 10,000 events paints as fast as one of ten); textContent only, never HTML ---------- */
  var chronoEl = document.querySelector("ol.chrono");
  var phone = window.matchMedia("(max-width: 599.98px)");
  var CHUNK = 100;
  var chronoData = null, chronoById = null;
  function chronoEntries() {
    if (!chronoData) {
      var block = document.getElementById("timeline-chrono");
      var got = block ? JSON.parse(block.textContent) : {sources: [], entries: []};
      chronoData = got.entries;
      chronoById = {};
      chronoData.forEach(function (c, i) {  /* the entry's title, and its source: its line, link and name */
        c.t = events[i].title || c.id;
        var src = got.sources[c.s] || ["", null, "link"];
        c.s = src[0]; c.u = src[1]; c.n = src[2];
        chronoById[c.id] = c;
      });
    }
    return chronoData;
  }
  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined) { n.textContent = text; }
    return n;
  }
  function sourceLink(c) {  /* the one way out of the page: an <a> the reader taps, opening a new tab */
    var url = safeUrl(c.u);
    if (!url) { return null; }
    var a = node("a", "open-source", "Open the source");
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
    a.appendChild(node("span", "visually-hidden", " (" + c.n + ", in a new tab)"));
    a.appendChild(document.createTextNode(" \u2197"));
    return a;
  }
  function details(c) {  /* the quote, the source, how the date was read, and the source's link */
    var out = [];
    if (c.c) { out.push(node("p", "", c.c)); }  /* where it lies from the event it counts from */
    if (c.q) { out.push(node("p", "quote", "\u201c" + c.q + "\u201d")); }
    if (c.s) { out.push(node("p", "", "Source: " + c.s)); }
    out.push(node("p", "", c.r));
    var a = sourceLink(c);
    if (a) { var p = node("p"); p.appendChild(a); out.push(p); }
    return out;
  }
  function asShown(c) {  /* an entry as it reads at the stop shown (its title is the same at every stop) */
    var then = stopChrono[c.id];
    return then ? Object.assign({}, then, {t: c.t}) : c;
  }
  function entry(c) {
    var li = node("li", "k-" + c.k);
    li.dataset.id = c.id;
    var d = node("details"), sm = node("summary"), more = node("div", "more");
    var mark = node("span", "mark", c.m);
    mark.setAttribute("aria-hidden", "true");
    sm.appendChild(mark);
    sm.appendChild(document.createTextNode(" "));
    sm.appendChild(node("span", "when", c.d));
    sm.appendChild(document.createTextNode(" "));
    sm.appendChild(node("span", "how", "(" + c.h + ")"));
    if (c.p) { sm.appendChild(document.createTextNode(" ")); sm.appendChild(node("span", "planned", "planned")); }
    sm.appendChild(node("br"));
    sm.appendChild(node("span", "what", c.t));
    details(c).forEach(function (p) { more.appendChild(p); });
    d.appendChild(sm); d.appendChild(more); li.appendChild(d);
    return li;
  }
  var chronoList = [], chronoShown = 0, chronoGroup = null, chronoOl = null, chronoMore = null, chronoStale = true;
  var seen = window.IntersectionObserver ? new IntersectionObserver(function (seenNow) {
    if (seenNow.some(function (s) { return s.isIntersecting; })) { moreChrono(); }
  }, {rootMargin: "1200px 0px"}) : null;
  function renderChrono() {  /* lay the chronology out afresh for what the filter keeps (on a phone only) */
    if (!chronoEl) { return; }
    if (!phone.matches) { chronoStale = true; return; }
    chronoStale = false;
    var keep = matched === events ? null : keepOf(matched);
    chronoList = chronoEntries().filter(function (c) { return !keep || keep[c.id]; }).map(asShown);
    chronoEl.textContent = "";
    chronoShown = 0; chronoGroup = null; chronoOl = null;
    chronoMore = node("li", "chrono-more");
    var button = node("button", "", "Show more");
    button.type = "button";
    button.addEventListener("click", moreChrono);
    chronoMore.appendChild(node("span", "count"));
    chronoMore.appendChild(button);
    moreChrono();
    if (seen) { seen.disconnect(); seen.observe(chronoMore); }
  }
  function moreChrono() {
    var end = Math.min(chronoList.length, chronoShown + CHUNK);
    for (var i = chronoShown; i < end; i++) {
      var c = chronoList[i];
      if (c.g !== chronoGroup) {
        var g = node("li", "group");
        g.appendChild(node("h3", "", c.g));
        chronoOl = node("ol");
        g.appendChild(chronoOl);
        chronoEl.appendChild(g);
        chronoGroup = c.g;
      }
      chronoOl.appendChild(entry(c));
    }
    chronoShown = end;
    if (chronoShown < chronoList.length) {
      chronoMore.firstChild.textContent = chronoShown.toLocaleString("en") + " of " +
        chronoList.length.toLocaleString("en") + " events shown; more follow as you scroll.";
      chronoEl.appendChild(chronoMore);
    } else if (chronoMore.parentNode) {
      chronoMore.parentNode.removeChild(chronoMore);
    }
  }
  if (phone.addEventListener) { phone.addEventListener("change", function () { if (chronoStale) { renderChrono(); } }); }

  /* --- a tap on a chart's mark: its details under the chart, with a labelled link to the source (the tap itself
     opens nothing) ------------------------------------------------------------------------------------------------ */
  var pickedEl = document.getElementById("picked"), pickedId = null;
  function showPicked(id, again) {  /* `again`: the same event as the view changed (as known on another day) */
    if (!pickedEl) { return; }
    pickedId = id;
    chronoEntries();
    if (!chronoById[id]) { return; }
    var c = asShown(chronoById[id]);
    pickedEl.textContent = "";
    var close = node("button", "", "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close the details");
    close.addEventListener("click", function () { pickedEl.hidden = true; });
    pickedEl.appendChild(close);
    pickedEl.appendChild(node("h3", "", c.t));
    var when = node("p");
    when.appendChild(node("strong", "", c.d));
    when.appendChild(document.createTextNode(" (" + c.h + (c.p ? ", planned" : "") + ")"));
    pickedEl.appendChild(when);
    details(c).forEach(function (p) { pickedEl.appendChild(p); });
    pickedEl.hidden = false;
    /* under a tall chart the details may be below the screen: bring them up, as little as needed */
    var box = pickedEl.getBoundingClientRect();
    if (!again && box.bottom > window.innerHeight || box.top < 0) { pickedEl.scrollIntoView({block: "nearest"}); }
  }

  /* --- the chart ---------------------------------------------------------------------------------------------- */
  var plotted = false;
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var narrow = window.matchMedia("(max-width: 640px)");

  var prefixes = Object.keys(spec.dark || {}).filter(function (k) { return k.slice(-1) === ","; });
  function swap(v) {  /* a colour of the light theme -> the dark one; any other text stays as it is */
    if (spec.dark[v] !== undefined) { return spec.dark[v]; }
    for (var i = 0; i < prefixes.length; i++) {
      if (v.indexOf(prefixes[i]) === 0) { return spec.dark[prefixes[i]] + v.slice(prefixes[i].length); }
    }
    return v;
  }
  function isColour(key) { return /colou?r$/i.test(key); }
  function walk(v, key) {  /* a copy of part of the figure with its colours swapped, its texts untouched */
    if (typeof v === "string") { return isColour(key) ? swap(v) : v; }
    if (Array.isArray(v)) {
      if (key === "colorscale") { return v.map(function (p) { return [p[0], swap(p[1])]; }); }
      if (isColour(key)) { return v.map(function (x) { return typeof x === "string" ? swap(x) : x; }); }
      if (v.length && typeof v[0] !== "object") { return v; }  /* x, y, text, ids: nothing to swap */
      return v.map(function (x) { return walk(x, key); });
    }
    if (v && typeof v === "object") {
      var out = {};
      Object.keys(v).forEach(function (k) { out[k] = walk(v[k], k); });
      return out;
    }
    return v;
  }
  var printing = window.matchMedia("print"), paper = false;
  function themed(value) {  /* the figure with the dark theme's colours, when the reader's system is dark (paper
                               is always light) */
    if (!dark.matches || printing.matches || paper || !spec.dark) { return value; }
    return walk(value, "");
  }

  function filtered(keep) {  /* the traces and y axis with only the kept events, rows closed up */
    var data = fig.data, layout = fig.layout, owners = fig.owners || [];
    if (!keep) {
      return {data: data, tickvals: layout.yaxis.tickvals, ticktext: layout.yaxis.ticktext, rows: fig.rows,
              owners: owners};
    }
    var kept = [];
    var used = {};
    data.forEach(function (t, i) {
      var o = owners[i];
      if (!o) { return; }
      if (t.type === "heatmap") { return; }
      o.forEach(function (id, k) { if (keep[id]) { used[t.y[k]] = true; } });
    });
    var tickOwners = fig.tickOwners || [];
    layout.yaxis.tickvals.forEach(function (v, j) {
      var ids = tickOwners[j] || [];
      for (var k = 0; k < ids.length; k++) { if (keep[ids[k]]) { used[v] = true; return; } }
    });
    var rows = Object.keys(used).map(Number).sort(function (a, b) { return a - b; });
    var at = {};
    rows.forEach(function (r, i) { at[r] = i; });
    var out = data.map(function (t, i) {
      var o = owners[i], c = Object.assign({}, t);
      if (t.meta === "overview") { c.z = [overviewCounts(t, keep)]; return c; }
      if (t.type === "heatmap") {
        var z = t.z.map(function (row) { return row.map(function () { return null; }); });
        pool.forEach(function (e) {
          if (e.c && keep[e.id]) { z[e.c[0]][e.c[1]] = (z[e.c[0]][e.c[1]] || 0) + 1; }
        });
        c.z = z;
        return c;
      }
      kept[i] = null;
      if (!o) {  /* the sources' publication lines: full height of the rows left */
        c.y = t.y.map(function (y) { return y === null ? null : (y < 0 ? -0.5 : rows.length - 0.5); });
        return c;
      }
      var idx = [];
      o.forEach(function (id, k) { if (keep[id]) { idx.push(k); } });
      kept[i] = idx.map(function (k) { return o[k]; });
      ["x", "base", "text", "customdata", "ids"].forEach(function (key) {
        if (Array.isArray(t[key])) { c[key] = idx.map(function (k) { return t[key][k]; }); }
      });
      c.y = idx.map(function (k) { return t.y[k] === null ? null : at[t.y[k]]; });  /* null: a band's gap */
      if (t.marker && Array.isArray(t.marker.symbol)) {
        c.marker = Object.assign({}, t.marker, {symbol: idx.map(function (k) { return t.marker.symbol[k]; })});
      }
      return c;
    });
    var tv = [], tt = [];
    layout.yaxis.tickvals.forEach(function (v, j) {
      if (v in at) { tv.push(at[v]); tt.push(layout.yaxis.ticktext[j]); }
    });
    if (data.length && data[0].type === "heatmap") { return {data: out, tickvals: tv.length ? layout.yaxis.tickvals : tv, ticktext: layout.yaxis.ticktext, rows: fig.rows, owners: kept}; }
    return {data: out, tickvals: tv, ticktext: tt, rows: Math.max(rows.length, 1), owners: kept};
  }

  function overviewCounts(t, keep) {  /* the overview's cells for the kept events (chart.py's _add_overview) */
    var edges = t.x.map(ms), n = edges.length - 1, counts = [];
    for (var i = 0; i < n; i++) { counts.push(0); }
    events.forEach(function (e) {
      if (!keep[e.id] || !isFinite(e.mid)) { return; }
      var mid = (e.lo + e.hi - DAY) / 2, k = 0;  /* the middle day, as chart.py counts it */
      while (k < n - 1 && edges[k + 1] <= mid) { k++; }
      counts[k]++;
    });
    return counts.map(function (c) { return c ? Math.round(Math.sqrt(c) * 1000) / 1000 : null; });
  }
  function fitOverview(layout) {  /* chart.py's fit_overview: the strip at the bottom, the chart above it */
    if (!layout.yaxis2 || !spec.overview) { return layout; }
    var plot = Math.max(1, layout.height - layout.margin.t - layout.margin.b);
    layout.yaxis2 = Object.assign({}, layout.yaxis2, {domain: [0, spec.overview[0] / plot]});
    layout.yaxis = Object.assign({}, layout.yaxis,
                                 {domain: [Math.min(0.5, (spec.overview[0] + spec.overview[1]) / plot), 1]});
    return layout;
  }

  function layoutFor(f) {
    var layout = Object.assign({}, fig.layout);
    layout.yaxis = Object.assign({}, layout.yaxis, {tickvals: f.tickvals, ticktext: f.ticktext,
                                                   range: [f.rows - 0.5, -0.5]});
    if (fig.rowPx) {
      layout.height = Math.max(320, Math.min(4200, f.rows * fig.rowPx + 150)) +
        (spec.overview ? spec.overview[0] + spec.overview[1] : 0);
    }
    layout.xaxis = Object.assign({}, layout.xaxis);
    if (range) { layout.xaxis.range = [iso(range[0]), iso(range[1])]; layout.xaxis.autorange = false; }
    if (narrow.matches) {
      if (fig.narrowOf) { layout.yaxis.ticktext = f.ticktext.map(function (t) { return fig.narrowOf[t] || t; }); }
      layout.yaxis.tickfont = {size: 10};
      layout.showlegend = false;
      layout.font = Object.assign({}, layout.font, {size: 11});
      layout.margin = {l: 4, r: 8, t: 20, b: 30};
    }
    return fitOverview(layout);
  }

  var drawnOwners = [];  /* for each drawn trace, the event of each of its marks (a tap on one shows it) */
  var stale = false;  /* the filter or the stop changed before plotly had drawn the first chart */
  function drawChart(keep) {
    if (!plotted) { stale = true; return null; }
    var f = filtered(keep);
    drawnOwners = f.owners;
    return Plotly.react(el, themed(fitted(f.data)), themed(layoutFor(f)), spec.config).then(freezeMargins);
  }
  /* on a narrow screen a counted chart's colour scale goes under it, not beside it (the overview strip is a
     heatmap without one, and stays as it is) */
  function fitted(data) {
    if (!narrow.matches) { return data; }
    return data.map(function (t) {
      if (t.type !== "heatmap" || !t.colorbar) { return t; }
      return Object.assign({}, t, {colorbar: {orientation: "h", thickness: 10, len: 0.9, x: 0.5, y: -0.08,
        yanchor: "top", title: {text: t.colorbar.title.text.replace("<br>", " "), side: "top"}}});
    });
  }

  /* Once drawn, the labels' margin is kept: plotly.js would measure every label again on each zoom (automargin),
     which took longer than drawing the marks. A new filter or width draws with automargin again, then keeps; the
     redraw that keeps it changes nothing on screen. */
  function freezeMargins() {
    var fl = el._fullLayout;
    if (!fl || !fl.yaxis || !fl.yaxis.automargin) { return null; }
    return Plotly.relayout(el, {"yaxis.automargin": false, "margin.l": fl._size.l,
                                "yaxis2.automargin": false});
  }

  /* the picture download: the chart with the log's title drawn in, named after the log */
  spec.config.modeBarButtonsToAdd = [{
    name: "downloadTitled", title: "Download the chart as a PNG picture, with its title",
    icon: Plotly.Icons.camera,
    click: function (gd) {
      var layout = Object.assign({}, gd.layout, {title: {text: spec.title, x: 0.01, xanchor: "left",
                                                         font: {size: 18}}});
      layout.margin = Object.assign({}, gd.layout.margin, {t: 70});
      Plotly.downloadImage({data: gd.data, layout: layout, config: {staticPlot: true}},
                           {format: "png", filename: spec.filename, scale: 2,
                            width: gd._fullLayout.width, height: gd._fullLayout.height + 30});
    }
  }];

  /* --- the range: the opening view, buttons that centre on the events, the note that says what is shown ------- */
  function extent(list) {
    var lo = Infinity, hi = -Infinity;
    list.forEach(function (e) { if (e.lo < lo) { lo = e.lo; } if (e.hi > hi) { hi = e.hi; } });
    return isFinite(lo) ? [lo, hi] : extent(events.length && list !== events ? events : [{lo: 0, hi: DAY}]);
  }
  function densest(list, width) {  /* the window of `width` ms that holds the most events' middles */
    var mids = list.map(function (e) { return e.mid; }).filter(isFinite).sort(function (a, b) { return a - b; });
    var best = 0, at = 0;
    for (var i = 0, j = 0; i < mids.length; i++) {
      while (mids[i] - mids[j] > width) { j++; }
      if (i - j + 1 > best || (i - j + 1 === best)) { best = i - j + 1; at = j; }
    }
    var centre = mids.length ? (mids[at] + mids[at + best - 1]) / 2 : Date.now();
    return [centre - width / 2, centre + width / 2];
  }
  function padded(r) {
    var pad = Math.max(DAY, (r[1] - r[0]) / 25);
    return [r[0] - pad, r[1] + pad];
  }
  function setRange(r) {
    range = r;
    if (plotted) { Plotly.relayout(el, {"xaxis.range": [iso(r[0]), iso(r[1])]}); } else { say(); }
  }
  function say() {  /* "showing 13-17 May 2024; 3 earlier events" */
    if (!viewNote) { return; }
    var r = range || extent(matched);
    var before = 0, after = 0;
    matched.forEach(function (e) { if (e.hi <= r[0]) { before++; } else if (e.lo >= r[1]) { after++; } });
    var out = [];
    if (before) { out.push(before.toLocaleString("en") + " earlier event" + (before === 1 ? "" : "s")); }
    if (after) { out.push(after.toLocaleString("en") + " later event" + (after === 1 ? "" : "s")); }
    viewNote.querySelector(".showing").textContent = "Showing " + rangeWords(r[0], r[1]) +
      (out.length ? "; " + out.join(", ") + " outside: " : "");
    viewNote.querySelector("button").hidden = !out.length;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".ranges button[data-days]"), function (b) {
    b.addEventListener("click", function () {
      var list = matched.length ? matched : events;
      var days = +b.dataset.days;
      setRange(days ? densest(list, days * DAY) : padded(extent(list)));
    });
  });
  var opening = document.querySelector(".ranges button[data-opening]");
  if (opening) { opening.addEventListener("click", function () { setRange([ms(spec.opening[0]), ms(spec.opening[1])]); }); }
  if (viewNote) {
    viewNote.querySelector("button").addEventListener("click", function () { setRange(padded(extent(matched))); });
  }

  /* --- the view from the address: at the start, and when the reader steps back or forward --------------------- */
  var opening0 = spec.opening ? [ms(spec.opening[0]), ms(spec.opening[1])] : null;
  var fig0 = fig;
  function setStop(stop) {  /* the "as known on" control's stop: its chart, and the events as known then */
    stopChrono = stop && stop.chrono || {};
    if (!stop) { fig = fig0; pool = events; return; }
    var ticks = stop.layout.yaxis.ticktext || [], narrowOf = {};
    ticks.forEach(function (t, i) { narrowOf[t] = (stop.narrow || [])[i] || t; });
    fig = {data: stop.data, layout: stop.layout, owners: stop.owners, tickOwners: stop.tickOwners, rows: stop.nRows,
           rowPx: fig0.rowPx, narrowOf: narrowOf};
    pool = [];
    events.forEach(function (e) {
      var d = stop.days[e.id];
      if (!d) { return; }
      var x = Object.assign({}, e);
      x.lo = ms(d[0]); x.hi = ms(d[1]) + DAY; x.mid = (x.lo + x.hi) / 2;
      if (d[2]) { x.c = d[2]; } else { delete x.c; }
      pool.push(x);
    });
  }
  function fromHash() {  /* the search, the chips, the zoom and the stop the address asks for */
    var asked = readHash();
    if (box) { box.value = asked ? asked.q : ""; }
    chips.forEach(function (c) {
      var on = asked && (asked[c.dataset.kind] || []).indexOf(c.dataset.value) >= 0;
      c.setAttribute("aria-pressed", on ? "true" : "false");
    });
    range = null;
    if (asked && asked.from && asked.to && !isNaN(ms(asked.from)) && !isNaN(ms(asked.to))) {
      range = [ms(asked.from), ms(asked.to)];
    }
    if (!range && opening0) { range = opening0.slice(); }
    if (plug) { setStop(plug.read(asked ? asked.params : new URLSearchParams(""))); }
    return asked;
  }
  function restore() {
    restoring = true;
    try { fromHash(); applyFilter(false); } finally { restoring = false; }
  }
  var shownHash = null;
  function stepped() {  /* back, forward, or an address edited by hand */
    if (location.hash === shownHash) { return; }
    shownHash = location.hash;
    restore();
  }
  window.addEventListener("popstate", stepped);
  window.addEventListener("hashchange", stepped);
  /* the "as known on" control (asof_control.py) plugs in here: it says its part of the address (`key`), and
     gives the stop an address asks for (`read`); its slider hands the page a stop with `setStop` */
  window.timelinePage = {
    plug: function (p) {
      plug = p;
      restoring = true;
      try { setStop(plug.read(readHash() ? readHash().params : new URLSearchParams(""))); applyFilter(false); }
      finally { restoring = false; }
    },
    setStop: function (stop) { setStop(stop); applyFilter(true); shownHash = location.hash; }
  };

  fromHash();
  if (box) {
    box.addEventListener("input", function () {
      var now = Date.now();
      applyFilter(now - typedAt > 1500);  /* a new entry in the history for a search typed after a pause */
      typedAt = now;
      shownHash = location.hash;
    });
  }
  chips.forEach(function (c) {
    c.addEventListener("click", function () {
      c.setAttribute("aria-pressed", c.getAttribute("aria-pressed") === "true" ? "false" : "true");
      applyFilter(true);
      shownHash = location.hash;
    });
  });
  var clear = document.getElementById("filter-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      if (box) { box.value = ""; }
      chips.forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
      applyFilter(true);
      shownHash = location.hash;
    });
  }
  var folded = document.querySelector("details.filters");
  /* folded on a phone, unless the address presses a chip (a search alone needs the box, not the chips) */
  var pressed = chips.some(function (c) { return c.getAttribute("aria-pressed") === "true"; });
  if (folded && phone.matches && !pressed) { folded.removeAttribute("open"); }
  applyFilter(false);
  shownHash = location.hash;
  /* the table comes after this script (the chart paints first): filter its rows once it is read */
  if (document.readyState === "loading" && matched !== events) {
    document.addEventListener("DOMContentLoaded", function () { filterLists(true, keepOf(matched), true); });
  }

  if (!spec.data.length) { return; }
  /* the chart of the view asked for (the "as known on" control may have plugged in meanwhile) */
  function first() {
    var f0 = filtered(matched === events ? null : keepOf(matched));
    drawnOwners = f0.owners;
    stale = false;  /* this first chart is of the view asked for */
    Plotly.newPlot(el, themed(fitted(f0.data)), themed(layoutFor(f0)), spec.config).then(function () {
      plotted = true;
      if (stale) { redraw(); }
      performance.mark("timeline-ready");
      el.setAttribute("data-ready", "1");
      setTimeout(freezeMargins, 0);  /* after the first paint: the reader sees the chart without waiting for it */
    });
    decorate();
    el.on("plotly_relayout", function (ev) {
      var a = ev["xaxis.range[0]"], b = ev["xaxis.range[1]"];
      if (ev["xaxis.range"]) { a = ev["xaxis.range"][0]; b = ev["xaxis.range"][1]; }
      if (a !== undefined && b !== undefined) { range = [ms(String(a)), ms(String(b))]; }
      else if (ev["xaxis.autorange"]) { range = padded(extent(matched)); }
      else { return; }
      say();
      writeHash(true);  /* each zoom a step the back button undoes */
      shownHash = location.hash;
    });
    /* a tap on a mark shows its event's details and the labelled link to its source; it opens nothing itself */
    el.on("plotly_click", function (ev) {
      var point = ev && ev.points && ev.points[0];
      var owners = point ? drawnOwners[point.curveNumber] : null;
      var id = owners ? owners[point.pointNumber] : null;
      if (id) { showPicked(id); }
    });
  }
  /* on a phone the chart is hidden behind the chronology: the chronology paints first, the chart after */
  if (phone.matches) { requestAnimationFrame(function () { setTimeout(first, 0); }); } else { first(); }
  function redraw() { stale = false; drawChart(matched === events ? null : keepOf(matched)); }
  if (dark.addEventListener) { dark.addEventListener("change", redraw); narrow.addEventListener("change", redraw); }
  /* on paper the chart is drawn in the light theme, whatever the screen's (and redrawn for the screen after) */
  window.addEventListener("beforeprint", function () { paper = true; if (dark.matches) { redraw(); } Plotly.Plots.resize(el); });
  window.addEventListener("afterprint", function () { paper = false; if (dark.matches) { redraw(); } Plotly.Plots.resize(el); });
  if (printing.addEventListener) { printing.addEventListener("change", function () { if (dark.matches) { redraw(); } }); }
  /* what is drawn over and beside plotly's picture: registered once plotly has the element */
  function decorate() {
    /* --- the overview strip under the chart: the stretch shown is marked on it; a click centres the chart there,
       a drag across it shows the stretch dragged over ---------------------------------------------------------- */
    var hit = document.createElement("div"), win = document.createElement("div");
    hit.className = "overview-hit"; win.className = "overview-window";
    hit.title = "The whole story to scale: click to move the chart here, drag to choose a stretch";
    hit.setAttribute("aria-hidden", "true"); win.setAttribute("aria-hidden", "true");
    hit.hidden = win.hidden = true;
    el.appendChild(hit); el.appendChild(win);
    function markWindow() {
      var fl = el._fullLayout, xa = fl && fl.xaxis2, ya = fl && fl.yaxis2;
      hit.hidden = win.hidden = !(xa && ya && xa._length);
      if (hit.hidden) { return; }
      var left = xa._offset, top = ya._offset;
      hit.style.left = left + "px"; hit.style.top = top + "px";
      hit.style.width = xa._length + "px"; hit.style.height = ya._length + "px";
      var a = xa.r2p(fl.xaxis.range[0]), b = xa.r2p(fl.xaxis.range[1]);
      a = Math.max(0, Math.min(xa._length, a)); b = Math.max(0, Math.min(xa._length, b));
      var w = Math.max(4, b - a);
      win.style.left = (left + Math.min(a, xa._length - w)) + "px"; win.style.width = w + "px";
      win.style.top = (top - 2) + "px"; win.style.height = (ya._length + 4) + "px";
    }
    /* a label cut short (with its visible ellipsis) gives its whole text when the pointer rests on it */
    function titleTicks() {
      var titles = spec.tickTitles || {};
      Array.prototype.forEach.call(el.querySelectorAll(".ytick text"), function (t) {
        var whole = t.__data__ && titles[t.__data__.text], had = t.querySelector("title");
        if (had && had.textContent === whole) { return; }
        if (had) { t.removeChild(had); }
        if (!whole) { return; }
        var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = whole;
        t.appendChild(title);
        t.style.pointerEvents = "all";
      });
    }
    /* --- an event counted from another (relative_to): a thin link to that event while the pointer rests on either */
    var SVG = "http://www.w3.org/2000/svg";
    var linkLayer = document.createElementNS(SVG, "svg");
    linkLayer.setAttribute("class", "relation-links");
    linkLayer.setAttribute("aria-hidden", "true");
    el.appendChild(linkLayer);
    var linked = {};  /* event id -> the ids it is linked with, both ways */
    Object.keys(spec.links || {}).forEach(function (id) {
      spec.links[id].forEach(function (other) {
        (linked[id] = linked[id] || []).push(other);
        (linked[other] = linked[other] || []).push(id);
      });
    });
    function markAt(id) {  /* the pixel position of an event's own mark (not a span's end, a ring or a claim) */
      var fl = el._fullLayout, xa = fl.xaxis, ya = fl.yaxis;
      for (var i = 0; i < el.data.length; i++) {
        var t = el.data[i], k = t.ids && t.mode === "markers" && t.hoverinfo !== "skip" ? t.ids.indexOf(id) : -1;
        if (k >= 0) { return [xa._offset + xa.c2p(xa.d2c(t.x[k])), ya._offset + ya.c2p(t.y[k])]; }
      }
      return null;
    }
    function showLinks(id) {
      while (linkLayer.firstChild) { linkLayer.removeChild(linkLayer.firstChild); }
      (linked[id] || []).forEach(function (other) {
        var a = markAt(id), b = markAt(other);
        if (!a || !b) { return; }  /* filtered out */
        var bend = Math.min(40, Math.abs(b[0] - a[0]) / 4 + 8);
        var path = document.createElementNS(SVG, "path");
        path.setAttribute("d", "M" + a[0] + "," + a[1] + " C" + a[0] + "," + (a[1] - bend) + " " + b[0] + "," +
                          (b[1] - bend) + " " + b[0] + "," + b[1]);
        path.setAttribute("data-from", id); path.setAttribute("data-to", other);
        linkLayer.appendChild(path);
      });
    }
    el.on("plotly_hover", function (ev) {
      var pt = ev && ev.points && ev.points[0];
      var id = pt && typeof pt.id === "string" ? pt.id.split(" (claim ")[0].replace(/ \(end\)$/, "") : null;
      showLinks(id);
    });
    el.on("plotly_unhover", function () { showLinks(null); });

    el.on("plotly_afterplot", function () { markWindow(); titleTicks(); showLinks(null); });
    markWindow();
    titleTicks();
    var pressed = null;
    hit.addEventListener("pointerdown", function (ev) { pressed = ev.clientX; hit.setPointerCapture(ev.pointerId); });
    hit.addEventListener("pointerup", function (ev) {
      var fl = el._fullLayout, xa = fl.xaxis2, main = fl.xaxis;
      if (pressed === null || !xa) { return; }
      var box = hit.getBoundingClientRect(), x0 = pressed - box.left, x1 = ev.clientX - box.left;
      pressed = null;
      var all = [xa.r2c(xa.range[0]), xa.r2c(xa.range[1])], next;
      if (Math.abs(x1 - x0) > 5) {
        next = [xa.p2c(Math.max(0, Math.min(x0, x1))), xa.p2c(Math.min(xa._length, Math.max(x0, x1)))];
      } else {
        var width = main.r2c(main.range[1]) - main.r2c(main.range[0]);
        if (width > (all[1] - all[0]) / 2) { width = (all[1] - all[0]) / 12; }  /* from the whole: a twelfth */
        var at = Math.max(all[0] + width / 2, Math.min(all[1] - width / 2, xa.p2c(x1)));
        next = [at - width / 2, at + width / 2];
      }
      Plotly.relayout(el, {"xaxis.range": [iso(next[0]), iso(next[1])]});
    });
  }
}());
