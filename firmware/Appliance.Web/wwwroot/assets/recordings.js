"use strict";
(async () => {
  if (!await app.header()) return;
  const form = document.getElementById("search");
  async function show() {
    const rows = await app.get(`/api/recordings?search=${encodeURIComponent(form.q.value)}`) || [];
    const tbody = document.getElementById("rows");
    app.fill(tbody, rows, ["arrivedUtc", "callerNumber", "queue", "agent", "talkSeconds", () => ""]);
    [...tbody.rows].forEach((tr, i) => {
      const play = document.createElement("button");
      play.textContent = "Play";
      play.onclick = () => { const p = document.getElementById("player"); p.src = `/api/recordings/${rows[i].id}/audio`; p.play(); };
      tr.lastChild.appendChild(play);
    });
  }
  form.addEventListener("submit", e => { e.preventDefault(); show(); });
  show();
})();
