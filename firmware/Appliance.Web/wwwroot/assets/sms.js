// The SMS page: messages both ways, newest first, refreshed every two seconds; a form to queue one.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);

  async function refresh() {
    const messages = await app.get("/api/sms");
    if (!messages) return;
    app.fill($("messages"), messages, [
      m => new Date(m.createdUtc).toLocaleString(),
      m => m.direction === "in" ? "from" : "to",
      "number", "text",
      m => m.state + (m.lastError ? ` (${m.lastError})` : ""),
      "module", "attempts",
    ]);
  }

  $("send").addEventListener("submit", async e => {
    e.preventDefault();
    const form = e.target;
    const result = await app.send("POST", "/api/sms", app.formData(form));
    if (!result.ok) { app.showProblem(form, result); $("queued").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    $("queued").textContent = `Message to ${result.data.number} queued.`;
    form.reset();
    refresh();
  });
  refresh();
  setInterval(refresh, 2000);
})();
