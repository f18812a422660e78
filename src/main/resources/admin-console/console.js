// The Gatehouse console: reads /admin/logs and /admin/stats and draws them. No build step, no framework.
(function () {
  "use strict";
  var PAGE = 50;
  var state = { offset: 0, filters: {}, charts: {} };
  var $ = function (id) { return document.getElementById(id); };

  var keyInput = $("admin-key");
  keyInput.value = sessionStorage.getItem("gatehouse-admin-key") || "";
  keyInput.addEventListener("change", function () {
    sessionStorage.setItem("gatehouse-admin-key", keyInput.value);
    refresh();
  });

  function api(path) {
    var headers = {};
    if (keyInput.value) { headers["Authorization"] = "Bearer " + keyInput.value; }
    return fetch(path, { headers: headers }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(r.status + ": " + (body.error ? body.error.message : r.statusText)); }
        return body;
      });
    });
  }

  function say(text, failed) {
    var s = $("status");
    s.textContent = text;
    s.className = failed ? "failed" : "";
  }

  function cell(row, text, cls) {
    var td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "–" : String(text);
    if (cls) { td.className = cls; }
    row.appendChild(td);
  }

  function query() {
    var params = new URLSearchParams();
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k]) { params.set(k, state.filters[k]); } });
    params.set("limit", PAGE);
    params.set("offset", state.offset);
    return params.toString();
  }

  function loadRequests() {
    return api("logs?" + query()).then(function (page) {
      var body = $("requests").tBodies[0];
      body.textContent = "";
      page.data.forEach(function (r) {
        var row = document.createElement("tr");
        row.dataset.traceId = r.trace_id;
        if (r.status >= 400) { row.className = "error"; }
        cell(row, new Date(r.timestamp).toLocaleString());
        cell(row, r.trace_id, "trace");
        cell(row, r.key_name);
        cell(row, r.route);
        cell(row, r.provider, "provider");
        cell(row, r.model, "model");
        cell(row, r.status + (r.error_code ? " " + r.error_code : ""), "status");
        cell(row, r.latency_ms);
        cell(row, (r.usage.input_tokens === null ? "–" : r.usage.input_tokens) + " / "
          + (r.usage.output_tokens === null ? "–" : r.usage.output_tokens));
        cell(row, r.cost_usd);
        cell(row, r.cache_status);
        row.addEventListener("click", function () { showDetail(r.trace_id); });
        body.appendChild(row);
      });
      $("older").disabled = !page.has_more;
      $("newer").disabled = state.offset === 0;
    });
  }

  function showDetail(traceId) {
    api("logs/" + encodeURIComponent(traceId)).then(function (found) {
      $("detail-trace").textContent = traceId;
      $("detail-body").textContent = JSON.stringify(found.data, null, 2);
      $("detail").hidden = false;
    }).catch(function (e) { say(e.message, true); });
  }

  function table(id, rows, columns) {
    var body = $(id).tBodies[0];
    body.textContent = "";
    rows.forEach(function (r) {
      var row = document.createElement("tr");
      columns.forEach(function (c) { cell(row, typeof c === "function" ? c(r) : r[c]); });
      body.appendChild(row);
    });
  }

  function budgetLeft(k) {
    if (!k.budgets.length) { return null; }
    return k.budgets.map(function (b) { return "$" + b.left_usd + " of $" + b.usd + " / " + b.period; }).join(", ");
  }

  var COLORS = ["#3366cc", "#dc3912", "#ff9900", "#109618", "#990099", "#0099c6", "#dd4477"];

  var WINDOW_SECONDS = { "1h": 3600, "24h": 86400, "7d": 604800 };

  /** Small numbers (dollars) keep their significant digits on the axis. */
  function axisValues(u, values) {
    return values.map(function (v) { return v === 0 || Math.abs(v) >= 1 ? String(v) : Number(v).toPrecision(2); });
  }

  function chart(id, series, data) {
    var el = $(id);
    if (state.charts[id]) { state.charts[id].destroy(); }
    var to = Date.now() / 1000;
    var from = to - WINDOW_SECONDS[$("window").value];
    var opts = {
      width: Math.max(300, el.clientWidth || 400),
      height: 200,
      series: [{}].concat(series.map(function (name, i) {
        return { label: name, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true, size: 5 } };
      })),
      axes: [{}, { values: axisValues, size: 72 }],
      // The whole window, whatever it holds: one request is a point in its place, not a range of years.
      scales: { x: { time: true, range: function () { return [from, to]; } } }
    };
    state.charts[id] = new uPlot(opts, data, el);
  }

  function loadStats() {
    return api("stats?window=" + $("window").value).then(function (s) {
      table("by-model", s.by_model, ["provider", "model", "requests", "errors", "p50_latency_ms", "p95_latency_ms",
        "input_tokens", "output_tokens", "cost_usd"]);
      table("by-key", s.by_key, ["key_name", "requests", "input_tokens", "output_tokens", "cost_usd", budgetLeft]);

      var xs = s.series.map(function (b) { return Date.parse(b.start) / 1000; });
      chart("chart-requests", ["requests", "errors"],
        [xs, s.series.map(function (b) { return b.requests; }), s.series.map(function (b) { return b.errors; })]);
      chart("chart-latency", ["p50", "p95"],
        [xs, s.series.map(function (b) { return b.p50_latency_ms; }), s.series.map(function (b) { return b.p95_latency_ms; })]);
      chart("chart-cache", ["hit rate"], [xs, s.series.map(function (b) {
        return b.cache_lookups ? b.cache_hits / b.cache_lookups : null;
      })]);

      // Per provider over time: one line each, on the buckets any provider used.
      var times = [];
      var providers = [];
      s.by_provider_over_time.forEach(function (p) {
        var t = Date.parse(p.start) / 1000;
        if (times.indexOf(t) < 0) { times.push(t); }
        if (providers.indexOf(p.provider) < 0) { providers.push(p.provider); }
      });
      times.sort(function (a, b) { return a - b; });
      function perProvider(field) {
        return [times].concat(providers.map(function (name) {
          return times.map(function (t) {
            var hit = s.by_provider_over_time.filter(function (p) {
              return p.provider === name && Date.parse(p.start) / 1000 === t;
            })[0];
            return hit ? (hit[field] === null ? 0 : Number(hit[field])) : null;
          });
        }));
      }
      chart("chart-tokens", providers, perProvider("tokens"));
      chart("chart-cost", providers, perProvider("cost_usd"));
      document.body.dataset.chartsDrawn = String(xs.length);
    });
  }

  function refresh() {
    return Promise.all([loadRequests(), loadStats()])
      .then(function () { say("updated " + new Date().toLocaleTimeString(), false); })
      .catch(function (e) { say(e.message, true); });
  }

  $("filters").addEventListener("submit", function (ev) {
    ev.preventDefault();
    state.filters = {};
    new FormData(ev.target).forEach(function (value, name) { state.filters[name] = value.trim(); });
    state.offset = 0;
    refresh();
  });
  $("clear").addEventListener("click", function () {
    $("filters").reset();
    state.filters = {};
    state.offset = 0;
    refresh();
  });
  $("older").addEventListener("click", function () { state.offset += PAGE; loadRequests(); });
  $("newer").addEventListener("click", function () { state.offset = Math.max(0, state.offset - PAGE); loadRequests(); });
  $("close-detail").addEventListener("click", function () { $("detail").hidden = true; });
  $("window").addEventListener("change", loadStats);

  setInterval(function () { if ($("live").checked) { refresh(); } }, 5000);
  refresh();
})();
