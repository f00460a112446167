"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  function show(panel) {
    $("lcd").textContent = panel.lines.join("\n");
    $("leds").replaceChildren(...Object.entries(panel.leds).map(([name, on]) => {
      const li = document.createElement("li");
      li.textContent = `${name}: ${on ? "on" : "off"}`;
      return li;
    }));
  }
  async function refresh() {
    const r = await fetch("/api/panel", { credentials: "same-origin" });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) { $("problem").textContent = data.detail || data.title || r.status; return; }
    $("problem").textContent = "";
    show(data);
  }
  document.querySelectorAll("[data-button]").forEach(b => b.onclick = async () => {
    const r = await app.send("POST", `/api/panel/buttons/${b.dataset.button}?long=${$("long").checked}`);
    if (r.ok) show(r.data); else $("problem").textContent = (r.data && (r.data.detail || r.data.title)) || r.status;
  });
  refresh();
  setInterval(refresh, 1000);
})();
