"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const sets = await app.get("/api/admin/prompt-languages") || { boxLanguage: "en", languages: ["en"] };
  $("language").options[0].textContent = `the box's (${sets.boxLanguage})`;
  for (const language of sets.languages) $("language").add(new Option(language, language));
  let extensions = [];
  // Typing an existing extension's number shows the language it has, so saving its new password
  // does not quietly put it back to the box's.
  $("number").addEventListener("change", () => {
    const known = extensions.find(e => e.number === $("number").value.trim());
    if (known) $("language").value = known.language || "";
  });
  async function refresh() {
    extensions = await app.get("/api/admin/extensions") || [];
    app.fill($("extensions"), extensions,
      ["number", "displayName", "mailboxPin", e => e.language || `the box's (${sets.boxLanguage})`]);
    const users = await app.get("/api/admin/users") || [];
    app.fill($("users"), users, ["name", "role", "agentId"]);
    removeButtons("users", users, "Delete", "user", "/api/admin/users/");
    const tokens = await app.get("/api/admin/tokens") || [];
    app.fill($("tokens"), tokens, ["name", "role", "createdUtc"]);
    removeButtons("tokens", tokens, "Revoke", "token", "/api/admin/tokens/");
    app.fill($("audit"), await app.get("/api/admin/audit") || [], ["atUtc", "actor", "source", "action", "detail"]);
  }
  // One button per row that removes it after a confirmation; a refusal shows in the form below.
  function removeButtons(tbodyId, rows, label, formId, url) {
    [...$(tbodyId).rows].forEach((tr, i) => {
      const name = rows[i].name;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.addEventListener("click", async () => {
        if (!confirm(`${label} ${name}?`)) return;
        const r = await app.send("DELETE", url + encodeURIComponent(name));
        if (!r.ok) { app.showProblem($(formId), r); return; }
        refresh();
      });
      tr.insertCell().appendChild(button);
    });
  }
  function submit(id, url, done) {
    $(id).addEventListener("submit", async e => {
      e.preventDefault();
      const form = e.target;
      const r = await app.send("POST", url, app.formData(form));
      if (!r.ok) { app.showProblem(form, r); return; }
      app.showProblem(form, { data: { title: "" } });
      form.querySelector(".error").textContent = "";
      if (done) done(r.data);
      refresh();
    });
  }
  submit("extension", "/api/admin/extensions");
  submit("mailbox", "/api/admin/mailboxes", () => { $("mailboxPin").value = ""; });
  submit("user", "/api/admin/users");
  submit("token", "/api/admin/tokens", d => { $("newToken").textContent = `Token for ${d.name} (shown once): ${d.token}`; });
  $("restore").addEventListener("submit", async e => {
    e.preventDefault();
    const file = $("file").files[0];
    if (!file) return;
    const r = await fetch("/api/admin/restore", {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-TOKEN": await app.token(), "Content-Type": "application/json" }, body: await file.text(),
    });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) { app.showProblem(e.target, { status: r.status, data }); return; }
    $("restored").textContent = "Configuration restored.";
    refresh();
  });
  refresh();
})();
