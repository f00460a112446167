// The call-routing page: every change is saved and applied to the next call at once.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);

  // A row's "Delete" button; a click on the row itself copies it into the form for editing.
  function table(tbody, rows, columns, form, fields, remove) {
    app.fill(tbody, rows, columns);
    [...tbody.children].forEach((tr, i) => {
      const row = rows[i];
      tr.onclick = () => {
        for (const [name, key] of Object.entries(fields)) {
          const input = form.querySelector(`[name="${name}"]`);
          const value = typeof key === "function" ? key(row) : row[key];
          if (input.type === "checkbox") input.checked = !!value; else input.value = app.text(value);
        }
      };
      if (!remove) return;
      const td = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Delete";
      button.onclick = async e => {
        e.stopPropagation();
        const r = await app.send("DELETE", remove(row));
        if (!r.ok) { app.showProblem(form, r); return; }
        refresh();
      };
      td.appendChild(button);
      tr.appendChild(td);
    });
  }

  // Table Queue writes an exit as kind:target; the form has the two apart.
  const exitKind = (text, nowhere) => text ? text.split(":")[0] : nowhere;
  const exitTarget = text => text && text.includes(":") ? text.slice(text.indexOf(":") + 1) : "";
  const seconds = n => n > 0 ? `${n} s` : "";
  const skillRule = q => !q.requiredSkill ? "" : `${q.requiredSkill} ≥ ${Math.max(1, q.requiredLevel)}`
    + (q.widenLevelEverySeconds > 0 ? `, −1 every ${q.widenLevelEverySeconds} s` : "");
  const overflow = q => !q.overflowTo ? "" : [q.overflowAfterSeconds > 0 ? `after ${q.overflowAfterSeconds} s` : "",
    q.overflowWhenWaiting > 0 ? `at ${q.overflowWhenWaiting} waiting` : ""].filter(x => x).join(" or ")
    + ` → ${q.overflowTo}`;
  const maxWait = q => q.maxWaitSeconds > 0 ? `${seconds(q.maxWaitSeconds)} → ${q.maxWaitExit || "hangup"}` : "";
  const emptyRules = q => `${q.refuseWhen || "none-logged-in"} / ${q.leaveWhen || "none-logged-in"}`;
  const waiting = q => [q.announceEverySeconds > 0 ? `position every ${q.announceEverySeconds} s` : "",
    q.comfortPrompt ? `${q.comfortPrompt} every ${q.comfortEverySeconds} s` : "",
    q.callbackKey ? `callback key ${q.callbackKey}` : ""].filter(x => x).join(", ");

  async function refresh() {
    const d = await app.get("/api/admin/routing");
    if (!d) return;
    const prompts = await app.get("/api/admin/prompts");
    $("promptNames").replaceChildren(...(prompts || []).map(p => new Option(p.name)));
    const strategy = $("strategy");
    if (!strategy.options.length) {
      for (const s of d.strategies) strategy.add(new Option(s, s));
    }
    table($("queues"), d.queues,
      ["name", "strategy", "ringTimeoutSeconds", "wrapUpSeconds", "serviceLevelSeconds", "holdPrompt",
        skillRule, overflow, maxWait, emptyRules, waiting], $("queue"),
      { name: "name", strategy: "strategy", ringTimeoutSeconds: "ringTimeoutSeconds", wrapUpSeconds: "wrapUpSeconds",
        serviceLevelSeconds: "serviceLevelSeconds", holdPrompt: "holdPrompt", requiredSkill: "requiredSkill",
        requiredLevel: q => Math.max(1, q.requiredLevel), widenLevelEverySeconds: "widenLevelEverySeconds",
        overflowAfterSeconds: "overflowAfterSeconds", overflowWhenWaiting: "overflowWhenWaiting",
        overflowTo: q => exitKind(q.overflowTo, ""), overflowTarget: q => exitTarget(q.overflowTo),
        maxWaitSeconds: "maxWaitSeconds", maxWaitExit: q => exitKind(q.maxWaitExit, "hangup"),
        maxWaitTarget: q => exitTarget(q.maxWaitExit), refuseWhen: q => q.refuseWhen || "none-logged-in",
        leaveWhen: q => q.leaveWhen || "none-logged-in", announceEverySeconds: "announceEverySeconds",
        comfortPrompt: "comfortPrompt", comfortEverySeconds: "comfortEverySeconds",
        callbackKey: "callbackKey" },
      q => `/api/admin/queues/${encodeURIComponent(q.name)}`);
    table($("agents"), d.agents, ["agentId", "queues", "skills"], $("agent"),
      { agentId: "agentId", queues: "queues", skills: "skills" });
    table($("dids"), d.dids, ["number", "targetKind", "targetName"], $("did"),
      { number: "number", targetKind: "targetKind", targetName: "targetName" },
      x => `/api/admin/dids/${encodeURIComponent(x.number)}`);
    table($("trunks"), d.trunks, ["name", "allowedAddress", t => t.requireAuth ? "yes" : "no"], $("trunk"),
      { name: "name", allowedAddress: "allowedAddress", requireAuth: "requireAuth" },
      t => `/api/admin/trunks/${encodeURIComponent(t.name)}`);
    table($("reasons"), d.reasons, ["code", "name"], $("reason"), { code: "code", name: "name" });
  }

  for (const [id, url] of [["queue", "/api/admin/queues"], ["agent", "/api/admin/agents"], ["did", "/api/admin/dids"],
    ["trunk", "/api/admin/trunks"], ["reason", "/api/admin/reasons"]]) {
    $(id).addEventListener("submit", async e => {
      e.preventDefault();
      const form = e.target;
      const data = app.formData(form);
      const check = form.querySelector('input[type="checkbox"]');
      if (check) data[check.name] = check.checked ? "true" : "false";
      const r = await app.send("POST", url, data);
      if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
      app.showProblem(form, { data: { title: "" } });
      form.querySelector(".error").textContent = "";
      $("applied").textContent = "Saved; the next call follows it.";
      refresh();
    });
  }
  refresh();
})();
