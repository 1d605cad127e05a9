// Progressive enhancement only: every page works without this script.
// It adds a live countdown, background saves of answers, and live trainer results.
(function () {
  "use strict";

  function csrfOf(form) {
    var field = form.querySelector("input[name=csrf]");
    return field ? field.value : "";
  }

  // Countdown: the server enforces the limit; this only shows it and moves on at zero.
  var timer = document.getElementById("timer");
  if (timer) {
    var left = parseInt(timer.getAttribute("data-seconds-left"), 10);
    var value = timer.querySelector(".timer-value");
    var deadline = Date.now() + left * 1000;
    var tick = function () {
      var s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      value.textContent = Math.floor(s / 60) + " min " + String(s % 60).padStart(2, "0") + " s";
      if (s <= 60) { timer.classList.add("low"); }
      if (s === 0) {
        window.location.href = timer.getAttribute("data-expire-url");
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }

  // Background save: each change is sent at once, so nothing is lost if the tab closes.
  var quiz = document.querySelector("form.quiz[data-autosave=on]");
  if (quiz && window.fetch && window.FormData) {
    var status = quiz.querySelector(".save-status");
    var pending = null;
    var save = function () {
      var data = new FormData(quiz);
      data.set("action", "autosave");
      status.textContent = "Saving…";
      fetch(quiz.action, {
        method: "POST", body: new URLSearchParams(data), credentials: "same-origin",
        headers: { "X-Autosave": "1", "X-CSRF-Token": csrfOf(quiz) }
      }).then(function (response) {
        if (response.status === 409) { window.location.reload(); return null; }
        return response.json().then(function (body) {
          status.textContent = body.saved ? "Answer saved." : (body.error || "Not saved: check your answer.");
        });
      }).catch(function () {
        status.textContent = "Not saved yet: you seem to be offline. Your answer is sent when you continue.";
      });
    };
    var later = function () { window.clearTimeout(pending); pending = window.setTimeout(save, 600); };
    quiz.addEventListener("change", save);
    quiz.addEventListener("input", function (event) {
      if (event.target.type === "text") { later(); }
    });
  }

  // Move focus to feedback or errors so screen-reader users hear them first.
  var first = document.getElementById("error-summary") ||
    (window.location.hash === "#feedback" && document.getElementById("feedback"));
  if (first) { first.focus(); }

  // Trainer results: refresh the live part every 15 seconds.
  var live = document.getElementById("live");
  if (live && window.fetch) {
    window.setInterval(function () {
      fetch(live.getAttribute("data-live-url"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { live.innerHTML = html; } })
        .catch(function () {});
    }, 15000);
  }
})();
