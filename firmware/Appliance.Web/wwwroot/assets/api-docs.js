"use strict";
(async () => {
  await app.header();
  const doc = await (await fetch("/openapi/v1.json")).json();
  const rows = [];
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      rows.push({ method: method.toUpperCase(), path, what: op.summary || (op.tags || []).join(", ") });
    }
  }
  app.fill(document.getElementById("paths"), rows, ["method", "path", "what"]);
})();
