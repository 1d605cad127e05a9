/* coursegen quiz form: lays out the attempt's paper (drawn by CoursegenPaper from a seed), reads
 * the answers, scores them with CoursegenScorer, shows feedback, keeps the time limit, and tells
 * the page (site progress or SCORM runtime) through DOM events:
 *   "coursegen:changed" detail = compact saved state, "coursegen:scored" detail = the result,
 *   "coursegen:cleared" when the learner starts again. */
(function (root) {
  "use strict";

  /* The page's interface strings, translated when the page was built (see
   * coursegen.i18n.script_strings): text(key, values) fills {name} placeholders; a counted
   * message takes its form from the `plural` table by values.n. */
  var strings = null;
  function text(key, values) {
    if (strings === null) {
      var script = document.getElementById("coursegen-strings");
      strings = script ? JSON.parse(script.textContent) : {};
    }
    var message = strings[key] === undefined ? key : strings[key];
    values = values || {};
    if (Array.isArray(message)) {
      var n = values.n;
      var table = strings.plural || [];
      var whole = Math.floor(Math.abs(n));
      var form = table[n === whole ? (whole < table.length ? whole : 100 + whole % 100) : 100] || 0;
      message = message[Math.min(form, message.length - 1)];
    }
    return String(message).replace(/\{(\w+)\}/g, function (found, name) {
      return values[name] === undefined ? found : number(values[name]);
    });
  }

  /* A number in the page language's digits and decimal sign (48.5 → "48,5" in French). */
  function number(value) {
    if (typeof value !== "number" || !window.Intl) return String(value);
    var lang = document.documentElement.lang || "en";
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false }).format(value);
  }

  function questionData(form) {
    var script = document.getElementById(form.getAttribute("data-quiz"));
    return JSON.parse(script.textContent);
  }

  function items(form) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  }

  function controls(item) {
    return Array.prototype.slice.call(item.querySelectorAll("input, select"));
  }

  /* The payload question an item shows (data-question is its index in the payload). */
  function questionOf(quiz, item) {
    return quiz.questions[parseInt(item.getAttribute("data-question"), 10)];
  }

  /* Bank indices of the options, choices or items in the order this page shows them. */
  function shownOrder(item) {
    var inputs = controls(item);
    if (!inputs.length) return [];
    if (inputs[0].tagName === "SELECT") {
      return Array.prototype.slice.call(inputs[0].options, 1).map(function (o) { return parseInt(o.value, 10); });
    }
    if (inputs[0].type === "radio" || inputs[0].type === "checkbox") {
      var values = inputs.map(function (i) { return parseInt(i.value, 10); });
      return values.every(function (v) { return !isNaN(v); }) ? values : [];
    }
    return [];
  }

  /* Put an item's options (or each list's choices) in `order`, bank indices first shown first. */
  function arrange(item, order) {
    if (!order.length) return;
    var inputs = controls(item);
    if (!inputs.length) return;
    if (inputs[0].tagName === "SELECT") {
      inputs.forEach(function (select) {
        var byValue = {};
        Array.prototype.slice.call(select.options, 1).forEach(function (o) { byValue[o.value] = o; });
        order.forEach(function (n) { if (byValue[n]) select.appendChild(byValue[n]); });
      });
      return;
    }
    order.forEach(function (n) {
      var input = item.querySelector("input[value='" + n + "']");
      if (input) input.parentNode.parentNode.appendChild(input.parentNode);
    });
  }

  /* Lay out the paper drawn from `seed`: the drawn questions in their order, numbered, each
   * with its options in the drawn order; the others leave the form. Returns the paper, or null
   * for a form that draws nothing (a knowledge check). */
  function lay(form, seed) {
    var quiz = questionData(form);
    if (!quiz.settings || !root.CoursegenPaper) return null;
    if (!form.coursegenItems) form.coursegenItems = items(form);
    var list = form.querySelector("ol.questions");
    var paper = root.CoursegenPaper.draw(quiz, seed);
    form.coursegenItems.forEach(function (item) { if (item.parentNode) item.parentNode.removeChild(item); });
    paper.questions.forEach(function (drawn, n) {
      var item = form.coursegenItems[drawn.index];
      arrange(item, drawn.order);
      var number = item.querySelector(".number");
      if (number) number.textContent = text("question_number", { n: n + 1 });
      list.appendChild(item);
    });
    form.coursegenPaper = paper;
    form.setAttribute("data-seed", String(paper.seed));
    return paper;
  }

  /* The attempt's time limit in milliseconds from the bank, or null when untimed. */
  function limit(form) {
    var settings = questionData(form).settings;
    return settings && settings.time_limit ? settings.time_limit * 60000 : null;
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* Count down `limitMs` (of which `elapsedMs` are already used) in a timer above the questions.
   * When the time is up the attempt ends (answers scored and reported, the form locked) unless
   * `options.end` is false; `options.message` says so to the learner. */
  function time(form, limitMs, elapsedMs, options) {
    var settings = options || { end: true, message: true };
    var timer = form.querySelector(".timer");
    if (!timer) {
      timer = document.createElement("p");
      timer.className = "timer";
      timer.setAttribute("role", "timer");
      form.insertBefore(timer, form.firstChild);
    }
    if (form.coursegenClock) clearInterval(form.coursegenClock);
    var deadline = Date.now() + limitMs - elapsedMs;
    function tick() {
      var left = Math.max(0, deadline - Date.now());
      var seconds = Math.ceil(left / 1000);
      timer.textContent = text("time_left_clock", { time: Math.floor(seconds / 60) + ":" + two(seconds % 60) });
      if (left > 0) return;
      clearInterval(form.coursegenClock);
      form.coursegenClock = null;
      if (settings.end) {
        if (settings.message) timer.textContent = text("time_up_submitted");
        end(form);
      } else if (settings.message) {
        timer.textContent = text("time_limit_passed");
      }
    }
    form.coursegenClock = setInterval(tick, 1000);
    tick();
  }

  /* Lock the form: nothing more can be answered or submitted ("Start again" stays for a page
   * that allows a new attempt; `all` locks it too). */
  function lock(form, all) {
    form.coursegenEnded = true;
    if (form.coursegenClock) clearInterval(form.coursegenClock);
    Array.prototype.forEach.call(form.querySelectorAll("input, select, button"), function (c) {
      if (all || c.getAttribute("data-action") !== "reset") c.disabled = true;
    });
  }

  /* End the attempt when its time is up: score what is answered, report it, lock the form. */
  function end(form) {
    if (form.coursegenEnded) return null;
    var result = check(form, true);
    lock(form);
    return result;
  }

  /* A typed number: "3.5", "3,5" (decimal comma) or "1e3", with the unit allowed after it. */
  function typedNumber(text, unit) {
    var value = text.trim();
    if (unit && value.toLowerCase().slice(-unit.length) === unit.toLowerCase()) {
      value = value.slice(0, value.length - unit.length).trim();
    }
    if (/^[+-]?\d+,\d+$/.test(value)) value = value.replace(",", ".");
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? parseFloat(value) : text;
  }

  /* The learner's response to one question, in the engine's JSON format (indices in bank order). */
  function responseOf(question, item) {
    var inputs = controls(item);
    switch (question.type) {
      case "single":
      case "multiple": {
        var chosen = inputs.filter(function (i) { return i.checked; })
          .map(function (i) { return parseInt(i.value, 10); });
        if (!chosen.length) return null;
        return question.type === "single" ? chosen[0] : chosen;
      }
      case "true-false": {
        var picked = inputs.filter(function (i) { return i.checked; })[0];
        return picked ? picked.value === "true" : null;
      }
      case "short-answer":
        return inputs[0].value.trim() === "" ? null : inputs[0].value;
      case "numeric":
        return inputs[0].value.trim() === "" ? null : typedNumber(inputs[0].value, question.unit);
      default: {
        var values = inputs.map(function (s) { return s.value === "" ? null : parseInt(s.value, 10); });
        if (values.every(function (v) { return v === null; })) return null;
        return values;
      }
    }
  }

  /* Compact state for storage (localStorage or SCORM suspend_data, 4,096 characters at most):
   * per question, the checked indices, the typed text, or the selected indices. */
  function encode(form) {
    return items(form).map(function (item) {
      var inputs = controls(item);
      if (!inputs.length) return null;
      if (inputs[0].type === "radio" || inputs[0].type === "checkbox") {
        var checked = [];
        inputs.forEach(function (i, n) { if (i.checked) checked.push(n); });
        return checked.length ? checked : null;
      }
      if (inputs[0].tagName === "SELECT") {
        var chosen = inputs.map(function (s) { return s.selectedIndex; });
        return chosen.some(function (n) { return n > 0; }) ? chosen : null;
      }
      return inputs[0].value === "" ? null : inputs[0].value.slice(0, 200);
    });
  }

  function restore(form, state) {
    if (!Array.isArray(state)) return;
    items(form).forEach(function (item, q) {
      var saved = state[q];
      var inputs = controls(item);
      if (saved === null || saved === undefined || !inputs.length) return;
      if (inputs[0].type === "radio" || inputs[0].type === "checkbox") {
        inputs.forEach(function (i, n) { i.checked = saved.indexOf(n) >= 0; });
      } else if (inputs[0].tagName === "SELECT") {
        inputs.forEach(function (s, n) { if (saved[n] < s.options.length) s.selectedIndex = saved[n]; });
      } else {
        inputs[0].value = String(saved);
      }
    });
  }

  /* Score one question; a response the scorer cannot take (a word for a number, an ordering
   * with an item twice) earns nothing and says why, instead of breaking the page. */
  function scoreOne(question, response, bankScoring) {
    try {
      return root.CoursegenScorer.score(question, response, bankScoring);
    } catch (error) {
      if (error.name !== "ResponseInvalid") throw error;
      var points = question.points === undefined ? 1 : question.points;
      var why = question.type === "numeric" ? text("type_number") : text("distinct_items");
      return { question_id: question.id, points: points, fraction: 0, earned: 0, answered: true,
               correct: false, feedback: [], problem: why };
    }
  }

  function paragraph(box, html, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.innerHTML = html;
    box.appendChild(p);
  }

  /* The verdict, and with review "key" (the default, as for a knowledge check) also the
   * feedback, the key and the explanation; with review "score", nothing per question. */
  function showFeedback(item, question, result) {
    var box = item.querySelector(".feedback");
    var html = question.html || {};
    var review = question.review || "key";
    box.textContent = "";
    if (review === "score") {
      box.hidden = true;
      return;
    }
    var verdict = result.correct ? text("correct") : result.fraction > 0
      ? text("partly_correct_percent", { percent: Math.round(result.fraction * 100) })
      : result.answered ? text("not_correct") : text("not_answered");
    paragraph(box, "", "verdict " + (result.correct ? "right" : result.fraction > 0 ? "partial" : "wrong"));
    box.lastChild.textContent = verdict + (result.problem ? " " + result.problem : "");
    if (review !== "key") {
      box.hidden = false;
      return;
    }
    result.feedback.forEach(function (note) {
      if (note.text) paragraph(box, (html.feedback || {})[note.text] || "");
    });
    if (!result.correct && html.key) paragraph(box, text("answer_key").replace("{answer}", html.key));
    if (html.explanation) paragraph(box, html.explanation, "explanation");
    box.hidden = false;
  }

  /* Score every question in the form and show the feedback; returns the result. */
  function check(form, timedOut) {
    var quiz = questionData(form);
    var earned = 0;
    var max = 0;
    var results = items(form).map(function (item) {
      var question = questionOf(quiz, item);
      var response = responseOf(question, item);
      var result = scoreOne(question, response, question.scoring);
      earned += result.earned;
      max += result.points;
      showFeedback(item, question, result);
      return { question: question, order: shownOrder(item), response: response, fraction: result.fraction,
               earned: result.earned, points: result.points, correct: result.correct,
               answered: result.answered };
    });
    var percent = max ? Math.round((earned / max) * 10000) / 100 : 0;
    var passed = percent >= quiz.pass_mark;
    var summary = form.querySelector(".result");
    if (quiz.practice) {
      /* A knowledge check is practice: say whether the answer is right (the feedback says
       * why), never a score against a pass mark. */
      var right = results.every(function (r) { return r.correct; });
      var partly = !right && results.some(function (r) { return r.fraction > 0; });
      summary.textContent = right ? text("correct") : partly ? text("partly_correct") : text("not_correct");
    } else {
      var ofPoints = text("of_points", { earned: Math.round(earned * 100) / 100, n: max });
      summary.textContent = text("score", { percent: percent }).replace("{of_points}", ofPoints) + " " +
        text("verdict_pass_mark", { pass_mark: quiz.pass_mark })
          .replace("{verdict}", passed ? text("passed") : text("not_yet_passed"));
    }
    var outcome = { questions: results, earned: earned, max: max, percent: percent,
                    passed: passed, pass_mark: quiz.pass_mark, module: quiz.module,
                    timedOut: Boolean(timedOut) };
    form.dispatchEvent(new CustomEvent("coursegen:scored", { detail: outcome, bubbles: true }));
    return outcome;
  }

  function clear(form) {
    form.reset();
    items(form).forEach(function (item) {
      var box = item.querySelector(".feedback");
      box.hidden = true;
      box.textContent = "";
    });
    form.querySelector(".result").textContent = "";
    form.dispatchEvent(new CustomEvent("coursegen:changed", { detail: encode(form), bubbles: true }));
    form.dispatchEvent(new CustomEvent("coursegen:cleared", { bubbles: true }));
  }

  function attach(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.coursegenEnded) check(form);
    });
    form.addEventListener("change", function () {
      form.dispatchEvent(new CustomEvent("coursegen:changed", { detail: encode(form), bubbles: true }));
    });
    var again = form.querySelector("[data-action=reset]");
    if (again) again.addEventListener("click", function () { clear(form); });
    /* A fresh paper; a page that kept one (site progress, SCORM resume) lays that one instead. */
    if (root.CoursegenPaper) lay(form, root.CoursegenPaper.newSeed());
  }

  root.CoursegenQuiz = { attach: attach, check: check, encode: encode, restore: restore,
                         responseOf: responseOf, lay: lay, limit: limit, time: time, lock: lock,
                         end: end };
  root.CoursegenText = text;

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.quiz"), attach);
  });
})(window);
