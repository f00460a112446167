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
    showModules(d.gsm);
  }

  const gsmForm = $("gsmModule");
  let modules = [];
  const gsmInputs = () => [...gsmForm.querySelectorAll("[data-field]")];
  const value = s => s.saved !== null ? s.saved : s.running;

  // The inputs carry the full key (Pstn:Gsm:N:Field) so a refusal lands beside its input.
  function nameInputs() {
    const n = gsmForm.elements.module.value.trim();
    for (const input of gsmInputs()) input.name = `Pstn:Gsm:${n}:${input.dataset.field}`;
  }

  function editModule(m) {
    gsmForm.elements.module.value = m.module;
    for (const input of gsmInputs()) {
      const s = m.settings.find(x => x.field === input.dataset.field);
      input.value = !s || input.dataset.field === "Pin" ? "" : app.text(value(s));
    }
    const pin = m.settings.find(x => x.field === "Pin");
    $("gsmPinState").textContent = pin.saved !== null ? "set, saved for the next start" : pin.running;
    nameInputs();
  }

  function showModules(list) {
    modules = list || [];
    const field = (m, f) => m.settings.find(x => x.field === f);
    app.fill($("gsm"), modules, [
      "module", m => value(field(m, "Name")), m => value(field(m, "Port")), m => value(field(m, "VoicePort")),
      m => field(m, "Pin").saved !== null ? "set" : field(m, "Pin").running,
      m => value(field(m, "Style")), m => value(field(m, "Group")), m => value(field(m, "Did")),
      m => value(field(m, "SmsMode")), m => m.settings.some(x => x.saved !== null) ? "yes" : ""]);
    [...$("gsm").children].forEach((tr, i) => { tr.onclick = () => editModule(modules[i]); });
  }

  gsmForm.elements.module.addEventListener("input", nameInputs);
  gsmForm.addEventListener("submit", async e => {
    e.preventDefault();
    nameInputs();
    const data = {};
    for (const input of gsmInputs()) {
      // An empty PIN keeps the module's; other empty fields drop what was saved for them.
      if (input.dataset.field === "Pin" && !input.value) continue;
      data[input.name] = input.value;
    }
    const r = await app.send("POST", "/api/admin/pstn", data);
    if (!r.ok) { app.showProblem(gsmForm, r); $("applied").textContent = ""; return; }
    app.showProblem(gsmForm, { data: { title: "" } });
    gsmForm.querySelector(".error").textContent = "";
    $("gsmPin").value = "";
    show(r.data);
    $("applied").textContent = "Saved; the gateway takes it at the next start of the service.";
  });

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
  nameInputs();

  const trunks = await app.get("/api/trunks");
  if (trunks) {
    app.fill($("ports"), trunks.ports || [], ["name", "kind", "channels", p => p.inService ? "yes" : "no",
      p => (p.alarms || []).join(", ")]);
    app.fill($("groups"), trunks.groups || [], ["name", "kind", g => g.inService ? "yes" : "no", "freeChannels"]);
  }
})();
