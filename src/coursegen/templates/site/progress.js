/* coursegen site progress: lessons read and quiz answers kept in localStorage between visits.
 * Works from file:// too; when storage is unavailable (private mode) the site still works, unsaved. */
(function () {
  "use strict";

  var body = document.body;
  var key = "coursegen:" + body.getAttribute("data-course");

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "{}");
      return { lessons: saved.lessons || {}, quizzes: saved.quizzes || {} };
    } catch (e) {
      return { lessons: {}, quizzes: {} };
    }
  }

  function save(progress) {
    try {
      window.localStorage.setItem(key, JSON.stringify(progress));
    } catch (e) {
      /* Storage full or disabled: progress is simply not kept. */
    }
  }

  function quizEntry(progress, module) {
    progress.quizzes[module] = progress.quizzes[module] || {};
    return progress.quizzes[module];
  }

  function markRead(progress) {
    var lesson = body.getAttribute("data-lesson");
    if (lesson && !progress.lessons[lesson]) {
      progress.lessons[lesson] = new Date().toISOString().slice(0, 10);
      save(progress);
    }
  }

  function showProgress(progress) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-progress-lesson]"), function (el) {
      var read = progress.lessons[el.getAttribute("data-progress-lesson")];
      el.textContent = read ? window.CoursegenText("read_on").replace("{date}", read) : "";
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-progress-quiz]"), function (el) {
      var quiz = progress.quizzes[el.getAttribute("data-progress-quiz")];
      if (quiz && quiz.best !== undefined) {
        el.textContent = window.CoursegenText(quiz.passed ? "best_score_passed" : "best_score",
                                              { percent: quiz.best });
      }
    });
  }

  /* The paper is kept with its seed, so a later visit shows the same questions in the same
   * order with the answers given; the time limit counts from when the paper was first shown.
   * "Start again" draws a new paper. */
  function keepPaper(progress, entry, form) {
    var quiz = window.CoursegenQuiz;
    if (entry.version !== form.coursegenPaper.version) delete entry.seed;  // the bank changed
    if (entry.seed !== undefined) {
      quiz.lay(form, entry.seed);
      if (entry.state) quiz.restore(form, entry.state);
    } else {
      entry.seed = form.coursegenPaper.seed;
      entry.version = form.coursegenPaper.version;
      entry.began = Date.now();
      entry.state = null;
      save(progress);
    }
    var limit = quiz.limit(form);
    if (limit) quiz.time(form, limit, Date.now() - (entry.began || Date.now()));
    form.addEventListener("coursegen:cleared", function () {
      delete entry.seed;
      form.coursegenEnded = false;
      Array.prototype.forEach.call(form.querySelectorAll("input, select, button"), function (c) {
        c.disabled = false;
      });
      quiz.lay(form, window.CoursegenPaper.newSeed());
      keepPaperAgain(progress, entry, form, limit);
    });
  }

  function keepPaperAgain(progress, entry, form, limit) {
    entry.seed = form.coursegenPaper.seed;
    entry.version = form.coursegenPaper.version;
    entry.began = Date.now();
    entry.state = null;
    save(progress);
    if (limit) window.CoursegenQuiz.time(form, limit, 0);
  }

  function keepQuiz(progress, form) {
    var module = form.getAttribute("data-module");
    var entry = quizEntry(progress, module);
    if (form.coursegenPaper) keepPaper(progress, entry, form);
    else if (entry.state) window.CoursegenQuiz.restore(form, entry.state);
    form.addEventListener("coursegen:changed", function (event) {
      entry.state = event.detail;
      save(progress);
    });
    form.addEventListener("coursegen:scored", function (event) {
      var result = event.detail;
      entry.state = window.CoursegenQuiz.encode(form);
      entry.last = result.percent;
      entry.best = Math.max(entry.best || 0, result.percent);
      entry.passed = entry.passed || result.passed;
      save(progress);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var progress = load();
    markRead(progress);
    showProgress(progress);
    Array.prototype.forEach.call(document.querySelectorAll("form.quiz[data-module]"), function (form) {
      keepQuiz(progress, form);
    });
  });
})();
