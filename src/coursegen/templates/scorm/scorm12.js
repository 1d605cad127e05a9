/* coursegen SCORM 1.2 runtime: finds the LMS's API, reports the quiz (score, status, one interaction
 * per question, session time), keeps the attempt's paper (its seed) and the learner's answers in
 * cmi.suspend_data so a resumed attempt shows the same paper, and keeps the time limit (the LMS's
 * cmi.student_data.max_time_allowed and time_limit_action, else the bank's limit, ending the
 * attempt with cmi.core.exit "time-out"). */
(function () {
  "use strict";

  var SUSPEND_LIMIT = 4096;
  var api = null;
  var started = Date.now();
  var finished = false;
  var lastPercent = null;
  var seed = null;
  var usedBefore = 0;
  var done = false;
  var form = null;

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

  /* A CMITimespan (HHHH:MM:SS.SS) in milliseconds; 0 for an empty or unreadable one. */
  function parseTimespan(text) {
    var match = /^(\d{2,4}):(\d{2}):(\d{2}(\.\d{1,2})?)$/.exec(String(text || ""));
    if (!match) return 0;
    return ((parseInt(match[1], 10) * 60 + parseInt(match[2], 10)) * 60 + parseFloat(match[3])) * 1000;
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
    var data = { v: 2, s: seed, b: form && form.coursegenPaper ? form.coursegenPaper.version : "",
                 a: answers, p: lastPercent, e: Math.round(usedBefore + Date.now() - started) };
    if (done) data.d = 1;
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

  /* An interaction's type, the learner's response and the correct pattern, in SCORM 1.2 formats.
   * Options, choices and items are named by the letters of the places the learner saw them in
   * (`order` lists bank indices as shown), never by their place in the bank. */
  function describe(question, response, order) {
    var none = response === null || response === undefined;
    var letter = function (bankIndex) {
      var shown = order && order.length ? order.indexOf(bankIndex) : bankIndex;
      return String.fromCharCode(97 + (shown % 26));
    };
    switch (question.type) {
      case "single":
      case "multiple": {
        var keyed = [];
        window.CoursegenScorer.optionFractions(question).forEach(function (f, i) {
          if (f > 0) keyed.push(letter(i));
        });
        keyed.sort();
        var chosen = none ? [] : [].concat(response).map(function (i) { return letter(i); }).sort();
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
        var sequence = none ? [] : response.map(function (i) { return i === null ? "" : letter(i); });
        return ["sequencing", sequence.join(","), question["items"].map(function (t, i) { return letter(i); }).join(",")];
      }
    }
  }

  function report(result, form) {
    var base = parseInt(get("cmi.interactions._count"), 10) || 0;
    var now = clock(new Date());
    result.questions.forEach(function (entry, n) {
      var key = "cmi.interactions." + (base + n) + ".";
      var parts = describe(entry.question, entry.response, entry.order);
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
    if (result.timedOut) done = true;
    save(form);
    status((result.timedOut ? window.CoursegenText("time_is_up") + " " : "") +
      window.CoursegenText("score_sent", { percent: result.percent }));
    if (result.timedOut) {
      var again = form.querySelector("[data-action=reset]");
      if (again) again.disabled = true;
      if (timeoutEnds()) finish("time-out");
    }
  }

  /* Leave the LMS session: its time, how the learner left ("time-out", "" when passed, else
   * "suspend" to come back), and the state to resume. */
  function finish(exit) {
    if (!api || finished) return;
    finished = true;
    set("cmi.suspend_data", suspendData(form));
    set("cmi.core.session_time", timespan(Date.now() - started));
    if (typeof exit !== "string") exit = get("cmi.core.lesson_status") === "passed" ? "" : "suspend";
    set("cmi.core.exit", exit);
    api.LMSCommit("");
    api.LMSFinish("");
  }

  /* What to do at the time limit: the LMS's cmi.student_data.time_limit_action (from the
   * manifest's adlcp:timelimitaction), else end the attempt with a message. */
  function timeLimitAction() {
    return get("cmi.student_data.time_limit_action") || "exit,message";
  }

  function timeoutEnds() {
    return timeLimitAction().indexOf("exit") === 0;
  }

  function keepTime() {
    var quiz = window.CoursegenQuiz;
    var limit = parseTimespan(get("cmi.student_data.max_time_allowed")) || quiz.limit(form);
    if (!limit) return;
    var action = timeLimitAction();
    quiz.time(form, limit, usedBefore, { end: action.indexOf("exit") === 0,
                                         message: action.indexOf("no message") < 0 });
  }

  /* Lay out the paper kept in the saved state, with the answers given, or keep the fresh one
   * (also when the state was saved under another version of the bank). */
  function resume(saved) {
    var quiz = window.CoursegenQuiz;
    var state = null;
    try {
      state = saved ? JSON.parse(saved) : null;
    } catch (e) {
      state = null; /* saved by another program: start afresh rather than fail */
    }
    var same = state && form.coursegenPaper && state.b === form.coursegenPaper.version;
    if (same && state.s !== undefined && state.s !== null) {
      quiz.lay(form, state.s);
      quiz.restore(form, state.a);
      usedBefore = state.e || 0;
      done = Boolean(state.d);
    } else if (state && !form.coursegenPaper) {
      quiz.restore(form, state.a);
    }
    if (state) {
      lastPercent = state.p === undefined ? null : state.p;
      if (lastPercent !== null) status(window.CoursegenText("welcome_back_score", { percent: lastPercent }));
      else status(window.CoursegenText("welcome_back"));
    }
    seed = form.coursegenPaper ? form.coursegenPaper.seed : null;
  }

  function start() {
    api = locateAPI();
    form = document.querySelector("form.quiz[data-module]");
    if (!api) {
      status(window.CoursegenText("no_platform"));
      if (form) keepTime();
      return;
    }
    api.LMSInitialize("");
    var current = get("cmi.core.lesson_status");
    if (!form) {
      set("cmi.core.lesson_status", "completed");
    } else if (current === "not attempted" || current === "") {
      set("cmi.core.lesson_status", "incomplete");
    }
    if (form) {
      resume(get("cmi.suspend_data"));
      usedBefore = Math.max(usedBefore, parseTimespan(get("cmi.core.total_time")));
      /* The paper is kept from the start, so leaving before any answer resumes the same one. */
      set("cmi.suspend_data", suspendData(form));
      if (done) {
        window.CoursegenQuiz.lock(form, true);
        status(window.CoursegenText("attempt_ended_score", { percent: lastPercent }));
      } else {
        keepTime();
      }
    }
    api.LMSCommit("");
    if (form) {
      form.addEventListener("coursegen:changed", function () { save(form); });
      form.addEventListener("coursegen:scored", function (event) { report(event.detail, form); });
    }
  }

  document.addEventListener("DOMContentLoaded", start);
  window.addEventListener("pagehide", function () { finish(); });
  window.addEventListener("beforeunload", function () { finish(); });
  window.CoursegenScorm = { finish: finish, timespan: timespan, parseTimespan: parseTimespan,
                            suspendData: suspendData };
})();
