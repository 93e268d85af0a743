/* policy-extract review site: the document list, the figure table and the document page.
 *
 * No framework and no network: the tables come from data/*.js (loaded by <script>, so the site also
 * works from file://). Data from documents is only ever put into the page with textContent or as
 * attribute values, never as HTML. Offsets in the data are Python str indices (code points); where
 * this code cuts text it counts code points (Array.from), not UTF-16 units.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 100;
  var SENTENCE_CONTEXT = 300;   // code points of the sentence shown on either side of a figure
  var KIND_ORDER = ["money", "percent", "ppt", "count", "quantity"];

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] !== null && attrs[k] !== undefined) {
          e.setAttribute(k, attrs[k]);
        }
      }
    }
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fmtNum(v) {
    if (v === null || v === undefined) return "";
    var s = String(v);
    if (/e/i.test(s)) return s;
    var parts = s.split(".");
    var neg = parts[0].charAt(0) === "-";
    var int = neg ? parts[0].slice(1) : parts[0];
    int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "-" : "") + int + (parts.length > 1 ? "." + parts[1] : "");
  }

  function readHash() {
    var out = {};
    var h = location.hash.replace(/^#/, "");
    if (!h) return out;
    new URLSearchParams(h).forEach(function (v, k) { out[k] = v; });
    return out;
  }

  function writeHash(state) {
    var p = new URLSearchParams();
    Object.keys(state).forEach(function (k) {
      if (state[k] !== "" && state[k] !== null && state[k] !== undefined) p.set(k, state[k]);
    });
    var h = p.toString();
    history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
  }

  function markReady() {
    var b = document.body;
    b.dataset.renders = String((parseInt(b.dataset.renders || "0", 10) || 0) + 1);
    if (!b.dataset.ready) {
      window.PE_READY_MS = performance.now();
      b.dataset.ready = "1";
    }
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      if (t) clearTimeout(t);
      t = setTimeout(fn, ms);
    };
  }

  /* ------------------------------------------------------------------------------------ */
  /* a paged, sortable, filterable table over columnar data                                */
  /* ------------------------------------------------------------------------------------ */

  function Table(opts) {
    this.o = opts;                 // {n, table, count, pager, filterKeys, match(i, st), compare(col), renderRow(i), noun}
    this.state = {};
    this.rows = [];
    var self = this;
    var ths = opts.table.tHead.querySelectorAll("th[data-col]");
    Array.prototype.forEach.call(ths, function (th) {
      th.setAttribute("tabindex", "0");
      var go = function () {
        var col = th.getAttribute("data-col");
        if (self.state.sort === col) self.state.desc = self.state.desc ? "" : "1";
        else { self.state.sort = col; self.state.desc = ""; }
        self.state.page = "";
        self.update();
      };
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
    });
  }

  Table.prototype.update = function () {
    writeHash(this.state);
    this.apply();
  };

  Table.prototype.apply = function () {
    var o = this.o, st = this.state, n = o.n, rows = [];
    var test = o.prepare(st);
    for (var i = 0; i < n; i++) if (test === null || test(i)) rows.push(i);
    if (st.sort) {
      var cmp = o.compare(st.sort);
      if (cmp) {
        rows.sort(cmp);
        if (st.desc) rows.reverse();
      }
    }
    this.rows = rows;
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    var page = Math.min(Math.max(1, parseInt(st.page || "1", 10) || 1), pages);
    var from = (page - 1) * PAGE_SIZE, to = Math.min(rows.length, from + PAGE_SIZE);
    var body = el("tbody");
    for (var r = from; r < to; r++) body.appendChild(o.renderRow(rows[r]));
    o.table.replaceChild(body, o.table.tBodies[0]);
    var ths = o.table.tHead.querySelectorAll("th[data-col]");
    Array.prototype.forEach.call(ths, function (th) {
      if (th.getAttribute("data-col") === st.sort) th.setAttribute("aria-sort", st.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    o.count.textContent = rows.length === n
      ? fmtNum(n) + " " + o.noun + (rows.length ? ", showing " + fmtNum(from + 1) + "–" + fmtNum(to) : "")
      : fmtNum(rows.length) + " of " + fmtNum(n) + " " + o.noun + " match" +
        (rows.length ? ", showing " + fmtNum(from + 1) + "–" + fmtNum(to) : "");
    o.count.setAttribute("data-matched", String(rows.length));
    o.count.setAttribute("data-total", String(n));
    o.count.setAttribute("data-page", String(page));
    this.renderPager(page, pages);
    markReady();
  };

  Table.prototype.renderPager = function (page, pages) {
    var self = this, nav = this.o.pager;
    nav.textContent = "";
    var btn = function (label, target, name) {
      var b = el("button", {type: "button", "data-page": String(target), "data-role": name}, label);
      if (target < 1 || target > pages || target === page) b.disabled = true;
      b.addEventListener("click", function () { self.state.page = String(target); self.update(); });
      nav.appendChild(b);
    };
    btn("« first", 1, "first");
    btn("‹ previous", page - 1, "prev");
    nav.appendChild(el("span", {"class": "pageinfo"}, "page " + page + " of " + pages));
    btn("next ›", page + 1, "next");
    btn("last »", pages, "last");
  };

  /* bind form fields (by name) to the table state, both ways */
  function bindForm(form, table, keys) {
    var sync = function () {
      keys.forEach(function (k) {
        var f = form.elements[k];
        if (f) f.value = table.state[k] || "";
      });
    };
    var changed = function () {
      keys.forEach(function (k) {
        var f = form.elements[k];
        if (f) table.state[k] = f.value;
      });
      table.state.page = "";
      table.update();
    };
    var slow = debounce(changed, 120);
    form.addEventListener("change", changed);
    form.addEventListener("input", function (e) { if (e.target.tagName === "INPUT") slow(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
    form.addEventListener("reset", function () {
      keys.forEach(function (k) { table.state[k] = ""; });
      table.state.page = "";
      table.state.doc = "";
      setTimeout(function () { table.update(); }, 0);
    });
    window.addEventListener("hashchange", function () {
      table.state = readHash();
      sync();
      table.apply();
    });
    sync();
  }

  function addOptions(select, values, labels) {
    values.forEach(function (v, i) {
      select.appendChild(el("option", {value: v}, labels ? labels[i] : v));
    });
  }

  /* rank of each dictionary entry in sorted order (-1, missing, sorts last) */
  function ranks(values) {
    var idx = values.map(function (_, i) { return i; });
    var coll = new Intl.Collator(undefined, {numeric: true});
    idx.sort(function (a, b) { return coll.compare(values[a], values[b]); });
    var r = new Int32Array(values.length);
    idx.forEach(function (v, pos) { r[v] = pos; });
    return r;
  }

  function containsSet(values, needle) {
    var out = new Uint8Array(values.length);
    var q = needle.toLowerCase();
    for (var i = 0; i < values.length; i++) if (values[i].toLowerCase().indexOf(q) >= 0) out[i] = 1;
    return out;
  }

  function missingData(countEl, name) {
    countEl.textContent = "Could not load data/" + name + ".js: rebuild the site with policy-extract review.";
    countEl.classList.add("warn");
  }

  /* ------------------------------------------------------------------------------------ */
  /* figure table                                                                          */
  /* ------------------------------------------------------------------------------------ */

  function figuresPage() {
    var D = window.PE_DATA && window.PE_DATA.figures;
    if (!D) return missingData($("fig-count"), "figures");
    var C = D.col, T = D.dict, docIds = D.docs.id, docLang = D.docs.lang;
    var form = $("fig-filters");
    var kinds = T.kind.slice().sort(function (a, b) {
      var x = KIND_ORDER.indexOf(a), y = KIND_ORDER.indexOf(b);
      return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || (a < b ? -1 : a > b ? 1 : 0);
    });
    addOptions($("fig-kind"), kinds);
    addOptions($("fig-role"), T.role.slice().sort());
    var ys = {}, hasNone = false;
    for (var i = 0; i < D.n; i++) {
      if (C.year[i] === null) hasNone = true; else ys[C.year[i]] = 1;
    }
    var years = Object.keys(ys).map(Number).sort(function (a, b) { return a - b; }).map(String);
    if (hasNone) years.push("none");
    addOptions($("fig-year"), years);
    addOptions($("fig-lang"), D.langs);

    var rankCache = {};
    var rank = function (col) {
      if (!rankCache[col]) rankCache[col] = col === "doc" ? ranks(docIds) : ranks(T[col]);
      return rankCache[col];
    };
    var dictCols = {kind: 1, role: 1, unit: 1, comparator: 1, change: 1, metric: 1, subject: 1, text: 1};

    var table = new Table({
      n: D.n, table: $("fig-table"), count: $("fig-count"), pager: $("fig-pager"), noun: "figures",
      prepare: function (st) {
        var tests = [];
        var eq = function (col, value) {
          var code = T[col].indexOf(value);
          tests.push(function (i) { return C[col][i] === code; });
        };
        if (st.kind) eq("kind", st.kind);
        if (st.role) eq("role", st.role);
        if (st.year) {
          var y = st.year === "none" ? null : Number(st.year);
          tests.push(function (i) { return C.year[i] === y; });
        }
        ["subject", "metric"].forEach(function (col) {
          if (st[col]) {
            var ok = containsSet(T[col], st[col]);
            tests.push(function (i) { var c = C[col][i]; return c >= 0 && ok[c] === 1; });
          }
        });
        if (st.lang) {
          var lc = D.langs.indexOf(st.lang);
          tests.push(function (i) { return docLang[C.doc[i]] === lc; });
        }
        var note = $("fig-doc-filter");
        if (st.doc !== undefined && st.doc !== "" && docIds[Number(st.doc)] !== undefined) {
          var d = Number(st.doc);
          tests.push(function (i) { return C.doc[i] === d; });
          $("fig-doc-link").textContent = docIds[d];
          $("fig-doc-link").setAttribute("href", "doc/" + d + ".html");
          note.hidden = false;
        } else {
          note.hidden = true;
        }
        if (!tests.length) return null;
        return function (i) {
          for (var k = 0; k < tests.length; k++) if (!tests[k](i)) return false;
          return true;
        };
      },
      compare: function (col) {
        if (col === "value" || col === "year") {
          var v = C[col];
          return function (a, b) {
            var x = v[a], y = v[b];
            if (x === null) return y === null ? a - b : 1;
            if (y === null) return -1;
            return x - y || a - b;
          };
        }
        if (col === "doc") {
          var rd = rank("doc");
          return function (a, b) { return rd[C.doc[a]] - rd[C.doc[b]] || C.ord[a] - C.ord[b]; };
        }
        if (dictCols[col]) {
          var r = rank(col), c = C[col];
          return function (a, b) {
            var x = c[a], y = c[b];
            if (x < 0) return y < 0 ? a - b : 1;
            if (y < 0) return -1;
            return r[x] - r[y] || a - b;
          };
        }
        return null;
      },
      renderRow: function (i) {
        var tr = el("tr", {"data-kind": T.kind[C.kind[i]], "data-role": T.role[C.role[i]] || "",
                           "data-year": C.year[i] === null ? "" : String(C.year[i])});
        if (T.role[C.role[i]] === "target") tr.className = "target";
        var doc = C.doc[i];
        var td = el("td");
        td.appendChild(el("a", {href: "doc/" + doc + ".html#f-" + C.ord[i], title: docIds[doc]}, docIds[doc]));
        tr.appendChild(td);
        var s = function (col) { var c = C[col][i]; return c >= 0 ? T[col][c] : ""; };
        tr.appendChild(el("td", {"data-col": "text"}, s("text")));
        tr.appendChild(el("td", {"data-col": "kind"}, s("kind")));
        var val = fmtNum(C.value[i]) + (C.high[i] !== null ? "–" + fmtNum(C.high[i]) : "");
        tr.appendChild(el("td", {"class": "num", "data-col": "value", "data-raw": String(C.value[i])}, val));
        tr.appendChild(el("td", {"data-col": "unit"}, s("unit")));
        tr.appendChild(el("td", {"data-col": "comparator"}, s("comparator")));
        tr.appendChild(el("td", {"data-col": "change"}, s("change")));
        tr.appendChild(el("td", {"data-col": "role"}, s("role")));
        tr.appendChild(el("td", {"class": "num", "data-col": "year"}, C.year[i] === null ? "" : C.year[i]));
        tr.appendChild(el("td", {"data-col": "metric"}, s("metric")));
        tr.appendChild(el("td", {"data-col": "subject"}, s("subject")));
        return tr;
      }
    });
    table.state = readHash();
    bindForm(form, table, ["kind", "role", "year", "subject", "metric", "lang"]);
    $("fig-doc-clear").addEventListener("click", function () {
      table.state.doc = "";
      table.state.page = "";
      table.update();
    });
    table.apply();
  }

  /* ------------------------------------------------------------------------------------ */
  /* document list                                                                         */
  /* ------------------------------------------------------------------------------------ */

  function documentsPage() {
    var D = window.PE_DATA && window.PE_DATA.documents;
    if (!D) return missingData($("doc-count"), "documents");
    var C = D.col, T = D.dict;
    addOptions($("doc-lang"), T.lang);
    var codes = T.err.slice().sort();
    addOptions($("doc-status"), codes, codes.map(function (c) { return "error " + c; }));
    var hay = null;
    var table = new Table({
      n: D.n, table: $("doc-table"), count: $("doc-count"), pager: $("doc-pager"), noun: "documents and errors",
      prepare: function (st) {
        var tests = [];
        if (st.q) {
          if (!hay) hay = C.id.map(function (id, i) { return (id + "\u0001" + C.title[i]).toLowerCase(); });
          var q = st.q.toLowerCase();
          tests.push(function (i) { return hay[i].indexOf(q) >= 0; });
        }
        if (st.lang) {
          var lc = T.lang.indexOf(st.lang);
          tests.push(function (i) { return C.lang[i] === lc; });
        }
        if (st.targets === "yes") tests.push(function (i) { return C.ntgt[i] > 0; });
        if (st.targets === "no") tests.push(function (i) { return C.page[i] >= 0 && C.ntgt[i] === 0; });
        if (st.status === "ok") tests.push(function (i) { return C.err[i] < 0; });
        else if (st.status === "error") tests.push(function (i) { return C.err[i] >= 0; });
        else if (st.status === "duplicate") tests.push(function (i) { return C.note[i].indexOf("duplicate of ") === 0; });
        else if (st.status) {
          var ec = T.err.indexOf(st.status);
          tests.push(function (i) { return C.err[i] === ec; });
        }
        if (!tests.length) return null;
        return function (i) {
          for (var k = 0; k < tests.length; k++) if (!tests[k](i)) return false;
          return true;
        };
      },
      compare: function (col) {
        var v = C[col];
        if (col === "nfig" || col === "ntgt") return function (a, b) { return v[a] - v[b] || a - b; };
        var coll = new Intl.Collator(undefined, {numeric: true});
        if (col === "lang" || col === "err") {
          return function (a, b) {
            var x = v[a] < 0 ? "\uffff" : T[col][v[a]], y = v[b] < 0 ? "\uffff" : T[col][v[b]];
            return coll.compare(x, y) || a - b;
          };
        }
        return function (a, b) { return coll.compare(v[a], v[b]) || a - b; };
      },
      renderRow: function (i) {
        var err = C.err[i] >= 0 ? T.err[C.err[i]] : "";
        var tr = el("tr", {"data-lang": C.lang[i] >= 0 ? T.lang[C.lang[i]] : "", "data-error": err,
                           "data-targets": String(C.ntgt[i])});
        var td = el("td");
        if (C.page[i] >= 0) td.appendChild(el("a", {href: "doc/" + C.page[i] + ".html", title: C.id[i]}, C.id[i]));
        else td.textContent = C.id[i] || "(no id)";
        tr.appendChild(td);
        tr.appendChild(el("td", {"data-col": "title"}, C.title[i]));
        tr.appendChild(el("td", {"data-col": "lang"}, C.lang[i] >= 0 ? T.lang[C.lang[i]] : ""));
        tr.appendChild(el("td", {"data-col": "date"}, C.date[i]));
        tr.appendChild(el("td", {"class": "num", "data-col": "nfig"}, C.page[i] >= 0 ? C.nfig[i] : ""));
        tr.appendChild(el("td", {"class": "num", "data-col": "ntgt"}, C.page[i] >= 0 ? C.ntgt[i] : ""));
        var st = el("td", {"data-col": "status"});
        if (err) {
          st.appendChild(el("span", {"class": "badge error", title: C.note[i]}, err));
          st.appendChild(document.createTextNode(" " + C.note[i]));
        } else if (C.note[i]) {
          st.appendChild(el("span", {"class": "badge dup"}, C.note[i]));
        } else {
          st.textContent = "ok";
        }
        tr.appendChild(st);
        return tr;
      }
    });
    table.state = readHash();
    bindForm($("doc-filters"), table, ["q", "lang", "targets", "status"]);
    table.apply();
  }

  /* ------------------------------------------------------------------------------------ */
  /* document page                                                                         */
  /* ------------------------------------------------------------------------------------ */

  var FIELDS = [
    ["text", "text"], ["kind", "kind"], ["value", "value"], ["high", "high"], ["unit", "unit"],
    ["comparator", "comparator"], ["change", "change"], ["role", "role"], ["year", "year"],
    ["metric", "metric"], ["subject", "subject"], ["start", "start"], ["end", "end"],
    ["sentence_start", "sentence start"], ["sentence_end", "sentence end"], ["rule", "rule"], ["ordinal", "#"]
  ];

  function documentPage() {
    var dataEl = $("pe-figures");
    var figs = dataEl ? JSON.parse(dataEl.textContent) : [];
    var byI = {};
    figs.forEach(function (f) { byI[f.ordinal] = f; });
    var text = $("doc-text"), fields = $("panel-fields"), hint = $("panel-hint");
    var current = null, codePoints = null;

    function show(f) {
      fields.textContent = "";
      FIELDS.forEach(function (pair) {
        var key = pair[0], v = f[key];
        fields.appendChild(el("dt", null, pair[1]));
        var dd = el("dd", {"data-field": key});
        if (v === null || v === undefined || v === "") { dd.textContent = "—"; dd.className = "null"; }
        else if (key === "value" || key === "high") { dd.textContent = fmtNum(v); dd.setAttribute("data-raw", String(v)); }
        else dd.textContent = String(v);
        fields.appendChild(dd);
      });
      var ss = f.sentence_start, se = f.sentence_end;
      if (ss !== null && ss !== undefined && se > ss && ss <= f.start && f.end <= se) {
        // offsets are Python str indices, i.e. code points: cut the text as an array of code points
        // (Array.from), never with String.prototype.slice, whose indices are UTF-16 units
        if (!codePoints) codePoints = Array.from(text.textContent);
        var from = Math.max(ss, f.start - SENTENCE_CONTEXT), to = Math.min(se, f.end + SENTENCE_CONTEXT);
        fields.appendChild(el("dt", null, "sentence"));
        var dd = el("dd", {"data-field": "sentence", "class": "sentence"});
        dd.appendChild(document.createTextNode((from > ss ? "…" : "") + codePoints.slice(from, f.start).join("")));
        dd.appendChild(el("mark", {"data-kind": f.kind}, codePoints.slice(f.start, f.end).join("")));
        dd.appendChild(document.createTextNode(codePoints.slice(f.end, to).join("") + (to < se ? "…" : "")));
        fields.appendChild(dd);
      }
      fields.hidden = false;
      hint.hidden = true;
    }

    function select(mark, scroll) {
      if (!mark) return;
      var f = byI[mark.getAttribute("data-i")];
      if (!f) return;
      if (current) current.classList.remove("selected");
      current = mark;
      mark.classList.add("selected");
      show(f);
      if (scroll) mark.scrollIntoView({block: "center"});
    }

    text.addEventListener("click", function (e) {
      var m = e.target.closest ? e.target.closest("mark.figure") : null;
      if (m) select(m, false);
    });
    text.addEventListener("keydown", function (e) {
      if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches("mark.figure")) {
        e.preventDefault();
        select(e.target, false);
      }
    });
    var rows = $("doc-figures");
    if (rows) {
      var lang = text.getAttribute("lang");
      var tb = el("tbody");
      figs.forEach(function (f) {
        var tr = el("tr", {"data-i": String(f.ordinal), "class": f.role === "target" ? "target" : null});
        var a = el("td", {"class": "num"});
        a.appendChild(el("a", {href: "#f-" + f.ordinal}, f.ordinal));
        tr.appendChild(a);
        tr.appendChild(el("td", {lang: lang}, f.text));
        tr.appendChild(el("td", null, f.kind));
        tr.appendChild(el("td", {"class": "num", "data-raw": String(f.value)},
                          fmtNum(f.value) + (f.high !== null && f.high !== undefined ? "–" + fmtNum(f.high) : "")));
        tr.appendChild(el("td", null, f.unit));
        tr.appendChild(el("td", null, f.role));
        tr.appendChild(el("td", {"class": "num"}, f.year));
        tr.appendChild(el("td", {lang: lang}, f.metric));
        tr.appendChild(el("td", {lang: lang}, f.subject));
        tb.appendChild(tr);
      });
      rows.replaceChild(tb, rows.tBodies[0]);
      rows.addEventListener("click", function (e) {
        var tr = e.target.closest ? e.target.closest("tr[data-i]") : null;
        if (!tr) return;
        e.preventDefault();
        select($("f-" + tr.getAttribute("data-i")), true);
      });
    }
    var fromHash = function () {
      var m = /^#f-(\d+)$/.exec(location.hash);
      if (m) select($("f-" + m[1]), true);
    };
    window.addEventListener("hashchange", fromHash);
    fromHash();
    markReady();
  }

  var page = document.body.getAttribute("data-page");
  try {
    if (page === "figures") figuresPage();
    else if (page === "documents") documentsPage();
    else if (page === "document") documentPage();
    else markReady();
  } catch (err) {
    document.body.setAttribute("data-error", String(err));
    throw err;
  }
})();
