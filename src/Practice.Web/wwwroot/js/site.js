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
