// Live sessions: the participant's screen (data-live="play") and the host's console
// (data-live="host"). The server draws both; this script only keeps them current. It joins the
// session over SignalR, and whenever the hub says something changed (and after every reconnect)
// it asks for the screen again and puts it in place. Forms are sent without leaving the page.
// Without it, the pages work by reloading. The server keeps the clock: the countdown here only
// shows the time the server said was left; answers after the deadline are refused there.
(() => {
  "use strict";

  const root = document.querySelector("[data-live]");
  if (!root || typeof signalR === "undefined") {
    return;
  }
  const screen = root.querySelector("[data-screen]");
  const status = root.querySelector("[data-connection]");
  const hosting = root.dataset.live === "host";
  const sessionId = root.dataset.session;
  const screenUrl = root.dataset.screenUrl;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000, 30000])
    .build();

  // --- the countdown: from the milliseconds the server said were left when it drew the screen ---

  let ticking = null;

  function startCountdowns() {
    clearInterval(ticking);
    const timers = [...screen.querySelectorAll("[data-remaining-ms]")].map(node => ({
      node,
      ends: performance.now() + Number(node.dataset.remainingMs),
    }));
    if (timers.length === 0) {
      return;
    }
    const tick = () => {
      for (const { node, ends } of timers) {
        const left = Math.max(0, Math.ceil((ends - performance.now()) / 1000));
        node.textContent = left > 0 ? `${left} s left` : "Time is up";
        if (left === 0) {
          // The server refuses a late answer anyway; the button says so first.
          screen.querySelectorAll(".live-answer button[type=submit]").forEach(b => { b.disabled = true; });
        }
      }
    };
    tick();
    ticking = setInterval(tick, 250);
  }

  // --- putting a new screen in place -------------------------------------------------------------

  let lastFocus = null;

  function place(html) {
    // Keep the keyboard where it was: the same control, if the new screen has it.
    const active = document.activeElement;
    const again = active && screen.contains(active) && active.name
      ? `[name="${CSS.escape(active.name)}"]${active.value ? `[value="${CSS.escape(active.value)}"]` : ""}`
      : null;
    screen.innerHTML = html;
    startCountdowns();
    const focus = screen.querySelector("[data-focus]");
    if (focus && focus.dataset.focus !== lastFocus) {
      // A new question (or its reveal): screen readers and keyboards start at its heading.
      lastFocus = focus.dataset.focus;
      focus.focus();
    } else if (again) {
      (screen.querySelector(again) || screen.querySelector(".live-controls button:not([disabled])"))?.focus();
    }
  }

  // One read at a time; events that arrive meanwhile cause one more read, not one each.
  let reading = false;
  let pending = false;

  async function refresh() {
    if (reading) {
      pending = true;
      return;
    }
    reading = true;
    try {
      do {
        pending = false;
        const response = await fetch(screenUrl, { headers: { "X-Live-Screen": "1" }, credentials: "same-origin" });
        place(await response.text());
      } while (pending);
    } catch {
      status.textContent = "Could not read the session. It tries again with the next change; reload to try now.";
    } finally {
      reading = false;
    }
  }

  // Forms on the screen (answers, host controls) go without leaving the page; the reply is the new screen.
  screen.addEventListener("submit", async event => {
    const form = event.target;
    event.preventDefault();
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) {
      return;
    }
    const body = new FormData(form, event.submitter);
    form.querySelectorAll("button").forEach(b => { b.disabled = true; });
    try {
      const response = await fetch(form.action, { method: "POST", body, headers: { "X-Live-Screen": "1" }, credentials: "same-origin" });
      place(await response.text());
    } catch {
      form.querySelectorAll("button").forEach(b => { b.disabled = false; });
      status.textContent = "That did not reach the server. Check the connection and try again.";
    }
  });

  // --- the connection -----------------------------------------------------------------------------

  async function enter() {
    if (hosting) {
      const result = await connection.invoke("Watch", sessionId);
      if (!result.done) {
        throw new Error(result.problem);
      }
    } else {
      await connection.invoke("Take");
    }
    status.textContent = "Connected: this page follows the session by itself.";
    await refresh();
  }

  for (const event of ["lobby", "question", "closed", "revealed", "step", "ended", "removed", "answers", "seats"]) {
    connection.on(event, () => refresh());
  }
  connection.onreconnecting(() => {
    status.textContent = "Connection lost: reconnecting…";
  });
  connection.onreconnected(() => enter().catch(() => refresh()));
  connection.onclose(() => {
    status.textContent = "Disconnected. Reload the page to come back to your seat.";
  });

  startCountdowns();
  connection.start().then(enter).catch(() => {
    // Not seated any more, or the hub is out of reach: the screen says which on its next read.
    status.textContent = "Not connected: reload the page to follow the session.";
    refresh();
  });
})();
