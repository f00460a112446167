// The customers page: search and list; for admins add, change, delete, and the CSV import's report.
"use strict";
(async () => {
  const me = await app.header();
  if (!me) return;
  const $ = id => document.getElementById(id);
  const admin = me.role === "admin";
  document.querySelectorAll(".admin-only").forEach(s => { s.hidden = !admin; });
  const form = $("customer");

  function clearProblem(f) {
    f.querySelectorAll(".field-error").forEach(e => e.remove());
    f.querySelector(".error").textContent = "";
  }

  // A click on a row copies it into the form; its button deletes the customer.
  async function refresh() {
    const text = $("text").value.trim();
    const found = await app.get(`/api/customers?search=${encodeURIComponent(text)}`) || { total: 0, customers: [] };
    const rows = found.customers;
    $("count").textContent = found.total > rows.length
      ? `${found.total} customers match; the first ${rows.length} are shown.`
      : `${found.total} customer${found.total === 1 ? "" : "s"}.`;
    app.fill($("customers"), rows, ["account", "name", r => r.numbers.join(", "), "vipPriority", "language"]);
    [...$("customers").children].forEach((tr, i) => {
      const row = rows[i];
      const td = document.createElement("td");
      tr.appendChild(td);
      if (!admin) return;
      tr.onclick = () => {
        form.account.value = row.account;
        form.name.value = row.name;
        form.numbers.value = row.numbers.join(", ");
        form.vipPriority.value = row.vipPriority;
        form.language.value = row.language || "";
      };
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Delete";
      button.onclick = async e => {
        e.stopPropagation();
        const r = await app.send("DELETE", `/api/admin/customers/${encodeURIComponent(row.account)}`);
        if (!r.ok) { app.showProblem(form, r); return; }
        $("applied").textContent = `Customer ${row.account} deleted; its callers are unknown from the next call.`;
        refresh();
      };
      td.appendChild(button);
    });
  }

  $("search").addEventListener("submit", e => { e.preventDefault(); refresh(); });

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const data = app.formData(form);
    const vip = data.vipPriority.trim();
    // A priority that is not a whole number goes as -1, which the box refuses naming the field.
    const body = {
      account: data.account, name: data.name, language: data.language,
      numbers: data.numbers.split(/[,;\n]/).map(n => n.trim()).filter(n => n),
      vipPriority: vip === "" ? 0 : (/^\d+$/.test(vip) ? Number(vip) : -1),
    };
    const r = await app.send("POST", "/api/admin/customers", body);
    if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
    clearProblem(form);
    $("applied").textContent = `Customer ${data.account.trim()} saved; the next call from its numbers finds it.`;
    refresh();
  });

  $("import").addEventListener("submit", async e => {
    e.preventDefault();
    const f = e.target;
    const r = await app.upload("/api/admin/customers/import", f);
    if (!r.ok) { app.showProblem(f, r); return; }
    clearProblem(f);
    const data = r.data;
    const updated = data.updated.length === 0 ? "" : ` (${data.updated.map(u => `line ${u.line}: ${u.account}`).join(", ")})`;
    $("import-summary").textContent = `${data.rows} rows read: ${data.added} added, ${data.updated.length} updated`
      + `${updated}, ${data.rejected.length} rejected.`;
    app.fill($("import-rejected").querySelector("tbody"), data.rejected, ["line", "field", "reason"]);
    $("import-rejected").hidden = data.rejected.length === 0;
    refresh();
  });

  refresh();
})();
