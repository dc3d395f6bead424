// komunikat review site: event filters, right/wrong verdicts on facts, and the export of
// the verdicts as corrections.jsonl. No external resources; works from file://.
(function () {
  "use strict";
  var KEY = "komunikat.verdicts";
  var memory = {};

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "{}"); } catch (e) { return memory; }
  }
  function save(all) {
    memory = all;
    try { window.localStorage.setItem(KEY, JSON.stringify(all)); } catch (e) { /* kept in memory */ }
    count();
  }
  function keyOf(m) {
    return [m.dataset.doc, m.dataset.kind, m.dataset.start, m.dataset.end, m.dataset.value]
      .join("\u0000");
  }

  // One line per verdict: doc, kind, start, end, value, verdict, note (and correct, when
  // the right value was typed).
  function corrections() {
    var all = load();
    return Object.keys(all).sort().map(function (k) { return JSON.stringify(all[k]); })
      .join("\n") + (Object.keys(all).length ? "\n" : "");
  }

  function setVerdict(m, verdict, note, correct) {
    var all = load();
    var k = keyOf(m);
    if (!verdict) {
      delete all[k];
    } else {
      var line = {
        doc: m.dataset.doc, kind: m.dataset.kind,
        start: Number(m.dataset.start), end: Number(m.dataset.end),
        value: m.dataset.value, verdict: verdict, note: note || ""
      };
      if (correct) { line.correct = correct; }
      all[k] = line;
    }
    save(all);
    paint(m, all);
  }

  function paint(m, all) {
    var v = (all || load())[keyOf(m)];
    m.classList.toggle("v-right", !!v && v.verdict === "right");
    m.classList.toggle("v-wrong", !!v && v.verdict === "wrong");
  }

  function count() {
    var el = document.getElementById("verdict-count");
    if (el) { el.textContent = Object.keys(load()).length + " verdicts"; }
  }

  // The panel of the fact last chosen: its tooltip, right / wrong, a note, the right value.
  var panel, current;
  function makePanel() {
    panel = document.createElement("div");
    panel.id = "verdict";
    panel.hidden = true;
    panel.innerHTML = '<pre></pre>' +
      '<button type="button" data-v="right">✓ right</button> ' +
      '<button type="button" data-v="wrong">✗ wrong</button> ' +
      '<button type="button" data-v="">clear</button> ' +
      '<button type="button" data-close="1">close</button>' +
      '<input type="text" name="note" placeholder="note">' +
      '<input type="text" name="correct" placeholder="right value (when wrong)">';
    panel.addEventListener("click", function (ev) {
      var b = ev.target.closest("button");
      if (!b || !current) { return; }
      if (b.dataset.close) { panel.hidden = true; return; }
      setVerdict(current, b.dataset.v, panel.querySelector("[name=note]").value,
        panel.querySelector("[name=correct]").value);
    });
    document.body.appendChild(panel);
  }
  function choose(m) {
    if (current) { current.classList.remove("current"); }
    current = m;
    m.classList.add("current");
    var v = load()[keyOf(m)] || {};
    panel.querySelector("pre").textContent = m.getAttribute("title") || "";
    panel.querySelector("[name=note]").value = v.note || "";
    panel.querySelector("[name=correct]").value = v.correct || "";
    panel.hidden = false;
  }

  function download() {
    var blob = new Blob([corrections()], { type: "application/x-ndjson" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "corrections.jsonl";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // Filters of the events index: every row is tested against every filter set.
  function filters() {
    var form = document.getElementById("filters");
    if (!form) { return; }
    var val = function (id) { return document.getElementById(id).value.trim(); };
    function apply() {
      var voiv = val("f-voivodeship"), pow = val("f-powiat"), gm = val("f-gmina");
      var from = val("f-from"), to = val("f-to"), who = val("f-official").toLowerCase();
      var min = val("f-min-sum"), kind = val("f-sum-kind");
      var rows = document.querySelectorAll("#events tr.event");
      var shown = 0;
      rows.forEach(function (r) {
        var d = r.dataset, date = d.date || "";
        var ok = (!voiv || d.voivodeships.indexOf("|" + voiv + "|") >= 0) &&
          (!pow || d.powiats.indexOf("|" + pow + "|") >= 0) &&
          (!gm || d.gminas.indexOf("|" + gm + "|") >= 0) &&
          (!from || (date && date.slice(0, 10) >= from)) &&
          (!to || (date && date.slice(0, 10) <= to)) &&
          (!who || d.officials.indexOf(who) >= 0);
        if (ok && (min || kind)) {
          var least = min ? Number(min) : -Infinity;
          ok = (d.sums ? d.sums.split(";") : []).some(function (s) {
            var at = s.lastIndexOf("=");
            return (!kind || s.slice(0, at) === kind) && Number(s.slice(at + 1)) >= least;
          });
        }
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      document.getElementById("shown").textContent = shown + " of " + rows.length + " events";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    // A filter can be given in the address: index.html#f-powiat=kielecki&f-min-sum=1000000
    var hash = window.location.hash.slice(1);
    if (hash) {
      hash.split("&").forEach(function (kv) {
        var p = kv.split("=");
        var el = document.getElementById(decodeURIComponent(p[0]));
        if (el && p.length > 1) { el.value = decodeURIComponent(p[1]); }
      });
    }
    apply();
    window.komunikat.filter = apply;
  }

  window.komunikat = { corrections: corrections, setVerdict: setVerdict };
  document.addEventListener("DOMContentLoaded", function () {
    makePanel();
    var all = load();
    document.querySelectorAll("mark.f").forEach(function (m) {
      paint(m, all);
      m.addEventListener("click", function (ev) { ev.stopPropagation(); choose(m); });
      m.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") { ev.stopPropagation(); choose(m); }
      });
    });
    var exp = document.getElementById("export");
    if (exp) { exp.addEventListener("click", download); }
    count();
    filters();
  });
}());
