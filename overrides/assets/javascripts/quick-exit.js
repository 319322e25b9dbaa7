/* Quick exit: leave the guide at once for a neutral page (mkdocs.yml extra.quick_exit_url).
 *
 * The "Exit this page" button is a real link (it works without JavaScript). With JavaScript:
 * - pressing it, or pressing Shift three times with no more than five seconds between presses
 *   (GOV.UK's "Exit this page" timing, which leaves time for people with a tremor or who
 *   move slowly; the time restarts at each press), hides the page and replaces
 *   it in the history with the neutral page (location.replace), so Back does not return here;
 * - any other key between the Shift presses starts the count again, so typing capitals never
 *   triggers it. Escape is left alone: it closes the search.
 * The count is announced in the button's status region, as GOV.UK's "Exit this page" does.
 * It cannot remove the guide from the browser's history of earlier pages: the page
 * /staying-safe/ says so.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var GAP_MS = 5000; // the longest wait between two presses

  var presses = 0;
  var resetTimer = null;

  function button() {
    return document.querySelector("[data-pg-exit-button]");
  }

  function announce(text) {
    var status = document.querySelector("[data-pg-exit-status]");
    if (status) status.textContent = text;
  }

  function exit() {
    var link = button();
    if (!link) return;
    document.documentElement.classList.add("pg-exiting");
    document.title = "";
    window.location.replace(link.href);
  }

  function reset() {
    presses = 0;
    if (resetTimer) window.clearTimeout(resetTimer);
    resetTimer = null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-pg-exit-button]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    exit();
  });

  // Capture phase: Material's own key handlers cannot stop the count.
  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Shift") {
        if (presses) {
          reset();
          announce("");
        }
        return;
      }
      if (event.repeat) return; // holding Shift down is one press
      presses += 1;
      if (presses >= PRESSES) {
        reset();
        announce("Leaving this page.");
        exit();
        return;
      }
      var left = PRESSES - presses;
      announce("Shift pressed. Press it " + left + " more time" + (left === 1 ? "" : "s") + " to leave this page.");
      if (resetTimer) window.clearTimeout(resetTimer);
      resetTimer = window.setTimeout(function () {
        reset();
        announce("Exit this page: the Shift presses have expired.");
      }, GAP_MS);
    },
    true
  );

  // A page restored from the back-forward cache must not stay hidden.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("pg-exiting");
  });
})();
