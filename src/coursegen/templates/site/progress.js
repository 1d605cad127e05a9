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

  function keepQuiz(progress, form) {
    var module = form.getAttribute("data-module");
    var entry = quizEntry(progress, module);
    if (entry.state) window.CoursegenQuiz.restore(form, entry.state);
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
