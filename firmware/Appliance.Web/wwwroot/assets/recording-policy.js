// The recording policy page: per queue mode, format and retention, read by the next call answered.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const form = $("policy");

  async function refresh() {
    const d = await app.get("/api/admin/recording-policies");
    if (!d) return;
    for (const [id, values] of [["queue", d.policies.map(p => p.queue)], ["mode", d.modes], ["format", d.formats]]) {
      const select = $(id);
      const keep = select.value;
      select.replaceChildren(...values.map(v => new Option(v, v)));
      if (values.includes(keep)) select.value = keep;
    }
    app.fill($("policies"), d.policies, ["queue", "mode", "format", "retentionDays"]);
    [...$("policies").children].forEach((tr, i) => {
      tr.onclick = () => {
        const p = d.policies[i];
        $("queue").value = p.queue; $("mode").value = p.mode; $("format").value = p.format;
        $("retentionDays").value = p.retentionDays;
      };
    });
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const r = await app.send("POST", "/api/admin/recording-policies", app.formData(form));
    if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    $("applied").textContent = `Recording policy of ${r.data.queue} saved; the next call answered follows it.`;
    refresh();
  });
  refresh();
})();
