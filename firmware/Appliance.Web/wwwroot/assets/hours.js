// The business-hours page: schedules and holidays, each saved and read by the next call's IVR flow.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

  // A click on a row copies it into its form; its button deletes it.
  function table(tbody, rows, columns, form, remove) {
    app.fill(tbody, rows, columns);
    [...tbody.children].forEach((tr, i) => {
      const row = rows[i];
      tr.onclick = () => {
        for (const input of form.querySelectorAll("input[name]")) {
          const value = row[input.name];
          input.value = value === "closed" ? "" : app.text(value);
        }
      };
      const td = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Delete";
      button.onclick = async e => {
        e.stopPropagation();
        const r = await app.send("DELETE", remove(row));
        if (!r.ok) { app.showProblem(form, r); return; }
        refresh();
      };
      td.appendChild(button);
      tr.appendChild(td);
    });
  }

  let appliesAtOnce = true;
  async function refresh() {
    const d = await app.get("/api/admin/calendar");
    if (!d) return;
    appliesAtOnce = d.appliesAtOnce;
    $("zoneNow").textContent = d.timeZone
      ? `Now: ${d.timeZone}.`
      : `None is stored: the machine's zone (${d.machineTimeZone}) is used.`;
    if (document.activeElement !== $("timeZone")) $("timeZone").value = d.timeZone || d.machineTimeZone;
    table($("schedules"), d.schedules, ["name", ...days], $("schedule"),
      s => `/api/admin/schedules/${encodeURIComponent(s.name)}`);
    table($("holidays"), d.holidays, ["date", "name"], $("holiday"),
      h => `/api/admin/holidays/${encodeURIComponent(h.date)}`);
  }

  for (const [id, url, what] of [["schedule", "/api/admin/schedules", "Schedule"],
    ["holiday", "/api/admin/holidays", "Holiday"], ["zone", "/api/admin/time-zone", "Time zone"]]) {
    $(id).addEventListener("submit", async e => {
      e.preventDefault();
      const form = e.target;
      const r = await app.send("POST", url, app.formData(form));
      if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
      app.showProblem(form, { data: { title: "" } });
      form.querySelector(".error").textContent = "";
      $("applied").textContent = appliesAtOnce
        ? `${what} saved; the next call's IVR follows it.`
        : `${what} saved; the IVR reads it from the next start.`;
      refresh();
    });
  }
  refresh();
})();
