"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  async function refresh() {
    const status = await app.get("/api/admin/firmware/");
    if (!status) return;
    $("running").textContent = status.runningVersion;
    app.fill($("slots"), status.slots, ["name", r => r.version || "(none)", "health", r => r.booted ? "running" : ""]);
    $("noSlots").hidden = status.slots.length > 0;
    $("pending").textContent = status.pending ? `Installed ${status.pending}: it starts at the next reboot.` : "";
  }
  $("update").addEventListener("submit", async e => {
    e.preventDefault();
    const form = e.target;
    const file = $("bundle").files[0];
    if (!file) { app.showProblem(form, { data: { title: "Choose an update bundle first", errors: { bundle: ["is required"] } } }); return; }
    form.querySelector("button").disabled = true;
    $("installed").textContent = "Uploading and installing; this takes a few minutes…";
    const r = await fetch("/api/admin/firmware/update", {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-TOKEN": await app.token(), "Content-Type": "application/octet-stream" }, body: file,
    });
    const data = await r.json().catch(() => ({}));
    form.querySelector("button").disabled = false;
    $("installed").textContent = "";
    if (!r.ok) { app.showProblem(form, { status: r.status, data }); return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    $("installed").textContent = `Installed ${data.version} into slot ${data.slot}. Reboot the box to start it.`;
    refresh();
  });
  refresh();
})();
