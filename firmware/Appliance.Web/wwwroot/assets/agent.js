"use strict";
(async () => {
  const me = await app.header();
  if (!me) return;
  const agent = me.agent;
  const $ = id => document.getElementById(id);
  $("agent").textContent = agent || "(this user works at no extension)";
  let current = null;
  let wrapping = null;

  // The reasons an admin defined on the routing page; "Not ready" alone when there are none.
  const reasons = await app.get("/api/reasons") || [];
  for (const r of reasons.length ? reasons : [{ name: "Not ready" }]) $("reason").add(new Option(r.name, r.name));

  // The admin's disposition codes; without any, wrap-up only ends early.
  const codes = await app.get("/api/dispositions") || [];
  for (const c of codes) $("disposition").add(new Option(c.name, c.code));
  $("disposition").hidden = codes.length === 0;
  document.querySelector("label[for=disposition]").hidden = codes.length === 0;

  // Recording pause is offered only on a box whose API has the route (the OpenAPI document says).
  const api = await app.get("/openapi/v1.json");
  const canPause = !!(api && api.paths && api.paths["/api/calls/{callId}/recording/pause"]);
  const canRecord = !!(api && api.paths && api.paths["/api/calls/{callId}/recording/start"]);

  // Record is offered on an answered call that records nothing (an on-demand queue); pause and
  // resume on one that records.
  function showRecording() {
    const recorded = current ? current.recorded : undefined, paused = current && current.recordingPaused;
    $("startRecording").hidden = !canRecord || recorded !== false;
    $("pauseRecording").hidden = !canPause || recorded === false || paused;
    $("resumeRecording").hidden = !canPause || recorded === false || !paused;
  }

  function showRecordingPaused(paused) {
    if (current) current.recordingPaused = paused;
    showRecording();
  }

  async function learnRecorded(callId) {
    const r = await app.get(`/api/calls/${encodeURIComponent(callId)}/recording`);
    if (!r || !current || current.callId !== callId) return;
    current.recorded = r.recorded;
    showRecording();
  }

  function showHeld(held) {
    $("hold").hidden = held;
    $("resume").hidden = !held;
    $("callTitle").textContent = held ? "On hold" : "On call";
  }

  // What the IVR learnt about the caller: a lookup node's customer.name and customer.account
  // head the pop, every variable is listed below it.
  function showVariables(variables) {
    const name = variables["customer.name"], account = variables["customer.account"];
    $("customerRow").hidden = !name;
    $("customerName").textContent = app.text(name);
    $("accountRow").hidden = !account;
    $("customerAccount").textContent = app.text(account);
    const rows = Object.entries(variables).sort(([a], [b]) => a.localeCompare(b))
      .map(([variable, value]) => ({ variable, value }));
    $("variablesBox").hidden = rows.length === 0;
    app.fill($("variables"), rows, ["variable", "value"]);
  }

  // During a consultation the caller is on hold: complete or go back, nothing else.
  function showConsulting(target) {
    const consulting = !!target;
    for (const id of ["hold", "transfer", "consult", "conference", "transferTarget"]) $(id).hidden = consulting;
    $("completeTransfer").hidden = !consulting;
    $("cancelConsult").hidden = !consulting;
    $("callTitle").textContent = consulting ? `Consulting ${target}` : "On call";
  }

  function showCall(call, title) {
    if (!current || current.callId !== call.callId) {
      showHeld(false);
      showRecordingPaused(false);
      if (current && current.consulting) showConsulting(null);
    }
    current = Object.assign({}, current && current.callId === call.callId ? current : {}, call);
    if (canRecord && current.recorded === undefined && (call.state === "answered" || call.kind === "answered")) {
      current.recorded = null;
      learnRecorded(call.callId);
    }
    showRecording();
    $("call").hidden = false;
    $("call").classList.add("pop");
    if (!current.held && !current.consulting) {
      $("callTitle").textContent = current.conference ? `Conference with ${current.conference}` : title;
    }
    $("caller").textContent = call.callerNumber;
    $("did").textContent = call.did;
    $("ivr").textContent = app.text(call.ivrChoice) || "(none)";
    $("queue").textContent = app.text(call.queue);
    showVariables(call.variables || {});
    const talking = (call.state || call.kind) === "answered";
    $("hold").disabled = !talking;
    $("transfer").disabled = !talking;
    $("consult").disabled = !talking;
    $("conference").disabled = !talking;
    if (talking) current.talked = true;
  }

  // An answered call that ends leaves the agent in wrap-up: the form asks for the disposition.
  function callEnded() {
    // A call the agent placed (click-to-dial) has no queue and no wrap-up.
    if (current && current.talked && current.queue) {
      wrapping = current;
      $("wrapCaller").textContent = current.callerNumber;
      $("wrapProblem").textContent = "";
      $("wrapUp").hidden = false;
    }
    if (current && current.consulting) showConsulting(null);
    current = null;
    $("call").hidden = true;
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
    else if (current) callEnded();
  }

  async function ready(isReady) {
    const r = await app.send("POST", `/api/agents/${encodeURIComponent(agent)}/ready`,
      { ready: isReady, reason: isReady ? null : $("reason").value });
    $("problem").textContent = r.ok ? "" : (r.data && r.data.title) || r.status;
    refresh();
  }
  $("ready").onclick = () => ready(true);
  $("notReady").onclick = () => ready(false);

  async function command(verb, body) {
    if (!current) return null;
    const r = await app.send("POST", `/api/calls/${encodeURIComponent(current.callId)}/${verb}`, body);
    const field = r.data && r.data.errors && Object.values(r.data.errors)[0];
    $("problem").textContent = r.ok ? "" : (field ? `${r.data.title}: ${field[0]}` : (r.data && r.data.title) || r.status);
    return r;
  }

  // Click-to-dial: the box rings this agent's phone first, then the number.
  $("dial").onclick = async () => {
    const r = await app.send("POST", "/api/calls/dial", { number: $("dialNumber").value });
    const field = r.data && r.data.errors && Object.values(r.data.errors)[0];
    $("problem").textContent = r.ok ? "" : (field ? `${r.data.title}: ${field[0]}` : (r.data && r.data.title) || r.status);
    if (r.ok) refresh();
  };

  $("transfer").onclick = () => command("transfer", { target: $("transferTarget").value });
  $("consult").onclick = async () => {
    const target = $("transferTarget").value;
    const r = await command("consult", { target });
    if (r && r.ok) { current.consulting = target; showConsulting(target); }
  };
  $("conference").onclick = async () => {
    const target = $("transferTarget").value;
    const r = await command("conference", { target });
    if (r && r.ok) { current.conference = target; $("callTitle").textContent = `Conference with ${target}`; }
  };
  $("completeTransfer").onclick = () => command("complete");
  $("cancelConsult").onclick = async () => {
    const r = await command("cancel-consult");
    if (r && r.ok) { current.consulting = null; showConsulting(null); }
  };
  $("hangup").onclick = () => command("hangup");
  $("hold").onclick = async () => {
    const r = await command("hold");
    if (r && r.ok) { current.held = true; showHeld(true); }
  };
  $("resume").onclick = async () => {
    const r = await command("resume");
    if (r && r.ok) { current.held = false; showHeld(false); }
  };

  $("startRecording").onclick = async () => {
    const r = await command("recording/start");
    if (r && r.ok) { current.recorded = true; showRecordingPaused(false); }
  };
  $("pauseRecording").onclick = async () => {
    const r = await command("recording/pause");
    if (r && r.ok) showRecordingPaused(true);
  };
  $("resumeRecording").onclick = async () => {
    const r = await command("recording/resume");
    if (r && r.ok) showRecordingPaused(false);
  };

  $("wrapDone").onclick = async () => {
    if (!wrapping) return;
    const body = codes.length ? { code: $("disposition").value } : {};
    const r = await app.send("POST", `/api/calls/${encodeURIComponent(wrapping.callId)}/wrap-up`, body);
    if (!r.ok) {
      $("wrapProblem").textContent = (r.data && r.data.title) || r.status;
      return;
    }
    wrapping = null;
    $("wrapUp").hidden = true;
    refresh();
  };

  // Campaign work: a preview mode contact to dial or skip, and an ended campaign call waiting
  // for its disposition. Campaign calls are not on the event stream, so the poll brings them.
  let preview = null, campaignWrap = null;
  async function refreshCampaigns() {
    const desk = await app.get("/api/campaigns/desk");
    if (!desk) return;
    preview = desk.previews[0] || null;
    $("preview").hidden = !preview;
    if (preview) {
      $("previewCampaign").textContent = preview.campaign;
      $("previewName").textContent = app.text(preview.name) || "(no name)";
      $("previewNumber").textContent = preview.phoneNumber;
      $("previewAttempts").textContent = preview.attempts + (preview.lastResult
        ? `, last ${preview.lastResult} at ${new Date(preview.lastAttemptUtc).toLocaleString()}` : "");
      app.fill($("previewFields"), Object.entries(preview.fields).map(([field, value]) => ({ field, value })),
        ["field", "value"]);
    }
    const next = desk.wrapUps[0] || null;
    if (next && (!campaignWrap || campaignWrap.callId !== next.callId)) {
      $("campaignCode").replaceChildren(...next.codes.map(c => new Option(c, c)));
      $("campaignWrapNumber").textContent = next.phoneNumber;
      $("campaignWrapProblem").textContent = "";
    }
    campaignWrap = next;
    $("campaignWrapUp").hidden = !campaignWrap;
  }

  async function previewCommand(verb) {
    if (!preview) return;
    const r = await app.send("POST",
      `/api/campaigns/${encodeURIComponent(preview.campaign)}/preview/${verb}`);
    $("problem").textContent = r.ok ? "" : (r.data && r.data.title) || r.status;
    refreshCampaigns();
  }
  $("previewDial").onclick = () => previewCommand("dial");
  $("previewSkip").onclick = () => previewCommand("skip");

  $("campaignWrapDone").onclick = async () => {
    if (!campaignWrap) return;
    const at = $("callbackAt").value;
    const body = { code: $("campaignCode").value, callbackUtc: at ? new Date(at).toISOString() : null };
    const r = await app.send("POST", `/api/campaigns/${encodeURIComponent(campaignWrap.campaign)}/calls/`
      + `${encodeURIComponent(campaignWrap.contactId)}/disposition`, body);
    if (!r.ok) {
      $("campaignWrapProblem").textContent = (r.data && r.data.title) || r.status;
      return;
    }
    $("callbackAt").value = "";
    refreshCampaigns();
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
        callEnded();
      }
      refresh();
    };
    ws.onclose = () => setTimeout(connect, 2000);
  }
  connect();
  refresh();
  refreshCampaigns();
  setInterval(refresh, 2000);
  setInterval(refreshCampaigns, 1000);
})();
