// The disposition codes page: the admin's codes, each saved for the next wrap-up at once.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const form = $("disposition");

  // A click on a row copies it into the form; its button deletes the code.
  async function refresh() {
    const codes = await app.get("/api/dispositions") || [];
    app.fill($("codes"), codes, ["code", "name"]);
    [...$("codes").children].forEach((tr, i) => {
      const row = codes[i];
      tr.onclick = () => { $("code").value = row.code; $("name").value = row.name; };
      const td = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Delete";
      button.onclick = async e => {
        e.stopPropagation();
        const r = await app.send("DELETE", `/api/admin/dispositions/${encodeURIComponent(row.code)}`);
        if (!r.ok) { app.showProblem(form, r); return; }
        $("applied").textContent = `Code ${row.code} deleted.`;
        refresh();
      };
      td.appendChild(button);
      tr.appendChild(td);
    });
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const r = await app.send("POST", "/api/admin/dispositions", app.formData(form));
    if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    $("applied").textContent = `Code ${$("code").value.trim().toLowerCase()} saved; the next wrap-up offers it.`;
    refresh();
  });
  refresh();
})();
