// The forecast page: one queue's forecast for one day, its chart, its CSV and the admin's recompute.
"use strict";
(async () => {
  const me = await app.header();
  if (!me) return;
  const $ = id => document.getElementById(id);
  const form = $("pick");
  const queues = await app.get("/api/forecast/queues") || [];
  $("queues").replaceChildren(...queues.map(q => Object.assign(document.createElement("option"), { value: q })));
  const given = new URLSearchParams(location.search);
  form.queue.value = given.get("queue") || queues[0] || "";
  form.day.value = given.get("day") || "";

  function clear() {
    form.querySelector(".error").textContent = "";
    form.querySelectorAll(".field-error").forEach(e => e.remove());
    $("message").textContent = "";
    $("summary").textContent = "";
    $("chart").replaceChildren();
    $("intervals").replaceChildren();
  }

  async function show() {
    clear();
    const q = new URLSearchParams({ queue: form.queue.value.trim() });
    if (form.day.value.trim()) q.set("day", form.day.value.trim());
    const r = await fetch(`/api/forecast?${q}`, { credentials: "same-origin" });
    const data = await r.json();
    if (!r.ok) { app.showProblem(form, { status: r.status, data }); return; }
    form.day.value = data.day;
    $("csv").href = `/api/forecast.csv?queue=${encodeURIComponent(data.queue)}&day=${data.day}`;
    $("summary").textContent = `Queue ${data.queue} on ${data.day} (${data.timeZone}): agents sized to answer `
      + `${data.serviceLevelGoalPercent} % of calls within ${data.serviceLevelSeconds} s; drawn from `
      + `${data.historyIntervals} past intervals`
      + (data.computedUtc ? `; made ${new Date(data.computedUtc).toISOString().slice(0, 16).replace("T", " ")} UTC.` : ".");
    if (data.message) { $("message").textContent = data.message; return; }
    app.fill($("intervals"), data.intervals, ["start", "offered", "handleTimeSeconds", "patienceSeconds",
      "agentsErlangC", "agentsErlangA", "expectedServiceLevelPercent"]);
    $("chart").replaceChildren(barchart.draw(data.intervals.map(i => i.start), data.intervals.map(i => i.offered),
      `Offered calls per interval, ${data.queue}, ${data.day}`));
  }

  if (me.role === "admin") {
    $("recompute").hidden = false;
    $("recompute").onclick = async () => {
      const queue = form.queue.value.trim();
      const r = await app.send("POST", "/api/admin/forecast/recompute", { queue });
      if (!r.ok) { app.showProblem(form, r); return; }
      await show();
    };
  }

  form.addEventListener("submit", e => { e.preventDefault(); show(); });
  show();
})();
