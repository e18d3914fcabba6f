// Practice's only script for every page. Pages work without it.

// The register form sends the browser's time zone (IANA, e.g. "Europe/Berlin"), so progress and
// streaks count the learner's own days; without script the account starts in UTC.
for (const field of document.querySelectorAll("input[data-browser-time-zone]")) {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !field.value) {
      field.value = zone;
    }
  } catch {
    // An old browser without Intl: UTC it is.
  }
}

// A mock exam's time left, counted down from what the server said when it drew the page; at zero
// the page reloads, and the server ends the exam with the answers saved so far.
for (const timer of document.querySelectorAll("[data-countdown-ms]")) {
  const ends = performance.now() + Number(timer.dataset.countdownMs);
  const tick = () => {
    const left = Math.max(0, Math.ceil((ends - performance.now()) / 1000));
    timer.textContent = left > 0 ? `${Math.floor(left / 60)} min ${left % 60} s left` : "Time is up";
    if (left === 0) {
      clearInterval(ticking);
      setTimeout(() => location.reload(), 1000);
    }
  };
  const ticking = setInterval(tick, 1000);
  tick();
}

// The incident console: Run answers without reloading the page (the same handler; the console's
// part of the page it returns replaces this one's), Enter runs, the arrow keys walk back through
// what was typed, and Tab completes a command or a name, pods' too (when there is nothing to complete, Tab
// moves on as usual, so the keyboard is never trapped). Without script, Run posts the form.
for (const box of document.querySelectorAll("[data-console-words]")) {
  const input = box.querySelector("input[name='console.command']");
  const run = box.querySelector("button[formaction]");
  const form = input.form;
  let words = JSON.parse(box.dataset.consoleWords);
  const history = [];
  let back = 0;
  const status = box.querySelector(".console-status");
  run.type = "button"; // Enter elsewhere in the form grades the answers, as on a page without a console
  const scrollDown = () => {
    const screen = box.querySelector(".console-screen");
    screen.scrollTop = screen.scrollHeight;
  };
  const send = async () => {
    const data = new FormData(form);
    data.set("console.command", input.value);
    if (input.value.trim()) {
      history.push(input.value);
    }
    back = 0;
    run.disabled = true;
    status.textContent = "Running…";
    try {
      const response = await fetch(run.formAction, { method: "POST", body: data });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-console-words]");
      if (!fresh) {
        throw new Error(`status ${response.status}`);
      }
      for (const part of [".console-screen", ".console-now", ".console-actions"]) {
        box.querySelector(part).innerHTML = fresh.querySelector(part).innerHTML;
      }
      box.querySelector("input[name='console.lines']").value = fresh.querySelector("input[name='console.lines']").value;
      words = JSON.parse(fresh.dataset.consoleWords); // the pods of the console's new moment
      input.value = "";
      status.textContent = "";
      scrollDown();
    } catch {
      status.textContent = "The console could not reach the server; your command is still in the box: try Run again.";
    } finally {
      run.disabled = false;
      input.focus();
    }
  };
  run.addEventListener("click", send);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      send();
    } else if (event.key === "ArrowUp" && back < history.length) {
      event.preventDefault();
      back++;
      input.value = history[history.length - back];
    } else if (event.key === "ArrowDown" && back > 0) {
      event.preventDefault();
      back--;
      input.value = back === 0 ? "" : history[history.length - back];
    } else if (event.key === "Tab" && !event.shiftKey && input.value.trim()) {
      const start = input.value.lastIndexOf(" ") + 1;
      const prefix = input.value.slice(start);
      const matches = words.filter((w) => w.startsWith(prefix));
      let common = matches[0] ?? "";
      for (const m of matches) {
        while (!m.startsWith(common)) {
          common = common.slice(0, -1);
        }
      }
      if (common.length > prefix.length) {
        event.preventDefault();
        input.value = input.value.slice(0, start) + common + (matches.length === 1 ? " " : "");
      }
    }
  });
  scrollDown();
}
