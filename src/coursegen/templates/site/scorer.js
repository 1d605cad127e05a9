/* coursegen browser scorer: score(question, response, bankScoring) -> the same result as the Python
 * engine (coursegen.quiz.scoring.score(...).as_dict()), checked against tests/vectors/scoring.json.
 * Responses refer to options, choices and items by their 0-based index in the bank's order.
 * Plain ES2017, no dependencies, no build step: works opened from a folder (file://) and in an LMS. */
(function (root) {
  "use strict";

  var FULL = 1 - 1e-9;

  /* A response whose shape does not fit the question: a bug upstream, never scored as wrong. */
  function ResponseInvalid(message) {
    this.name = "ResponseInvalid";
    this.message = message;
  }
  ResponseInvalid.prototype = Object.create(Error.prototype);

  function isList(value) {
    return Array.isArray(value);
  }

  function index(value, size, what) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new ResponseInvalid(what + " must be an integer index, got " + JSON.stringify(value));
    }
    if (value < 0 || value >= size) {
      throw new ResponseInvalid(what + " " + value + " is out of range 0.." + (size - 1));
    }
    return value;
  }

  function given(value) {
    return value !== null && value !== undefined;
  }

  /* Each option's fraction in percent with Moodle's defaults: in a single question the correct
   * option is worth 100; in a multiple-response one, unstated correct options share what the
   * explicit positive fractions leave of 100, and unstated wrong ones cost 100 / (options worth marks). */
  function optionFractions(question) {
    var options = question.options;
    if (question.type === "single") {
      return options.map(function (o) { return given(o.fraction) ? o.fraction : (o.correct ? 100 : 0); });
    }
    var explicitPositive = 0;
    var unstatedCorrect = 0;
    var worthMarks = 0;
    options.forEach(function (o) {
      if (given(o.fraction) && o.fraction > 0) explicitPositive += o.fraction;
      if (!given(o.fraction) && o.correct) unstatedCorrect += 1;
      if ((o.correct && !given(o.fraction)) || (given(o.fraction) && o.fraction > 0)) worthMarks += 1;
    });
    var share = unstatedCorrect ? Math.max(0, 100 - explicitPositive) / unstatedCorrect : 0;
    var penalty = worthMarks ? -100 / worthMarks : 0;
    return options.map(function (o) {
      return given(o.fraction) ? o.fraction : (o.correct ? share : penalty);
    });
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function collapse(text) {
    return text.split(/\s+/).filter(Boolean).join(" ");
  }

  /* Short-answer normal form: NFKC, optional accent folding and lower case, single spaces. */
  function normaliseText(text, caseSensitive, foldAccents) {
    var out = text.normalize("NFKC");
    if (foldAccents) out = fold(out);
    if (!caseSensitive) out = out.toLowerCase();
    return collapse(out);
  }

  function feedback(choice, correct, text) {
    return { choice: choice, correct: correct, text: given(text) ? text : null };
  }

  function single(question, response) {
    if (!given(response)) return [0, false, []];
    var i = index(response, question.options.length, "option");
    var fraction = optionFractions(question)[i] / 100;
    var option = question.options[i];
    return [fraction, true, [feedback(option.text, fraction >= FULL, option.feedback)]];
  }

  function multiple(question, response, bankRule) {
    if (!given(response)) return [0, false, []];
    if (!isList(response)) {
      throw new ResponseInvalid("a multiple-response answer is a list of indices, got " + JSON.stringify(response));
    }
    var seen = {};
    response.forEach(function (v) { seen[index(v, question.options.length, "option")] = true; });
    var chosen = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
    if (!chosen.length) return [0, false, []];
    var fractions = optionFractions(question);
    var keyed = fractions.map(function (f) { return f > 0; });
    var fraction;
    if ((question.scoring || bankRule) === "all-or-nothing") {
      fraction = keyed.every(function (k, i) { return k === Boolean(seen[i]); }) ? 1 : 0;
    } else {
      fraction = chosen.reduce(function (sum, i) { return sum + fractions[i]; }, 0) / 100;
    }
    return [fraction, true, chosen.map(function (i) {
      return feedback(question.options[i].text, keyed[i], question.options[i].feedback);
    })];
  }

  function trueFalse(question, response) {
    if (!given(response)) return [0, false, []];
    if (typeof response !== "boolean") {
      throw new ResponseInvalid("a true-false answer is true or false, got " + JSON.stringify(response));
    }
    var right = response === question.answer;
    var text = response ? question.feedback_true : question.feedback_false;
    return [right ? 1 : 0, true, [feedback(response ? "True" : "False", right, text)]];
  }

  function regexMatches(pattern, text, caseSensitive) {
    var flags = caseSensitive ? "u" : "iu";
    try {
      return new RegExp("^(?:" + pattern + ")$", flags).test(text);
    } catch (e) {
      /* A pattern valid in Python but not in strict Unicode mode: try the legacy syntax. */
      return new RegExp("^(?:" + pattern + ")$", caseSensitive ? "" : "i").test(text);
    }
  }

  function accepts(question, answer, typed) {
    var foldAccents = question.fold_accents !== false;
    var caseSensitive = Boolean(question.case_sensitive);
    if (answer.regex) {
      var pattern = foldAccents ? fold(answer.text) : answer.text;
      return regexMatches(pattern, foldAccents ? fold(typed) : typed, caseSensitive);
    }
    return normaliseText(typed, caseSensitive, foldAccents) ===
      normaliseText(answer.text, caseSensitive, foldAccents);
  }

  /* The best accepted answer the text matches, or null. */
  function bestAnswer(question, typed) {
    var best = null;
    question.answers.forEach(function (written) {
      /* A bare string in a bank file is an answer worth full marks. */
      var answer = typeof written === "object" && written !== null ? written : { text: String(written) };
      var fraction = given(answer.fraction) ? answer.fraction : 100;
      if (accepts(question, answer, typed) && (best === null || fraction > best.fraction)) {
        best = { fraction: fraction, feedback: answer.feedback };
      }
    });
    return best;
  }

  function shortAnswer(question, response) {
    if (!given(response)) return [0, false, []];
    if (typeof response !== "string") {
      throw new ResponseInvalid("a short answer is text, got " + JSON.stringify(response));
    }
    var typed = normaliseText(response, true, false);
    if (!typed) return [0, false, []];
    var best = bestAnswer(question, typed);
    var fraction = best ? best.fraction / 100 : 0;
    return [fraction, true, [feedback(typed, fraction >= FULL, best ? best.feedback : null)]];
  }

  /* Python's "{:g}" format, so a numeric answer is echoed exactly as the engine echoes it. */
  function formatG(x) {
    if (x === 0) return "0";
    var parts = x.toExponential(5).split("e");
    var exponent = parseInt(parts[1], 10);
    var strip = function (s) { return s.indexOf(".") >= 0 ? s.replace(/\.?0+$/, "") : s; };
    if (exponent >= -4 && exponent < 6) return strip(x.toFixed(Math.max(0, 5 - exponent)));
    var sign = exponent < 0 ? "-" : "+";
    var digits = String(Math.abs(exponent));
    return strip(parts[0]) + "e" + sign + (digits.length < 2 ? "0" + digits : digits);
  }

  function numeric(question, response) {
    if (!given(response)) return [0, false, []];
    if (typeof response !== "number") {
      throw new ResponseInvalid("a numeric answer is a number, got " + JSON.stringify(response));
    }
    if (!isFinite(response)) throw new ResponseInvalid("a numeric answer must be finite");
    var answer = question.answer;
    var tolerance = question.tolerance || 0;
    var allowed = question.tolerance_mode === "relative" ? tolerance * Math.abs(answer) : tolerance;
    var right = Math.abs(response - answer) <= allowed + 1e-9 * Math.max(1, Math.abs(answer));
    return [right ? 1 : 0, true, [feedback(formatG(response), right, null)]];
  }

  /* The right-hand choices of a matching question: each pair's right item, then the distractors. */
  function matchChoices(question) {
    return question.pairs.map(function (p) { return p.right; }).concat(question.distractors || []);
  }

  function share(right, total, rule) {
    if (rule === "all-or-nothing") return right === total ? 1 : 0;
    return right / total;
  }

  function matching(question, response) {
    if (!given(response)) return [0, false, []];
    var pairs = question.pairs;
    if (!isList(response) || response.length !== pairs.length) {
      throw new ResponseInvalid("a matching answer lists one choice per pair (" + pairs.length + ")");
    }
    var choices = matchChoices(question);
    var picks = response.map(function (v) { return given(v) ? index(v, choices.length, "choice") : null; });
    if (picks.every(function (p) { return p === null; })) return [0, false, []];
    var notes = [];
    var right = 0;
    picks.forEach(function (p, i) {
      if (p === i) right += 1;
      if (p !== null) notes.push(feedback(pairs[i].left + " → " + choices[p], p === i, null));
    });
    return [share(right, pairs.length, question.scoring), true, notes];
  }

  function ordering(question, response) {
    if (!given(response) || (isList(response) && !response.length)) return [0, false, []];
    var size = question.items.length;
    var valid = isList(response) && response.length === size;
    if (valid) {
      var sorted = response.map(function (v) { return index(v, size, "item"); })
        .sort(function (a, b) { return a - b; });
      valid = sorted.every(function (v, i) { return v === i; });
    }
    if (!valid) throw new ResponseInvalid("an ordering answer lists every item index once");
    var right = response.filter(function (v, i) { return v === i; }).length;
    var notes = response.map(function (v, i) { return feedback(question.items[v], v === i, null); });
    return [share(right, size, question.scoring), true, notes];
  }

  var RULES = {
    "single": single,
    "multiple": multiple,
    "true-false": trueFalse,
    "short-answer": shortAnswer,
    "numeric": numeric,
    "matching": matching,
    "ordering": ordering
  };

  /* Score one response: {fraction, earned, points, answered, correct, feedback}; throws ResponseInvalid. */
  function score(question, response, bankScoring) {
    var rule = RULES[question.type];
    if (!rule) throw new ResponseInvalid("unknown question type " + question.type);
    var outcome = rule(question, response, bankScoring || "partial");
    var answered = outcome[1];
    var fraction = answered ? Math.min(1, Math.max(0, outcome[0])) : 0;
    var points = given(question.points) ? question.points : 1;
    return {
      question_id: question.id,
      points: points,
      fraction: fraction,
      earned: points * fraction,
      answered: answered,
      correct: fraction >= FULL,
      feedback: outcome[2]
    };
  }

  var api = {
    score: score,
    optionFractions: optionFractions,
    matchChoices: matchChoices,
    normaliseText: normaliseText,
    ResponseInvalid: ResponseInvalid
  };
  root.CoursegenScorer = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
