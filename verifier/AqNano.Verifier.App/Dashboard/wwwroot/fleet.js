// The fleet page: table refreshed on each decision, live feed over server-sent events.
"use strict";
let refreshTimer = null;

async function refreshFleet() {
  const devices = await aq.load("/api/devices");
  document.getElementById("count").textContent = `(${devices.length})`;
  document.querySelector("#fleet tbody").innerHTML = devices.map(d => `<tr data-device="${aq.text(d.deviceId)}">
    <td><a href="/device?id=${aq.text(d.deviceId)}">${aq.text(d.deviceId)}</a></td>
    <td class="gateway">${d.gateway ? `<a href="/device?id=${aq.text(d.gateway)}">${aq.text(d.gateway)}</a>` : ""}</td><td>${aq.text(d.zone)}</td>
    <td>${aq.mode(d.mode)}</td><td>${aq.text(d.reason)}</td><td>${d.continuityDepth}</td><td>${aq.sparkline(d.trustSlope)}</td>
    <td>${d.skewPpm == null ? "" : d.skewPpm.toFixed(1)}</td><td>${aq.time(d.lastSeenUnixMs)}</td><td>${d.witnesses}</td>
    <td class="digest">${aq.text(d.lastFrameDigest.slice(0, 16))}…</td>
    <td class="certificate" title="${aq.text(d.certificate.subject ?? "")}">${d.certificate.status === "none" ? "" : `<span class="cert ${aq.text(d.certificate.status)}">${aq.text(d.certificate.status)}</span>`}</td></tr>`).join("");
  const worker = await aq.load("/api/worker");
  document.getElementById("worker").textContent = worker.workerId
    ? `worker ${worker.workerId}: ${worker.ownedPartitions} of ${worker.partitions} partitions owned (the others' devices are judged by other workers)`
    : "";
  for (const d of devices) if (d.reason === "CloneEvidence") aq.banner({ verdict: "clone", deviceId: d.deviceId, mode: d.mode, reason: d.reason, explanation: d.explanation });
}

function addToFeed(item) {
  const feed = document.getElementById("feed");
  const li = document.createElement("li");
  li.className = item.alert ? "alert-line" : "";
  li.innerHTML = `${aq.time(item.time)} <b>${aq.text(item.deviceId)}</b> #${item.seq} ${aq.text(item.verdict)} → ${aq.mode(item.mode)} ${aq.text(item.reason)}: ${aq.text(item.explanation)}`;
  feed.prepend(li);
  while (feed.children.length > 200) feed.lastChild.remove();
  if (item.alert) aq.banner(item);
}

(async () => {
  await aq.start();
  await refreshFleet();
  for (const item of await aq.load("/api/feed")) addToFeed(item);
  const events = new EventSource("/api/events");
  // Anything judged between the first load and the stream opening is picked up here; the periodic
  // refresh keeps "last seen" current and covers a stream that reconnects.
  events.addEventListener("open", () => refreshFleet());
  setInterval(refreshFleet, 5000);
  events.addEventListener("judgement", e => {
    addToFeed(JSON.parse(e.data));
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshFleet, 250);
  });
})();
