"use strict";
document.getElementById("login").addEventListener("submit", async e => {
  e.preventDefault();
  const form = e.target;
  const result = await app.send("POST", "/api/login", app.formData(form));
  if (!result.ok) { app.showProblem(form, result); return; }
  const back = new URLSearchParams(location.search).get("ReturnUrl");
  location.href = back && back.startsWith("/") && !back.startsWith("//") ? back : "/";
});
