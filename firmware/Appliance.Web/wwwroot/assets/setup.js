"use strict";
document.getElementById("setup").addEventListener("submit", async e => {
  e.preventDefault();
  const form = e.target;
  const result = await app.send("POST", "/api/setup", app.formData(form));
  if (!result.ok) { app.showProblem(form, result); return; }
  form.hidden = true;
  const done = document.getElementById("done");
  done.hidden = false;
  done.textContent = result.data.appliesAtOnce
    ? "Setup done. You are logged in as admin."
    : "Setup done. You are logged in as admin; restart the service for the call route to apply.";
  const link = document.createElement("a");
  link.href = "/admin"; link.textContent = " Open the admin pages";
  done.appendChild(link);
});
