// Shared by every page: the CSRF token, JSON calls that show a refusal's field, the header.
"use strict";

const app = {
  csrf: null,

  async token() {
    if (!app.csrf) {
      const r = await fetch("/api/csrf", { credentials: "same-origin" });
      app.csrf = (await r.json()).token;
    }
    return app.csrf;
  },

  async send(method, url, body) {
    const headers = { "X-CSRF-TOKEN": await app.token() };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch(url, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return app.answer(r);
  },

  // POSTs a form with its files as multipart/form-data.
  async upload(url, form) {
    const r = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-TOKEN": await app.token() }, body: new FormData(form),
    });
    return app.answer(r);
  },

  async answer(r) {
    let data = null;
    const text = await r.text();
    if (text) { try { data = JSON.parse(text); } catch { data = { title: text }; } }
    return { ok: r.ok, status: r.status, data };
  },

  async get(url) {
    const r = await fetch(url, { credentials: "same-origin" });
    if (r.status === 401) { location.href = "/login"; return null; }
    return r.ok ? r.json() : null;
  },

  // Shows a ValidationProblem: the title in the form's .error box, each field's message beside it.
  showProblem(form, result) {
    form.querySelectorAll(".field-error").forEach(e => e.remove());
    const box = form.querySelector(".error");
    box.textContent = (result.data && (result.data.title || result.data.detail)) || ("Refused: " + result.status);
    const errors = (result.data && result.data.errors) || {};
    for (const [field, messages] of Object.entries(errors)) {
      const input = form.querySelector(`[name="${field}"]`);
      const note = document.createElement("div");
      note.className = "field-error";
      note.dataset.field = field;
      note.textContent = `${field}: ${messages.join("; ")}`;
      (input || box).insertAdjacentElement("afterend", note);
    }
  },

  formData(form) {
    const data = {};
    new FormData(form).forEach((v, k) => { data[k] = v; });
    return data;
  },

  async header() {
    const me = await app.get("/api/me");
    if (!me) return null;
    const nav = document.querySelector("header");
    if (nav) {
      const links = [["/agent", "Desktop"]];
      if (me.role !== "agent") links.push(["/wallboard", "Wallboard"], ["/reports", "Reports"], ["/usage", "Usage"],
        ["/forecast", "Forecast"], ["/recordings", "Recordings"], ["/customers", "Customers"], ["/sms", "SMS"],
        ["/callbacks", "Callbacks"]);
      if (me.role === "admin") links.push(["/admin", "Admin"], ["/routing", "Routing"], ["/pstn", "PSTN"], ["/flows", "IVR flows"], ["/hours", "Hours"],
        ["/recording-policy", "Recording"], ["/dispositions", "Dispositions"], ["/prompts", "Prompts"],
        ["/firmware", "Firmware"], ["/certificate", "Certificate"], ["/network", "Network"], ["/panel", "Panel"]);
      links.push(["/api-docs", "API"]);
      nav.innerHTML = "<strong>SparkleCC</strong>" + links.map(([h, t]) => `<a href="${h}">${t}</a>`).join("")
        + `<span class="who"></span><button id="logout">Log out</button>`;
      nav.querySelector(".who").textContent = `${me.name} (${me.role})`;
      nav.querySelector("#logout").onclick = async () => { await app.send("POST", "/api/logout"); location.href = "/login"; };
    }
    return me;
  },

  text(value) { return value === null || value === undefined ? "" : String(value); },

  // Fills a table body from rows; every cell is set as text, never as HTML.
  fill(tbody, rows, columns) {
    tbody.replaceChildren(...rows.map(row => {
      const tr = document.createElement("tr");
      for (const c of columns) {
        const td = document.createElement("td");
        td.textContent = app.text(typeof c === "function" ? c(row) : row[c]);
        tr.appendChild(td);
      }
      return tr;
    }));
  },

  seconds(since) { return Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000)); },
};
