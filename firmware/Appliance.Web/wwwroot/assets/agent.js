"use strict";
(async () => {
  const me = await app.header();
  if (!me) return;
  const agent = me.agent;
  const $ = id => document.getElementById(id);
  $("agent").textContent = agent || "(this user works at no extension)";
  let current = null;

  // The reasons an admin defined on the routing page; "Not ready" alone when there are none.
  const reasons = await app.get("/api/reasons") || [];
  for (const r of reasons.length ? reasons : [{ name: "Not ready" }]) $("reason").add(new Option(r.name, r.name));

  function showCall(call, title) {
    current = call;
    $("call").hidden = false;
    $("call").classList.add("pop");
    $("callTitle").textContent = title;
    $("caller").textContent = call.callerNumber;
    $("did").textContent = call.did;
    $("ivr").textContent = app.text(call.ivrChoice) || "(none)";
    $("queue").textContent = app.text(call.queue);
  }

  async function refresh() {
    const agents = await app.get("/api/agents");
    const mine = (agents || []).find(a => a.agentId === agent);
    if (mine) {
      $("state").textContent = mine.state + (mine.reason ? ` (${mine.reason})` : "");
      $("state").className = "state-" + mine.state;
      $("since").textContent = `for ${app.seconds(mine.sinceUtc)} s`;
    }
    const calls = await app.get("/api/calls");
    const call = (calls || []).find(c => c.agent === agent);
    if (call) showCall(call, call.state === "answered" ? "On call" : "Incoming call");
    else if (current) { current = null; $("call").hidden = true; }
  }

  async function ready(isReady) {
    const r = await app.send("POST", `/api/agents/${encodeURIComponent(agent)}/ready`,
      { ready: isReady, reason: isReady ? null : $("reason").value });
    $("problem").textContent = r.ok ? "" : (r.data && r.data.title) || r.status;
    refresh();
  }
  $("ready").onclick = () => ready(true);
  $("notReady").onclick = () => ready(false);
  $("hangup").onclick = async () => {
    if (!current) return;
    const r = await app.send("POST", `/api/calls/${encodeURIComponent(current.callId)}/hangup`);
    $("problem").textContent = r.ok ? "" : (r.data && r.data.title) || r.status;
  };

  // The call pops from the event stream; the poll below only keeps the state line fresh.
  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/events");
    ws.onmessage = m => {
      const e = JSON.parse(m.data);
      if (e.agent !== agent) return;
      if (e.type === "call" && (e.kind === "offered" || e.kind === "answered")) {
        showCall(e, e.kind === "answered" ? "On call" : "Incoming call");
      } else if (e.type === "call" && e.kind === "ended" && current && current.callId === e.callId) {
        current = null; $("call").hidden = true;
      }
      refresh();
    };
    ws.onclose = () => setTimeout(connect, 2000);
  }
  connect();
  refresh();
  setInterval(refresh, 2000);
})();
