// The usage page: each usage table of the range with its chart and CSV link; a worst call's
// recording plays in the page.
"use strict";
(async () => {
  if (!await app.header()) return;
  const form = document.getElementById("range");
  const names = ["users", "agents", "trunks", "quality-trunk", "quality-phone", "worst"];
  const container = document.getElementById("usage");
  const player = document.getElementById("player");

  async function show() {
    const q = `from=${form.from.value}&to=${form.to.value}`;
    form.querySelector(".error").textContent = "";
    form.querySelectorAll(".field-error").forEach(e => e.remove());
    for (const name of names) {
      const r = await fetch(`/api/usage/${name}?${q}`, { credentials: "same-origin" });
      if (r.status === 401) { location.href = "/login"; return; }
      const data = await r.json();
      if (!r.ok) { app.showProblem(form, { status: r.status, data }); return; }
      const s = reporttables.section(container, "usage", name);
      reporttables.show(s, data, `/api/usage/${name}.csv?${q}`, "Nothing in this range.");
      s.querySelectorAll("a.recording").forEach(a => {
        a.onclick = e => { e.preventDefault(); player.src = a.href; player.play(); };
      });
    }
  }
  form.addEventListener("submit", e => { e.preventDefault(); show(); });
  show();
})();
