// A device page: the evidence behind its mode, its lineage, operator actions.
"use strict";
const id = new URLSearchParams(location.search).get("id") ?? "";

async function refreshDevice() {
  const { device: d, lineage } = await aq.load(`/api/devices/${encodeURIComponent(id)}`);
  document.getElementById("title").textContent = d.deviceId;
  document.getElementById("evidence").innerHTML = `<h2>Standing ${aq.mode(d.mode)} <small id="reason">${aq.text(d.reason)}</small></h2>
    <p id="explanation">${aq.text(d.explanation)}</p>
    <dl>${d.gateway ? `<dt>Proxied by gateway</dt><dd id="gateway"><a href="/device?id=${aq.text(d.gateway)}">${aq.text(d.gateway)}</a></dd>` : ""}
    <dt>Zone</dt><dd>${aq.text(d.zone)}</dd><dt>Path</dt><dd>${aq.text(d.path)}</dd>
    <dt>Epoch</dt><dd>${aq.text(d.epoch)}</dd><dt>Last seq</dt><dd>${d.lastSeq}</dd>
    <dt>Continuity depth</dt><dd>${d.continuityDepth} ${aq.sparkline(d.trustSlope)}</dd>
    <dt>Granted / requested scope</dt><dd>0x${d.grantedScope.toString(16)} / 0x${d.requestedScope.toString(16)}</dd>
    <dt>Skew</dt><dd>${d.skewPpm == null ? "not yet measured" : d.skewPpm.toFixed(1) + " ppm"}</dd>
    <dt>Agreeing witnesses</dt><dd>${d.witnesses}</dd><dt>Incidents</dt><dd>${d.incidents}</dd>
    <dt>Certificate</dt><dd id="certificate">${aq.certificate(d.certificate)}</dd>
    <dt>Last frame digest</dt><dd class="digest">${aq.text(d.lastFrameDigest)}</dd></dl>`;
  if (d.reason === "CloneEvidence") aq.banner({ verdict: "clone", deviceId: d.deviceId, mode: d.mode, reason: d.reason, explanation: d.explanation });
  document.querySelector("#lineage tbody").innerHTML = lineage.slice().reverse().map(r => `<tr class="kind-${aq.text(r.kind)}">
    <td>${r.sequence}</td><td>${aq.time(r.time)}</td><td>${aq.text(r.kind)}</td>
    <td class="digest">${aq.text(r.frameDigest ? r.frameDigest.slice(0, 16) + "…" : "")}</td>
    <td><code>${aq.text(JSON.stringify(r.detail))}</code></td></tr>`).join("");
}

async function operate(action) {
  const response = await fetch(`/api/devices/${encodeURIComponent(id)}/${action}`, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": aq.session.csrfToken },
    body: JSON.stringify({ reason: document.getElementById("operator-reason").value || `${action} from the dashboard` }),
  });
  document.getElementById("result").textContent = response.ok ? `${action}: done` : `${action}: refused (${response.status})`;
  await refreshDevice();
}

(async () => {
  await aq.start();
  document.getElementById("actions").hidden = aq.session.role !== "operator";
  document.getElementById("revoke").onclick = () => operate("revoke");
  document.getElementById("reinstate").onclick = () => operate("reinstate");
  await refreshDevice();
  const events = new EventSource("/api/events");
  events.addEventListener("open", () => refreshDevice());
  events.addEventListener("judgement", e => { if (JSON.parse(e.data).deviceId === id) refreshDevice(); });
})();
