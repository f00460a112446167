// The reports page: the day-range summary, then each charted report with its table and CSV link.
"use strict";
(async () => {
  if (!await app.header()) return;
  // Empty days are today of the box's time zone, which the browser's clock does not know.
  const form = document.getElementById("range");
  const columns = ["name", "calls", "answered", "abandoned", "averageWaitSeconds", "talkSeconds"];
  const names = ["interval", "queue", "agent", "abandoned", "trunk"];
  const charted = document.getElementById("charted");

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
      reporttables.show(reporttables.section(charted, "report", name), data,
        `/api/reports/tables/${name}.csv?${q}`, "No calls in this range.");
    }
  }
  form.addEventListener("submit", e => { e.preventDefault(); show(); });
  show();
})();
