// The callbacks page: pending callbacks from GET /api/callbacks, refreshed every two seconds,
// each with a Cancel button (DELETE /api/callbacks/{id}, CSRF-checked and audited by the box).
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);

  async function cancel(callback) {
    $("cancelled").textContent = "";
    $("refused").textContent = "";
    const result = await app.send("DELETE", `/api/callbacks/${encodeURIComponent(callback.id)}`);
    if (!result.ok) {
      $("refused").textContent = (result.data && result.data.title) || `Refused: ${result.status}`;
    } else {
      $("cancelled").textContent = `Callback to ${callback.number} (${callback.queue}) cancelled.`;
    }
    refresh();
  }

  async function refresh() {
    const callbacks = await app.get("/api/callbacks");
    if (!callbacks) return;
    app.fill($("callbacks"), callbacks, [
      "queue", "number", c => new Date(c.requestedUtc).toLocaleString(), "attempts", "state", () => "",
    ]);
    $("callbacks").querySelectorAll("tr").forEach((tr, i) => {
      const callback = callbacks[i];
      tr.dataset.id = callback.id;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Cancel";
      button.setAttribute("aria-label", `Cancel the callback to ${callback.number}`);
      if (callback.state === "dialling") {
        button.disabled = true;
        button.title = "Being dialled; it can be cancelled once this attempt ends";
      }
      button.addEventListener("click", () => cancel(callback));
      tr.lastElementChild.appendChild(button);
    });
    $("none").hidden = callbacks.length > 0;
  }

  refresh();
  setInterval(refresh, 2000);
})();
