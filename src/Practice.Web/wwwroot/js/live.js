// Live sessions: the participant's screen (data-live="play") and the host's console
// (data-live="host"). Both draw everything from what the hub returns, read from Postgres, and
// read it again on every event and after every reconnect, so a reload, a dropped network or a
// sleeping phone comes back to the same picture. The server keeps the clock: the countdown here
// only shows the time the server said was left; answers after the deadline are refused there.
(() => {
  "use strict";

  const root = document.querySelector("[data-live]");
  if (!root || typeof signalR === "undefined") {
    return;
  }
  const screen = root.querySelector("[data-screen]");
  const connectionStatus = root.querySelector("[data-connection]");
  const message = root.querySelector("[data-message]");
  const hosting = root.dataset.live === "host";
  const sessionId = root.dataset.session;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000, 30000])
    .build();

  // --- building the page (text only: names and prompts are never parsed as HTML) ---------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) {
        continue;
      }
      if (name === "text") {
        node.textContent = value;
      } else if (name.startsWith("on")) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? "" : value);
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child);
      }
    }
    return node;
  }

  function show(...nodes) {
    stopCountdown();
    screen.replaceChildren(...nodes.flat().filter(Boolean));
  }

  function say(text) {
    if (message) {
      message.textContent = text || "";
    }
  }

  // --- the countdown ------------------------------------------------------------------------------

  let countdown = null;

  function stopCountdown() {
    if (countdown) {
      clearInterval(countdown);
      countdown = null;
    }
  }

  // Counts down from the milliseconds the server said were left when it answered.
  function timer(question, onTimeUp) {
    const node = el("p", { class: "live-timer", "aria-live": "off" });
    if (question.paused) {
      node.textContent = `Paused with ${Math.ceil(question.remainingMs / 1000)} s left`;
      return node;
    }
    const ends = performance.now() + (question.remainingMs ?? 0);
    const tick = () => {
      const left = Math.max(0, Math.ceil((ends - performance.now()) / 1000));
      node.textContent = left > 0 ? `${left} s left` : "Time is up";
      if (left === 0) {
        stopCountdown();
        onTimeUp?.();
      }
    };
    queueMicrotask(() => {
      tick();
      if (!countdown && (question.remainingMs ?? 0) > 0) {
        countdown = setInterval(tick, 250);
      }
    });
    return node;
  }

  function heading(question) {
    return el("h2", { class: "live-question", tabindex: "-1" },
      el("span", { class: "question-number", text: `Question ${question.index + 1} of ${question.count}` }),
      question.prompt);
  }

  function leaderboard(rows, mine, caption) {
    if (!rows || rows.length === 0) {
      return el("p", { class: "muted", text: "Nobody has joined yet." });
    }
    return el("table", { class: "events leaderboard" },
      el("caption", { class: "muted", text: caption }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: "Place" }), el("th", { scope: "col", text: "Name" }),
        el("th", { scope: "col", text: "Points" }), el("th", { scope: "col", text: "Right" }))),
      el("tbody", {}, rows.map((row, i) => el("tr", { class: row.participantId === mine ? "mine" : null },
        el("td", { text: String(i + 1) }), el("th", { scope: "row", text: row.displayName + (row.participantId === mine ? " (you)" : "") }),
        el("td", { text: String(row.score) }), el("td", { text: String(row.right) })))));
  }

  function revealList(question, reveal) {
    const options = question.options.length > 0 && (question.kind === "single" || question.kind === "multi")
      ? question.options
      : Object.keys(reveal.distribution).map(id => ({ id, text: id }));
    const correct = new Set((reveal.correct || "").split(","));
    const choice = question.kind === "single" || question.kind === "multi";
    return el("ul", { class: "distribution" }, options.map(o => {
      const count = reveal.distribution[o.id] || 0;
      const right = choice ? correct.has(o.id) : o.id === reveal.correct;
      return el("li", { class: right ? "right" : null },
        el("span", { text: `${o.text}${right ? " — right" : ""}` }),
        el("span", { class: "count", text: `${count} answer${count === 1 ? "" : "s"}` }));
    }));
  }

  // An answer in the notation (ids joined by commas) in the options' words.
  function words(question, answer) {
    const names = new Map(question.options.map(o => [o.id, o.text]));
    const parts = answer.split(",").filter(Boolean).map(id => names.get(id) || id);
    if (parts.length === 0) {
      return "none of the options";
    }
    return question.kind === "order" || question.kind === "runbook" ? parts.join(" → ") : parts.join("; ");
  }

  function correctText(question, reveal) {
    return reveal.correct ? words(question, reveal.correct) : "See the scenario's result page for the outcome.";
  }

  // --- the answer form, by kind -------------------------------------------------------------------

  function answerForm(question, onAnswer) {
    const form = el("form", { class: "question live-answer" });
    const fields = el("fieldset", {}, el("legend", { text: "Your answer" }));
    const name = `q${question.index}`;
    let read;
    switch (question.kind) {
      case "single":
      case "multi": {
        const type = question.kind === "single" ? "radio" : "checkbox";
        if (question.kind === "multi") {
          fields.append(el("p", { class: "hint", text: "Pick every option that holds." }));
        }
        for (const option of question.options) {
          fields.append(el("label", { class: "option" }, el("input", { type, name, value: option.id }), option.text));
        }
        read = () => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value).join(",");
        break;
      }
      case "number": {
        const input = el("input", { type: "text", inputmode: "decimal", name, autocomplete: "off", required: true });
        fields.append(el("label", { class: "option" }, "A number ", input));
        read = () => input.value.trim();
        break;
      }
      case "order": {
        fields.append(el("p", { class: "hint", text: "Number them in the order they happen, 1 first." }));
        const list = el("ol", { class: "order-items" });
        const selects = question.options.map(item => {
          const select = el("select", { name: `${name}.${item.id}` }, el("option", { value: "", text: "—" }),
            question.options.map((_, i) => el("option", { value: String(i + 1), text: String(i + 1) })));
          list.append(el("li", {}, el("label", {}, select, " ", item.text)));
          return [item.id, select];
        });
        fields.append(list);
        read = () => {
          const chosen = selects.map(([id, select]) => [id, Number(select.value)]);
          if (chosen.some(([, position]) => !position) || new Set(chosen.map(([, p]) => p)).size !== chosen.length) {
            throw new Error(`Give each item a different position from 1 to ${chosen.length}.`);
          }
          return chosen.sort((a, b) => a[1] - b[1]).map(([id]) => id).join(",");
        };
        break;
      }
      case "runbook": {
        fields.append(el("p", { class: "hint", text: "Choose the steps to take, in order; leave the rest empty." }));
        const list = el("ol", { class: "runbook-steps" });
        const steps = Math.min(6, question.options.length);
        const selects = [];
        for (let i = 0; i < steps; i++) {
          const select = el("select", { name: `${name}.step.${i + 1}` }, el("option", { value: "", text: "—" }),
            question.options.map(o => el("option", { value: o.id, text: o.text })));
          selects.push(select);
          list.append(el("li", {}, el("label", {}, `Step ${i + 1} `, select)));
        }
        fields.append(list);
        read = () => selects.map(s => s.value).filter(Boolean).join(",");
        break;
      }
      default:
        fields.append(el("p", { text: "This kind of question cannot be answered here." }));
        read = () => "";
    }
    const button = el("button", { class: "button", type: "submit", text: "Send my answer" });
    const problem = el("p", { class: "form-errors", role: "alert", hidden: true });
    form.append(fields, problem, button);
    form.addEventListener("submit", async event => {
      event.preventDefault();
      let answer;
      try {
        answer = read();
      } catch (error) {
        problem.hidden = false;
        problem.textContent = error.message;
        return;
      }
      if (!answer) {
        problem.hidden = false;
        problem.textContent = "Choose an answer first.";
        return;
      }
      button.disabled = true;
      const result = await onAnswer(answer);
      if (result && !result.done) {
        problem.hidden = false;
        problem.textContent = result.problem;
        button.disabled = false;
      }
    });
    return { form, disable: () => { button.disabled = true; } };
  }

  // --- the participant's screen -------------------------------------------------------------------

  function drawSeat(view) {
    const question = view.question;
    const mine = view.mine;
    switch (view.state) {
      case "Lobby":
        return show(el("p", { class: "live-big", text: `You are in as ${view.displayName}.` }),
          el("p", { text: "Waiting for the host to start. The first question opens here by itself." }));
      case "Open":
        if (view.answered) {
          return show(heading(question), el("p", { class: "live-big", text: "Answer received." }),
            el("p", { text: `You answered: ${words(question, mine.answer)}. The reveal comes when the host closes the question.` }),
            el("p", { class: "muted", text: `Your points so far: ${view.score}` }));
        }
        if (question.paused) {
          return show(heading(question), timer(question), el("p", { text: "The host has paused the question. It comes back here when they resume." }));
        }
        {
          const { form, disable } = answerForm(question, answer => connection.invoke("Answer", question.index, answer).then(result => {
            if (result.done) {
              refresh();
            }
            return result;
          }));
          show(heading(question), timer(question, disable), form);
          screen.querySelector("h2")?.focus();
          return;
        }
      case "Closed":
        return show(heading(question), el("p", { class: "live-big", text: "Time is up." }),
          el("p", { text: mine ? `You answered: ${words(question, mine.answer)}. Waiting for the reveal.` : "You did not answer this one. Waiting for the reveal." }));
      case "Revealed": {
        const reveal = view.reveal;
        const verdict = reveal.skipped ? "The host skipped this question: it scores nothing."
          : !mine ? "You did not answer this one."
          : mine.correct ? `Right: +${mine.points} points.`
          : mine.points > 0 ? `Partly right: +${mine.points} points.` : "Not right this time.";
        return show(heading(question),
          el("p", { class: `live-big ${mine?.correct ? "right" : "wrong"}`, text: verdict }),
          el("p", {}, el("strong", { text: "The answer: " }), correctText(question, reveal)),
          revealList(question, reveal),
          leaderboard(view.leaderboard, view.participantId, `Points after question ${question.index + 1}`));
      }
      case "Ended":
        return show(el("p", { class: "live-big", text: `The session is over. You scored ${view.score} points.` }),
          leaderboard(view.leaderboard, view.participantId, "Final standings"),
          el("p", {}, "Members' answers count in their progress. ", el("a", { href: "/progress", text: "See your progress" })));
      default:
        return show(el("p", { text: `The session is ${view.state}.` }));
    }
  }

  // --- the host's console -------------------------------------------------------------------------

  async function command(name, seconds) {
    say("");
    try {
      const result = await connection.invoke("Command", sessionId, name, seconds ?? null);
      if (!result.done) {
        say(result.problem);
      }
    } catch (error) {
      say("The command did not reach the server. It retries the connection; try again in a moment.");
    }
    refresh();
  }

  function controls(view) {
    const buttons = [];
    const button = (text, name, primary) =>
      el("button", { class: primary ? "button" : "button secondary", type: "button", text, onclick: () => command(name) });
    switch (view.state) {
      case "Lobby":
        buttons.push(button("Start the first question", "start", true));
        break;
      case "Open":
        buttons.push(button("Close the question", "close", true));
        buttons.push(view.question.paused ? button("Resume", "resume") : button("Pause", "pause"));
        buttons.push(button("Skip", "skip"));
        break;
      case "Closed":
        buttons.push(button("Reveal the answers", "reveal", true));
        buttons.push(button("Skip", "skip"));
        break;
      case "Revealed":
        if (view.question.index + 1 < view.question.count) {
          buttons.push(button("Next question", "next", true));
        }
        break;
    }
    if (view.state !== "Ended") {
      buttons.push(el("button", {
        class: "button danger", type: "button", text: "End the session",
        onclick: () => { if (confirm("End the session for everyone? Members' answers are recorded when it ends.")) { command("end"); } },
      }));
    }
    const bar = el("div", { class: "live-controls", role: "group", "aria-label": "Host controls" }, buttons);
    if (view.state === "Lobby" || view.state === "Closed" || view.state === "Revealed") {
      const input = el("input", { type: "number", min: "5", max: "300", value: String(view.timeLimitSeconds), name: "seconds", id: "live-seconds" });
      bar.append(el("form", {
        class: "live-limit", onsubmit: event => { event.preventDefault(); command("limit", Number(input.value)); },
      }, el("label", { for: "live-seconds", text: "Seconds per question " }), input, " ", el("button", { class: "button secondary", type: "submit", text: "Set" })));
    }
    return bar;
  }

  function seats(view) {
    if (view.seats.length === 0) {
      return el("p", { class: "muted", text: "Nobody has joined yet." });
    }
    return el("table", { class: "events leaderboard" },
      el("caption", { class: "muted", text: `${view.seats.length} joined` }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: "Name" }), el("th", { scope: "col", text: "Points" }),
        el("th", { scope: "col", text: "Right" }), el("th", { scope: "col", text: "" }))),
      el("tbody", {}, view.seats.map(row => el("tr", {},
        el("th", { scope: "row", text: row.displayName }), el("td", { text: String(row.score) }), el("td", { text: String(row.right) }),
        el("td", {}, view.state === "Ended" ? null : el("button", {
          class: "link-button danger-link", type: "button", text: `Remove ${row.displayName}`,
          onclick: async () => {
            if (!confirm(`Remove ${row.displayName} from the session?`)) {
              return;
            }
            const result = await connection.invoke("Remove", sessionId, row.participantId);
            say(result.done ? "" : result.problem);
            refresh();
          },
        }))))));
  }

  function drawConsole(view) {
    const parts = [el("p", { class: "live-state", text: describe(view) })];
    if (view.question) {
      parts.push(heading(view.question));
      if (view.state === "Open") {
        parts.push(timer(view.question));
      }
      parts.push(el("p", { class: "live-big", text: `${view.answers} of ${view.seats.length} answered` }));
      if (view.reveal) {
        parts.push(el("p", {}, el("strong", { text: "The answer: " }), correctText(view.question, view.reveal)), revealList(view.question, view.reveal));
      }
    }
    parts.push(controls(view));
    parts.push(el("h2", { text: view.state === "Ended" ? "Final standings" : "Participants" }), seats(view));
    if (view.state === "Ended") {
      parts.push(el("p", {}, el("a", { href: `/teams/${root.dataset.team}`, text: "Back to the team" })));
    }
    show(parts);
  }

  function describe(view) {
    switch (view.state) {
      case "Lobby": return `Lobby: people join with the code. ${view.timeLimitSeconds} s per question.`;
      case "Open": return view.question.paused ? "The question is paused." : "The question is open.";
      case "Closed": return "The question is closed: reveal the answers when the room is ready.";
      case "Revealed": return view.question.index + 1 < view.question.count ? "Revealed. Open the next question when ready." : "That was the last question. End the session to record everyone's answers.";
      case "Ended": return "The session is over. Members' answers are recorded in their progress.";
      default: return view.state;
    }
  }

  // --- the connection -----------------------------------------------------------------------------

  // One read at a time; events that arrive meanwhile cause one more read, not one each.
  let reading = false;
  let again = false;

  async function refresh() {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        if (hosting) {
          drawConsole(await connection.invoke("Console", sessionId));
        } else {
          drawSeat(await connection.invoke("Look"));
        }
      } while (again);
    } catch (error) {
      failed(error);
    } finally {
      reading = false;
    }
  }

  function failed(error) {
    const text = String(error && error.message || error);
    if (/not seated/i.test(text)) {
      show(el("p", { class: "notice", role: "status" }, "You have no seat in this session any more (the host may have removed it). ",
        el("a", { href: "/live", text: "Join with a code" })));
      connection.stop();
    } else {
      connectionStatus.textContent = "Something went wrong reading the session. Reload the page to try again.";
    }
  }

  async function enter() {
    if (hosting) {
      const result = await connection.invoke("Watch", sessionId);
      if (!result.done) {
        throw new Error(result.problem);
      }
      drawConsole(await connection.invoke("Console", sessionId));
    } else {
      drawSeat(await connection.invoke("Take"));
    }
    connectionStatus.textContent = "Connected.";
  }

  for (const event of ["question", "closed", "revealed", "ended", "removed", "answers", "seats"]) {
    connection.on(event, () => refresh());
  }
  connection.onreconnecting(() => {
    connectionStatus.textContent = "Connection lost: reconnecting…";
  });
  connection.onreconnected(() => enter().catch(failed));
  connection.onclose(() => {
    connectionStatus.textContent = "Disconnected. Reload the page to come back to your seat.";
  });

  connection.start().then(enter).catch(error => {
    if (connection.state === signalR.HubConnectionState.Connected) {
      failed(error);
    } else {
      connectionStatus.textContent = "Could not connect to the session. Reload the page to try again.";
    }
  });
})();
