"use strict";
(async () => {
  if (!await app.header()) return;
  const today = new Date().toISOString().slice(0, 10);
  const form = document.getElementById("range");
  form.from.value = form.from.value || today;
  form.to.value = form.to.value || today;
  const columns = ["name", "calls", "answered", "abandoned", "averageWaitSeconds", "talkSeconds"];
  async function show() {
    const q = `from=${form.from.value}&to=${form.to.value}`;
    const report = await app.get(`/api/reports/summary?${q}`);
    document.getElementById("csv").href = `/api/reports/calls.csv?${q}`;
    document.getElementById("total").textContent = report ? report.calls : 0;
    app.fill(document.getElementById("queues"), report ? report.queues : [], columns);
    app.fill(document.getElementById("agents"), report ? report.agents : [], columns);
  }
  form.addEventListener("submit", e => { e.preventDefault(); show(); });
  show();
})();
