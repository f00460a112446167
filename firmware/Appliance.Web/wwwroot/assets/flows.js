// The IVR flow editor: one whole flow document at a time, checked by the box before it runs.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);

  // Every finding, warnings included, with the node and field it is about.
  function listProblems(problems) {
    const list = $("problems");
    list.replaceChildren();
    for (const p of problems || []) {
      const li = document.createElement("li");
      li.className = `problem ${p.severity}`;
      li.dataset.node = app.text(p.node);
      li.dataset.field = p.field;
      li.textContent = `${p.severity}: ${p.node ? `node '${p.node}', ` : ""}field '${p.field}': ${p.message}`;
      list.appendChild(li);
    }
  }

  async function refresh() {
    const flows = await app.get("/api/admin/flows");
    if (!flows) return;
    app.fill($("flows"), flows, ["name", "version"]);
    [...$("flows").children].forEach((tr, i) => {
      tr.onclick = () => { $("json").value = flows[i].json; listProblems([]); };
    });
    if (!$("json").value && flows.length) $("json").value = flows[0].json;
  }

  $("flow").addEventListener("submit", async e => {
    e.preventDefault();
    const form = e.target;
    const r = await app.send("POST", "/api/admin/flows", { json: $("json").value });
    if (!r.ok) {
      app.showProblem(form, r);
      listProblems(r.data && r.data.problems);
      $("applied").textContent = "";
      return;
    }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    listProblems(r.data.problems);
    $("applied").textContent = `Flow ${r.data.name} saved; the next call runs it.`;
    refresh();
  });
  refresh();
})();
