// The certificate page: the HTTPS certificate in use, and its replacement by an upload.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const form = $("upload");

  function show(c) {
    $("subject").textContent = c.subject;
    $("issuer").textContent = c.issuer + (c.selfSigned ? " (self-signed)" : "");
    $("notBefore").textContent = c.notBeforeUtc;
    $("notAfter").textContent = c.notAfterUtc;
    // Colon-separated pairs, as browsers show a fingerprint.
    $("sha256").textContent = c.sha256.match(/../g).join(":");
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const r = await fetch("/api/admin/certificate", {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-TOKEN": await app.token() }, body: new FormData(form),
    });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) { app.showProblem(form, { status: r.status, data }); $("applied").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    show(data);
    $("applied").textContent = `Certificate ${data.subject} installed; new connections get it.`;
  });
  const current = await app.get("/api/admin/certificate");
  if (current) show(current);
})();
