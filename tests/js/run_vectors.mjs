// Runs the browser scorer (loaded as a browser would: one script, no module system) against
// the shared scoring vectors. Usage: node run_vectors.mjs SCORER.js VECTORS.json
// Prints one line per failing case and a summary; exits 1 if any case fails.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [scorerPath, vectorsPath] = process.argv.slice(2);
const sandbox = {};
sandbox.globalThis = sandbox;
vm.createContext(sandbox);
vm.runInContext(readFileSync(scorerPath, "utf8"), sandbox, { filename: scorerPath });
const scorer = sandbox.CoursegenScorer;
const { cases } = JSON.parse(readFileSync(vectorsPath, "utf8"));

const close = (a, b) => Math.abs(a - b) <= 1e-9;
const failures = [];
for (const c of cases) {
  const expect = c.expect;
  let got;
  try {
    got = scorer.score(c.question, c.response, c.bank_scoring);
  } catch (error) {
    if (expect.invalid && error.name === "ResponseInvalid") continue;
    failures.push(`${c.name}: threw ${error.name}: ${error.message}`);
    continue;
  }
  if (expect.invalid) {
    failures.push(`${c.name}: expected the response to be rejected, got ${JSON.stringify(got)}`);
    continue;
  }
  const wrong = [];
  for (const key of ["fraction", "earned"]) {
    if (!close(got[key], expect[key])) wrong.push(`${key} ${got[key]} != ${expect[key]}`);
  }
  for (const key of ["answered", "correct"]) {
    if (key in expect && got[key] !== expect[key]) wrong.push(`${key} ${got[key]} != ${expect[key]}`);
  }
  if ("feedback" in expect && JSON.stringify(got.feedback) !== JSON.stringify(expect.feedback)) {
    wrong.push(`feedback ${JSON.stringify(got.feedback)} != ${JSON.stringify(expect.feedback)}`);
  }
  if (wrong.length) failures.push(`${c.name}: ${wrong.join("; ")}`);
}
for (const line of failures) console.log(`FAIL ${line}`);
console.log(`${cases.length - failures.length} of ${cases.length} scoring vectors pass`);
process.exit(failures.length ? 1 : 0);
