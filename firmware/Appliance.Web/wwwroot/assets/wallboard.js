"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const level = q => q.serviceLevelPercent === null ? "—" : `${q.serviceLevelPercent}% in ${q.serviceLevelSeconds} s`;

  // One gauge per queue: a meter that turns amber below 80 % and red below 60 %.
  function gauges(queues) {
    $("gauges").replaceChildren(...queues.map(q => {
      const box = document.createElement("div");
      box.className = "gauge";
      box.dataset.queue = q.name;
      const meter = document.createElement("meter");
      meter.min = 0; meter.max = 100; meter.low = 60; meter.high = 80; meter.optimum = 100;
      meter.value = q.serviceLevelPercent === null ? 100 : q.serviceLevelPercent;
      const figure = document.createElement("div");
      figure.className = "big";
      figure.textContent = q.serviceLevelPercent === null ? "—" : `${q.serviceLevelPercent}%`;
      const name = document.createElement("div");
      name.textContent = `${q.name} (answered within ${q.serviceLevelSeconds} s)`;
      box.append(figure, meter, name);
      return box;
    }));
  }

  // Listen, whisper and barge: the box rings the supervisor's phone, which joins the chosen call;
  // a second button switches the mode of a phone already in the call.
  function superviseChoices(calls) {
    const select = $("superviseCall"), chosen = select.value;
    const talking = calls.filter(c => c.state === "answered");
    select.replaceChildren(...talking.map(c => new Option(`${c.callerNumber} with ${c.agent}`, c.callId)));
    if (talking.some(c => c.callId === chosen)) select.value = chosen;
  }

  for (const mode of ["listen", "whisper", "barge"]) {
    $(mode).onclick = async () => {
      const callId = $("superviseCall").value;
      if (!callId) return;
      const r = await app.send("POST", `/api/calls/${encodeURIComponent(callId)}/supervise`,
        { mode, extension: $("supervisorPhone").value });
      const field = r.data && r.data.errors && Object.values(r.data.errors)[0];
      $("superviseProblem").textContent = r.ok ? ""
        : (field ? `${r.data.title}: ${field[0]}` : (r.data && r.data.title) || r.status);
      if (r.ok) $("superviseState").textContent = `${mode} from ${$("supervisorPhone").value}`;
    };
  }

  async function refresh() {
    const [queues, calls, agents, alarms] = await Promise.all([
      app.get("/api/queues"), app.get("/api/calls"), app.get("/api/agents"), app.get("/api/alarms")]);
    gauges(queues || []);
    app.fill($("queues"), queues || [],
      ["name", "waitingCalls", "longestWaitSeconds", "idleAgents", "ringingAgents", "busyAgents", level]);
    app.fill($("calls"), calls || [],
      ["callerNumber", "did", "ivrChoice", "queue", "agent", "state", c => app.seconds(c.arrivedUtc)]);
    superviseChoices(calls || []);
    app.fill($("agents"), agents || [],
      ["agentId", "state", "reason", a => app.seconds(a.sinceUtc)]);
    app.fill($("alarms"), alarms || [], ["kind", "subject", "detail"]);
    [...$("alarms").children].forEach(tr => tr.classList.add("alarm"));
    $("noAlarms").hidden = (alarms || []).length > 0;
  }
  refresh();
  setInterval(refresh, 1000);
})();
