// The reports page: the day-range summary, then each charted report with its table and CSV link.
"use strict";
(async () => {
  if (!await app.header()) return;
  const today = new Date().toISOString().slice(0, 10);
  const form = document.getElementById("range");
  form.from.value = form.from.value || today;
  form.to.value = form.to.value || today;
  const columns = ["name", "calls", "answered", "abandoned", "averageWaitSeconds", "talkSeconds"];
  const names = ["interval", "queue", "agent", "abandoned", "trunk"];
  const charted = document.getElementById("charted");

  function section(name) {
    let s = document.getElementById(`report-${name}`);
    if (s) return s;
    s = document.createElement("section");
    s.id = `report-${name}`;
    s.innerHTML = `<h2></h2><div class="chart-box"></div><p><a class="csv">Download CSV</a></p>`
      + `<table><thead><tr></tr></thead><tbody></tbody></table>`;
    charted.appendChild(s);
    return s;
  }

  function showTable(s, table, q) {
    s.querySelector("h2").textContent = table.title;
    s.querySelector("a.csv").href = `/api/reports/tables/${table.name}.csv?${q}`;
    const head = s.querySelector("thead tr");
    head.replaceChildren(...table.columns.map(c => { const th = document.createElement("th"); th.textContent = c; return th; }));
    const rows = table.rows.map(r => Object.fromEntries(r.map((v, i) => [i, v])));
    app.fill(s.querySelector("tbody"), rows, table.columns.map((_, i) => i));
    const chartAt = table.columns.indexOf(table.chartColumn);
    const box = s.querySelector(".chart-box");
    box.replaceChildren(table.rows.length === 0
      ? Object.assign(document.createElement("p"), { textContent: "No calls in this range." })
      : barchart.draw(table.rows.map(r => r[0]), table.rows.map(r => r[chartAt]), `${table.title}: ${table.chartColumn}`));
  }

  async function show() {
    const q = `from=${form.from.value}&to=${form.to.value}`;
    form.querySelector(".error").textContent = "";
    form.querySelectorAll(".field-error").forEach(e => e.remove());
    const report = await app.get(`/api/reports/summary?${q}`);
    document.getElementById("csv").href = `/api/reports/calls.csv?${q}`;
    document.getElementById("total").textContent = report ? report.calls : 0;
    app.fill(document.getElementById("queues"), report ? report.queues : [], columns);
    app.fill(document.getElementById("agents"), report ? report.agents : [], columns);
    for (const name of names) {
      const r = await fetch(`/api/reports/tables/${name}?${q}`, { credentials: "same-origin" });
      const data = await r.json();
      if (!r.ok) { app.showProblem(form, { status: r.status, data }); return; }
      showTable(section(name), data, q);
    }
  }
  form.addEventListener("submit", e => { e.preventDefault(); show(); });
  show();
})();
