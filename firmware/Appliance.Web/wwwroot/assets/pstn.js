// The PSTN trunk page: ports and groups as they run, and the Pstn:* settings saved for the next start.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const form = $("pstn");

  function show(d) {
    $("card").textContent = d.card || "(none: Pstn:Card is not set)";
    app.fill($("settings"), d.settings, ["key", "running", s => s.saved === null ? "(as configured)" : s.saved]);
    // The form starts from what the next start would run with.
    for (const s of d.settings) {
      const input = form.querySelector(`[name="${s.key}"]`);
      if (input) input.value = s.saved !== null ? s.saved : app.text(s.running);
    }
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const r = await app.send("POST", "/api/admin/pstn", app.formData(form));
    if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    show(r.data);
    $("applied").textContent = "Saved; the gateway takes it at the next start of the service.";
  });

  // The settings fill the form before the ports show, so nothing typed once the page reads as
  // loaded is overwritten by a late answer.
  const d = await app.get("/api/admin/pstn");
  if (d) show(d);

  const trunks = await app.get("/api/trunks");
  if (trunks) {
    app.fill($("ports"), trunks.ports || [], ["name", "kind", "channels", p => p.inService ? "yes" : "no",
      p => (p.alarms || []).join(", ")]);
    app.fill($("groups"), trunks.groups || [], ["name", "kind", g => g.inService ? "yes" : "no", "freeChannels"]);
  }
})();
