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
