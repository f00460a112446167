// A report table as the reports and usage pages show it: a section with its title, a bar chart of
// its chart column, a CSV link and the table; a column named "recording" holds audio links.
"use strict";
const reporttables = {
  section(container, prefix, name) {
    let s = document.getElementById(`${prefix}-${name}`);
    if (s) return s;
    s = document.createElement("section");
    s.id = `${prefix}-${name}`;
    s.innerHTML = `<h2></h2><div class="chart-box"></div><p><a class="csv">Download CSV</a></p>`
      + `<table><thead><tr></tr></thead><tbody></tbody></table>`;
    container.appendChild(s);
    return s;
  },

  show(s, table, csvHref, empty) {
    s.querySelector("h2").textContent = table.title;
    s.querySelector("a.csv").href = csvHref;
    const head = s.querySelector("thead tr");
    head.replaceChildren(...table.columns.map(c => { const th = document.createElement("th"); th.textContent = c; return th; }));
    const rows = table.rows.map(r => Object.fromEntries(r.map((v, i) => [i, v])));
    const tbody = s.querySelector("tbody");
    app.fill(tbody, rows, table.columns.map((_, i) => i));
    const link = table.columns.indexOf("recording");
    if (link >= 0) {
      [...tbody.rows].forEach((tr, i) => {
        const href = table.rows[i][link];
        if (!href) return;
        const a = Object.assign(document.createElement("a"), { href, textContent: "Play", className: "recording" });
        tr.cells[link].replaceChildren(a);
      });
    }
    const chartAt = table.columns.indexOf(table.chartColumn);
    const box = s.querySelector(".chart-box");
    box.replaceChildren(table.rows.length === 0
      ? Object.assign(document.createElement("p"), { textContent: empty })
      : barchart.draw(table.rows.map(r => r[0]), table.rows.map(r => r[chartAt]), `${table.title}: ${table.chartColumn}`));
  },
};
