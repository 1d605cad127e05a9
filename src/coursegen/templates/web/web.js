// Progressive enhancement only: every page works without this script.
// It adds a live countdown, background saves of answers, and live trainer results.
(function () {
  "use strict";

  // The page's interface strings, translated on the server (coursegen.i18n.script_strings):
  // text(key, values) fills {name} placeholders; a counted message takes its plural form
  // from the `plural` table by values.n.
  var script = document.getElementById("coursegen-strings");
  var strings = script ? JSON.parse(script.textContent) : {};
  function text(key, values) {
    var message = strings[key] === undefined ? key : strings[key];
    values = values || {};
    if (Array.isArray(message)) {
      var table = strings.plural || [];
      var n = Math.floor(Math.abs(values.n));
      message = message[Math.min(table[n < table.length ? n : 100 + n % 100] || 0, message.length - 1)];
    }
    return String(message).replace(/\{(\w+)\}/g, function (found, name) {
      return values[name] === undefined ? found : String(values[name]);
    });
  }

  function csrfOf(form) {
    var field = form.querySelector("input[name=csrf]");
    return field ? field.value : "";
  }

  // Background save: each change is sent at once, so nothing is lost if the tab closes.
  // Saves use keepalive so a request already under way survives the page going away.
  var quiz = document.querySelector("form.quiz[data-autosave=on]");
  var flushThen = function (go) { go(); };
  if (quiz && window.fetch && window.FormData && window.URLSearchParams) {
    // getAttribute: the form holds a button named "action", which shadows quiz.action.
    var target = quiz.getAttribute("action");
    var status = quiz.querySelector(".save-status");
    var saved = new URLSearchParams(new FormData(quiz)).toString();
    var pending = null;
    var body = function () {
      var data = new FormData(quiz);
      data.set("action", "autosave");
      return new URLSearchParams(data);
    };
    var current = function () { return new URLSearchParams(new FormData(quiz)).toString(); };
    var tell = function (text, kind) {
      status.textContent = text;
      status.setAttribute("data-state", kind);
    };
    var reason = function (response, answer) {
      if (answer && answer.error) { return answer.error; }
      if (answer && answer.errors) {
        for (var field in answer.errors) { return answer.errors[field]; }
      }
      if (response.status === 403) { return text("page_expired"); }
      return text("server_answered", { status: (response.status + " " + (response.statusText || "")).trim() });
    };
    var showAnswered = function (count) {
      var line = document.getElementById("progress-text");
      var bar = document.querySelector(".quiz-head progress");
      var answered = line && line.querySelector(".answered-count");
      if (typeof count !== "number" || !answered) { return; }
      answered.textContent = text(answered.getAttribute("data-message") || "answered", {
        n: count, total: answered.getAttribute("data-total")
      });
      if (bar) { bar.value = count; }
    };
    var save = function () {
      window.clearTimeout(pending);
      var sent = current();
      tell(text("saving"), "saving");
      return fetch(target, {
        method: "POST", body: body(), credentials: "same-origin", keepalive: true,
        headers: { "X-Autosave": "1", "X-CSRF-Token": csrfOf(quiz) }
      }).then(function (response) {
        if (response.status === 409) { window.location.reload(); return; }
        return response.json().catch(function () { return null; }).then(function (answer) {
          if (response.ok && answer && answer.saved) {
            saved = sent;
            showAnswered(answer.answered);
            if (current() === sent) { tell(text("saved"), "saved"); }
          } else {
            tell(text("not_saved", { reason: reason(response, answer) }), "failed");
          }
        });
      }).catch(function () {
        tell(text("not_saved_offline"), "failed");
      });
    };
    var later = function () { window.clearTimeout(pending); pending = window.setTimeout(save, 600); };
    quiz.addEventListener("change", save);
    quiz.addEventListener("input", function (event) {
      if (event.target.type === "text") { tell(text("not_saved_yet"), "typing"); later(); }
    });
    // Before leaving by a link or the countdown: send what is unsaved, then go.
    flushThen = function (go) {
      if (current() === saved) { go(); return; }
      var done = false;
      var once = function () { if (!done) { done = true; go(); } };
      save().then(once, once);
      window.setTimeout(once, 3000);
    };
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      if (!link || link.origin !== window.location.origin || link.hash && link.pathname === window.location.pathname ||
          event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0 || current() === saved) { return; }
      event.preventDefault();
      flushThen(function () { window.location.href = link.href; });
    });
    // Closing the tab or leaving otherwise: a beacon is delivered after the page is gone.
    window.addEventListener("pagehide", function () {
      if (current() === saved) { return; }
      if (navigator.sendBeacon && navigator.sendBeacon(target, body())) { saved = current(); return; }
      save();
    });
  }

  // Countdown: the server enforces the limit; this only shows it and moves on at zero,
  // after sending any answer not saved yet.
  var timer = document.getElementById("timer");
  if (timer) {
    var left = parseInt(timer.getAttribute("data-seconds-left"), 10);
    var value = timer.querySelector(".timer-value");
    var deadline = Date.now() + left * 1000;
    var tick = function () {
      var s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      value.textContent = text("time_left", { minutes: Math.floor(s / 60), seconds: String(s % 60).padStart(2, "0") });
      if (s <= 60) { timer.classList.add("low"); }
      if (s === 0) {
        flushThen(function () { window.location.href = timer.getAttribute("data-expire-url"); });
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
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
