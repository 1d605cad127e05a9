/* coursegen SCORM 1.2 runtime: finds the LMS's API, reports the quiz (score, status, one interaction
 * per question, session time) and keeps the learner's answers in cmi.suspend_data to resume. */
(function () {
  "use strict";

  var SUSPEND_LIMIT = 4096;
  var api = null;
  var started = Date.now();
  var finished = false;
  var lastPercent = null;

  /* The SCORM 1.2 way: walk up the frames (at most 500), then try the window that opened us. */
  function findAPI(win) {
    var hops = 0;
    try {
      while (win && !win.API && win.parent && win.parent !== win && hops < 500) {
        hops += 1;
        win = win.parent;
      }
      return win && win.API ? win.API : null;
    } catch (e) {
      return null; /* a frame from another origin: no API reachable that way */
    }
  }

  function locateAPI() {
    return findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  }

  function get(name) {
    return api ? String(api.LMSGetValue(name)) : "";
  }

  function set(name, value) {
    if (api) api.LMSSetValue(name, String(value));
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* CMITimespan: HHHH:MM:SS.SS */
  function timespan(ms) {
    var seconds = Math.max(0, ms) / 1000;
    var hours = Math.min(9999, Math.floor(seconds / 3600));
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = (seconds % 60).toFixed(2);
    return (hours < 10 ? "000" : hours < 100 ? "00" : hours < 1000 ? "0" : "") + hours + ":" +
      two(minutes) + ":" + (rest.length < 5 ? "0" : "") + rest;
  }

  function clock(date) {
    return two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds());
  }

  function status(text) {
    var line = document.getElementById("lms-status");
    if (line) line.textContent = text;
  }

  /* The saved state, trimmed to fit SCORM 1.2's 4,096 characters: typed answers are cut short
   * first, then the last answers dropped; the score is always kept. */
  function suspendData(form) {
    var answers = form ? window.CoursegenQuiz.encode(form) : [];
    var data = { v: 1, a: answers, p: lastPercent };
    var text = JSON.stringify(data);
    if (text.length > SUSPEND_LIMIT) {
      data.a = answers.map(function (a) { return typeof a === "string" ? a.slice(0, 20) : a; });
      text = JSON.stringify(data);
    }
    while (text.length > SUSPEND_LIMIT && data.a.length) {
      data.a.pop();
      text = JSON.stringify(data);
    }
    return text;
  }

  function save(form) {
    if (!api) return;
    set("cmi.suspend_data", suspendData(form));
    api.LMSCommit("");
  }

  function letter(n) {
    return String.fromCharCode(97 + (n % 26));
  }

  /* An interaction's type, the learner's response and the correct pattern, in SCORM 1.2 formats. */
  function describe(question, response) {
    var none = response === null || response === undefined;
    switch (question.type) {
      case "single":
      case "multiple": {
        var keyed = [];
        window.CoursegenScorer.optionFractions(question).forEach(function (f, i) {
          if (f > 0) keyed.push(letter(i));
        });
        var chosen = none ? [] : [].concat(response).map(letter);
        return ["choice", chosen.join(","), question.type === "single" ? keyed[0] : keyed.join(",")];
      }
      case "true-false":
        return ["true-false", none ? "" : (response ? "t" : "f"), question.answer ? "t" : "f"];
      case "short-answer":
        return ["fill-in", none ? "" : String(response).slice(0, 255), question.html.key.slice(0, 255)];
      case "numeric":
        return ["numeric", none ? "" : String(response), String(question.answer)];
      case "matching": {
        var given = none ? [] : response.map(function (c, i) { return c === null ? null : (i + 1) + "." + letter(c); })
          .filter(Boolean);
        var right = question.pairs.map(function (p, i) { return (i + 1) + "." + letter(i); });
        return ["matching", given.join(","), right.join(",")];
      }
      default: {
        var order = none ? [] : response.map(function (i) { return i === null ? "" : letter(i); });
        return ["sequencing", order.join(","), question["items"].map(function (t, i) { return letter(i); }).join(",")];
      }
    }
  }

  function report(result, form) {
    var base = parseInt(get("cmi.interactions._count"), 10) || 0;
    var now = clock(new Date());
    result.questions.forEach(function (entry, n) {
      var key = "cmi.interactions." + (base + n) + ".";
      var parts = describe(entry.question, entry.response);
      set(key + "id", entry.question.id);
      set(key + "type", parts[0]);
      set(key + "student_response", parts[1]);
      set(key + "correct_responses.0.pattern", parts[2]);
      set(key + "weighting", entry.points);
      set(key + "result", entry.correct ? "correct" : entry.fraction > 0 ? String(Math.round(entry.fraction * 100) / 100) : "wrong");
      set(key + "time", now);
    });
    lastPercent = result.percent;
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", Math.round(result.percent * 100) / 100);
    set("cmi.core.lesson_status", result.passed ? "passed" : "failed");
    save(form);
    status(window.CoursegenText("score_sent", { percent: result.percent }));
  }

  function finish() {
    if (!api || finished) return;
    finished = true;
    set("cmi.core.session_time", timespan(Date.now() - started));
    set("cmi.core.exit", get("cmi.core.lesson_status") === "passed" ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }

  function start() {
    api = locateAPI();
    var form = document.querySelector("form.quiz[data-module]");
    if (!api) {
      status(window.CoursegenText("no_platform"));
      return;
    }
    api.LMSInitialize("");
    var current = get("cmi.core.lesson_status");
    if (!form) {
      set("cmi.core.lesson_status", "completed");
    } else if (current === "not attempted" || current === "") {
      set("cmi.core.lesson_status", "incomplete");
    }
    var saved = get("cmi.suspend_data");
    if (saved && form) {
      try {
        var state = JSON.parse(saved);
        window.CoursegenQuiz.restore(form, state.a);
        lastPercent = state.p === undefined ? null : state.p;
        if (lastPercent !== null) status(window.CoursegenText("welcome_back_score", { percent: lastPercent }));
        else status(window.CoursegenText("welcome_back"));
      } catch (e) {
        /* Saved by another version: start afresh rather than fail. */
      }
    }
    api.LMSCommit("");
    if (form) {
      form.addEventListener("coursegen:changed", function () { save(form); });
      form.addEventListener("coursegen:scored", function (event) { report(event.detail, form); });
    }
  }

  document.addEventListener("DOMContentLoaded", start);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  window.CoursegenScorm = { finish: finish, timespan: timespan, suspendData: suspendData };
})();
