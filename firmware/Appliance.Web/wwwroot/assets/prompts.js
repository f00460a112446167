// The prompts page: upload a WAV or MP3 into the IVR's prompt folder, list and play the prompts.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);

  async function refresh() {
    const prompts = await app.get("/api/admin/prompts");
    if (!prompts) return;
    app.fill($("prompts"), prompts, ["name", "seconds"]);
    [...$("prompts").children].forEach((tr, i) => {
      const td = document.createElement("td");
      const audio = document.createElement("audio");
      audio.controls = true;
      audio.preload = "none";
      audio.src = `/api/admin/prompts/${encodeURIComponent(prompts[i].name)}/audio`;
      td.appendChild(audio);
      tr.appendChild(td);
    });
  }

  $("prompt").addEventListener("submit", async e => {
    e.preventDefault();
    const form = e.target;
    const r = await app.upload("/api/admin/prompts", form);
    const data = r.data;
    if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    $("applied").textContent = `Prompt ${data.name} stored; the next call that plays it hears it.`;
    refresh();
  });
  refresh();
})();
