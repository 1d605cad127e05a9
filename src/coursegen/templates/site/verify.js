/* coursegen certificate check: verifies a certificate code against the training centre's public
 * key in this browser (Web Crypto Ed25519), the same check as `coursegen certificate verify`.
 * A code is base32 (A–Z, 2–7, in groups of five) of the certificate's facts followed by the
 * 64-byte Ed25519 signature over "coursegen certificate v1\0" + the facts. Nothing is sent
 * anywhere; the page works opened from a folder. */
(function () {
  "use strict";

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  var DOMAIN = "coursegen certificate v1\u0000";
  var SIGNATURE_BYTES = 64;
  var FIELDS = ["learner", "course", "module", "form", "score", "date"];
  var FORM_NAMES = { post: "form_post", exam: "form_exam" };
  function say(key, values) { return window.CoursegenText(key, values); }

  function Invalid(message) {
    this.message = message;
  }

  function letters(text) {
    return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  }

  function encode(bytes) {
    var out = "";
    var buffer = 0;
    var bits = 0;
    bytes.forEach(function (byte) {
      buffer = (buffer << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += ALPHABET[(buffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
      buffer &= (1 << bits) - 1;
    });
    if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
    return out;
  }

  /* Base32 letters to bytes; only the one spelling that encodes the bytes counts, so a changed
   * last letter (whose spare bits decoding would ignore) is caught, as in Python. */
  function decode(text, what) {
    var clean = letters(text);
    var bytes = [];
    var buffer = 0;
    var bits = 0;
    for (var i = 0; i < clean.length; i += 1) {
      var value = ALPHABET.indexOf(clean[i]);
      if (value < 0) throw new Invalid(say(what + "_bad_letters"));
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bytes.push((buffer >>> (bits - 8)) & 255);
        bits -= 8;
        buffer &= (1 << bits) - 1;
      }
    }
    if (encode(bytes) !== clean) {
      throw new Invalid(say(what + "_bad_length"));
    }
    return new Uint8Array(bytes);
  }

  function concat(a, b) {
    var out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }

  /* The facts a code states if the key's signature matches: a promise of {learner, ...}. */
  function verify(code, publicKey) {
    var data;
    var raw;
    try {
      data = decode(code, "code");
      raw = decode(publicKey, "key");
    } catch (error) {
      return Promise.reject(error);
    }
    if (raw.length !== 32) return Promise.reject(new Invalid(say("key_length")));
    if (data.length <= SIGNATURE_BYTES) {
      return Promise.reject(new Invalid(say("code_too_short")));
    }
    var payload = data.slice(0, data.length - SIGNATURE_BYTES);
    var signature = data.slice(data.length - SIGNATURE_BYTES);
    var signed = concat(new TextEncoder().encode(DOMAIN), payload);
    return crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"])
      .then(function (key) { return crypto.subtle.verify({ name: "Ed25519" }, key, signature, signed); })
      .then(function (valid) {
        if (!valid) {
          throw new Invalid(say("not_valid"));
        }
        var values = new TextDecoder().decode(payload).split("\u001f");
        if (values.length !== FIELDS.length) throw new Invalid(say("not_a_code"));
        var facts = {};
        FIELDS.forEach(function (name, n) { facts[name] = values[n]; });
        return facts;
      });
  }

  function show(form, facts) {
    var result = form.querySelector(".verdict-box");
    var list = document.createElement("dl");
    [[say("learner"), facts.learner], [say("course"), facts.course],
     [say("module"), facts.module],
     [say("test"), FORM_NAMES[facts.form] ? say(FORM_NAMES[facts.form]) : facts.form],
     [say("score_label"), say("percent", { percent: facts.score })],
     [say("date"), facts.date]].forEach(function (pair) {
      var term = document.createElement("dt");
      term.textContent = pair[0];
      var value = document.createElement("dd");
      value.textContent = pair[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    result.textContent = "";
    var verdict = document.createElement("p");
    verdict.className = "verdict right";
    verdict.textContent = say("valid");
    result.appendChild(verdict);
    result.appendChild(list);
  }

  function refuse(form, message) {
    var result = form.querySelector(".verdict-box");
    result.textContent = "";
    var verdict = document.createElement("p");
    verdict.className = "verdict wrong";
    verdict.textContent = message;
    result.appendChild(verdict);
  }

  function attach(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!window.crypto || !crypto.subtle) {
        refuse(form, say("no_crypto"));
        return;
      }
      verify(form.elements.code.value, form.elements.key.value)
        .then(function (facts) { show(form, facts); })
        .catch(function (error) {
          refuse(form, error instanceof Invalid ? error.message
            : say("no_ed25519", { error: error.name }));
        });
    });
  }

  window.CoursegenVerify = { verify: verify };
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.verify"), attach);
  });
})();
