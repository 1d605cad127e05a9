/* coursegen paper drawing: draw(quiz, seed) -> the questions of one attempt and the order their
 * options are shown in, by the bank's rules (the same ones as coursegen.quiz.assemble):
 * `draw` questions with one per objective first, the questions shuffled, options shuffled.
 * The one drawing function of the offline site and SCORM packages; the same seed always gives
 * the same paper, so a page that keeps the seed (localStorage, cmi.suspend_data) shows the
 * same paper when the learner comes back. Plain ES2017, no dependencies. */
(function (root) {
  "use strict";

  /* A seeded generator of numbers in [0, 1) (mulberry32): small, fast, the same everywhere. */
  function generator(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function range(size) {
    var list = [];
    for (var i = 0; i < size; i += 1) list.push(i);
    return list;
  }

  /* Fisher–Yates, in place. */
  function shuffle(list, random) {
    for (var i = list.length - 1; i > 0; i -= 1) {
      var j = Math.floor(random() * (i + 1));
      var kept = list[i];
      list[i] = list[j];
      list[j] = kept;
    }
    return list;
  }

  function isSorted(list) {
    return list.every(function (v, i) { return v === i; });
  }

  /* How many options, choices or items a question shows in an order of its own. */
  function size(question) {
    switch (question.type) {
      case "single":
      case "multiple":
        return question.options.length;
      case "matching":
        return question.pairs.length + (question.distractors || []).length;
      case "ordering":
        return question.items.length;
      default:
        return 0;
    }
  }

  /* The display order of a question's options (bank indices, first shown first): shuffled for
   * this attempt when the bank shuffles options, else the course's one presentation order
   * (question.order, decided in Python). Matching choices and ordering items never start in
   * the key's order, which would give the answer away. */
  function optionOrder(question, random, shuffleOptions) {
    var count = size(question);
    if (!count) return [];
    if (!shuffleOptions) {
      return (question.order || []).length === count ? question.order.slice() : range(count);
    }
    var order = shuffle(range(count), random);
    if (question.type !== "single" && question.type !== "multiple" && count > 1 && isSorted(order)) {
      order.push(order.shift());
    }
    return order;
  }

  /* Indices of the questions to ask: `wanted` of them, one per objective first when asked to
   * (objectives taken in a random order), the rest at random; in the bank's order. */
  function drawIndices(questions, wanted, coverObjectives, random) {
    var all = range(questions.length);
    if (!wanted || wanted >= all.length) return all;
    var picked = [];
    if (coverObjectives) {
      var groups = {};
      var objectives = [];
      all.forEach(function (i) {
        var objective = questions[i].objective;
        if (!groups[objective]) {
          groups[objective] = [];
          objectives.push(objective);
        }
        groups[objective].push(i);
      });
      shuffle(objectives, random).slice(0, wanted).forEach(function (objective) {
        var group = groups[objective];
        picked.push(group[Math.floor(random() * group.length)]);
      });
    }
    var rest = shuffle(all.filter(function (i) { return picked.indexOf(i) < 0; }), random);
    picked = picked.concat(rest.slice(0, wanted - picked.length));
    return picked.sort(function (a, b) { return a - b; });
  }

  /* The paper of one attempt: {seed, questions: [{index, id, order}]}, `index` being the
   * question's position in quiz.questions and `order` its options' display order. */
  function draw(quiz, seed) {
    var settings = quiz.settings || {};
    var random = generator(seed);
    var chosen = drawIndices(quiz.questions, settings.draw, settings.cover_objectives !== false,
                             random);
    if (settings.shuffle) shuffle(chosen, random);
    return {
      seed: seed >>> 0,
      version: quiz.bank_version || "",
      questions: chosen.map(function (index) {
        var question = quiz.questions[index];
        return { index: index, id: question.id,
                 order: optionOrder(question, random, Boolean(settings.shuffle_options)) };
      })
    };
  }

  /* A fresh seed for a new attempt, from the browser's cryptographic generator. */
  function newSeed() {
    var cryptoApi = root.crypto;
    if (cryptoApi && cryptoApi.getRandomValues) {
      return cryptoApi.getRandomValues(new Uint32Array(1))[0];
    }
    return Math.floor(Math.random() * 4294967296);
  }

  var api = { draw: draw, newSeed: newSeed, generator: generator };
  root.CoursegenPaper = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
