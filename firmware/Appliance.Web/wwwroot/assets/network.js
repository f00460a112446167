// The network page: the address (DHCP or static), host name and NTP servers, and their change.
"use strict";
(async () => {
  if (!await app.header()) return;
  const $ = id => document.getElementById(id);
  const form = $("network");
  let state = null;

  function show(d) {
    state = d;
    $("interface").textContent = d.interface;
    $("virtual").hidden = d.applies;
    $("saved").textContent = d.mode === "dhcp" ? "DHCP"
      : `static ${d.address}/${d.prefixLength}, gateway ${d.gateway || "none"}, DNS ${d.dns.join(" ")}`;
    $("addresses").textContent = d.addresses.length ? d.addresses.join(", ") : "(none)";
    $("hostNameNow").textContent = d.hostNameNow;
    $("ntpNow").textContent = d.ntp.length ? d.ntp.join(" ") : "(the defaults, and any DHCP gives)";
    $("sip").textContent = d.sipAdvertisedAs;
    $("files").textContent = d.files.join(", ");
    $("mode").value = d.mode;
    $("address").value = app.text(d.address);
    $("netmask").value = d.prefixLength === null ? "" : String(d.prefixLength);
    $("gateway").value = app.text(d.gateway);
    $("dns").value = d.dns.join(" ");
    $("hostName").value = d.hostName;
    $("ntp").value = d.ntp.join(" ");
    $("confirmMove").checked = false;
    update();
  }

  // Warns before the save that the page moves, and where to: a new address is never a surprise.
  function update() {
    const dhcp = $("mode").value === "dhcp";
    $("static-fields").hidden = dhcp;
    let moves = null;
    const here = location.hostname;
    if (!dhcp && $("address").value.trim() && $("address").value.trim() !== here) {
      moves = `https://${$("address").value.trim()}:${location.port || 443}/network`;
    } else if (dhcp && state && state.mode === "static" && state.address === here) {
      moves = "the address the DHCP server gives the box (the front panel's status screen shows it)";
    }
    const changed = state && (dhcp ? state.mode !== "dhcp" : $("address").value.trim() !== app.text(state.address));
    $("move").hidden = !(moves && changed);
    $("confirm-label").hidden = $("move").hidden || !state.applies;
    $("move").textContent = !moves ? ""
      : state.applies ? `This page is open at ${here}. After the save the box answers at ${moves}; open it there.`
      : `On a box this save would move the page to ${moves}; here, on the virtual board, nothing moves.`;
  }

  form.addEventListener("input", update);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const body = app.formData(form);
    if (!$("confirmMove").checked) delete body.confirmMove;
    const r = await app.send("POST", "/api/admin/network", body);
    if (!r.ok) { app.showProblem(form, r); $("applied").textContent = ""; return; }
    app.showProblem(form, { data: { title: "" } });
    form.querySelector(".error").textContent = "";
    show(r.data);
    $("applied").textContent = r.data.applies
      ? "Saved and applied." + (r.data.movedTo ? ` The page is now at ${r.data.movedTo}.` : "")
      : "Written, not applied: this box runs on the virtual board.";
  });

  const d = await app.get("/api/admin/network");
  if (d) show(d);
})();
