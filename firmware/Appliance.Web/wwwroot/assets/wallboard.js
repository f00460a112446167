"use strict";
(async () => {
  if (!await app.header()) return;
  async function refresh() {
    const [queues, calls, agents] = await Promise.all([app.get("/api/queues"), app.get("/api/calls"), app.get("/api/agents")]);
    app.fill(document.getElementById("queues"), queues || [],
      ["name", "waitingCalls", "longestWaitSeconds", "idleAgents", "ringingAgents", "busyAgents"]);
    app.fill(document.getElementById("calls"), calls || [],
      ["callerNumber", "did", "ivrChoice", "queue", "agent", "state", c => app.seconds(c.arrivedUtc)]);
    app.fill(document.getElementById("agents"), agents || [],
      ["agentId", "state", "reason", a => app.seconds(a.sinceUtc)]);
  }
  refresh();
  setInterval(refresh, 1000);
})();
