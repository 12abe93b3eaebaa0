// Shared helpers of the dashboard pages: session, escaping, mode colours, sparkline.
"use strict";
const aq = {
  session: null,
  async load(path) {
    const response = await fetch(path, { credentials: "same-origin" });
    if (response.status === 401) { location.href = "/login"; throw new Error("not logged in"); }
    return response.json();
  },
  async start() {
    aq.session = await aq.load("/api/session");
    document.getElementById("who").textContent = `${aq.session.user} (${aq.session.role})`;
  },
  text(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span.innerHTML; },
  mode(mode) { return `<span class="mode ${aq.text(mode)}">${aq.text(mode)}</span>`; },
  time(ms) { return ms ? new Date(ms).toLocaleTimeString() : ""; },
  // A client certificate is one weighed observation beside the chain (docs/ADOPTION.md, brownfield overlay).
  certificate(c) {
    if (!c || c.status === "none") return `<span class="cert none">none presented</span>`;
    const until = c.notAfterUnixMs ? new Date(c.notAfterUnixMs).toISOString().slice(0, 10) : "";
    return `<span class="cert ${aq.text(c.status)}">${aq.text(c.status)}</span> ${aq.text(c.subject)}, issued by ${aq.text(c.issuer)},`
      + ` serial ${aq.text(c.serial)}, not after ${aq.text(until)}`;
  },
  sparkline(points) {
    if (!points || points.length < 2) return "";
    const max = Math.max(...points, 1), w = 80, h = 18;
    const xy = points.map((p, i) => `${(i * w / (points.length - 1)).toFixed(1)},${(h - p * h / max).toFixed(1)}`).join(" ");
    return `<svg class="spark" width="${w}" height="${h}"><polyline points="${xy}"/></svg>`;
  },
  banner(item) {
    const banner = document.getElementById("banner");
    banner.hidden = false;
    banner.textContent = `ALERT ${item.verdict} on ${item.deviceId}: ${item.mode} (${item.reason}) ${item.explanation}`;
  },
};
