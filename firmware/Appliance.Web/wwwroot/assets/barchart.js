// A small bar chart drawn as SVG: one bar per label, its height the value, every text set as text.
"use strict";
const barchart = {
  ns: "http://www.w3.org/2000/svg",

  el(name, attributes, text) {
    const e = document.createElementNS(barchart.ns, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  },

  // labels: texts; values: numbers (null counts as 0); returns an <svg> element.
  draw(labels, values, title) {
    const width = 720, height = 220, left = 40, bottom = 50, top = 20;
    const svg = barchart.el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart" });
    svg.appendChild(barchart.el("title", {}, title));
    const max = Math.max(1, ...values.map(v => v || 0));
    const plot = height - bottom - top;
    const slot = (width - left) / Math.max(1, labels.length);
    svg.appendChild(barchart.el("line", { x1: left, y1: top + plot, x2: width, y2: top + plot, stroke: "#888" }));
    svg.appendChild(barchart.el("text", { x: left - 4, y: top + 4, "text-anchor": "end", "font-size": 11 }, String(max)));
    svg.appendChild(barchart.el("text", { x: left - 4, y: top + plot, "text-anchor": "end", "font-size": 11 }, "0"));
    labels.forEach((label, i) => {
      const value = values[i] || 0;
      const h = plot * value / max;
      const x = left + i * slot + slot * 0.15;
      const bar = barchart.el("rect", {
        x, y: top + plot - h, width: Math.max(1, slot * 0.7), height: h, fill: "#3a6fd8", "data-label": label,
        "data-value": value,
      });
      bar.appendChild(barchart.el("title", {}, `${label}: ${value}`));
      svg.appendChild(bar);
      // Label every bar while they fit, otherwise about twelve of them.
      if (labels.length <= 12 || i % Math.ceil(labels.length / 12) === 0) {
        svg.appendChild(barchart.el("text", {
          x: x + slot * 0.35, y: top + plot + 14, "text-anchor": "middle", "font-size": 10,
        }, String(label).length > 16 ? String(label).slice(-11) : String(label)));
      }
    });
    return svg;
  },
};
