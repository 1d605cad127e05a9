// Draws papers with the browser's paper drawing (loaded as a browser would: one script, no module
// system). Usage: node draw_papers.mjs PAPER.js QUIZ.json COUNT
// Prints a JSON list of COUNT papers, drawn with the seeds 1..COUNT.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [paperPath, quizPath, count] = process.argv.slice(2);
const sandbox = {};
sandbox.globalThis = sandbox;
vm.createContext(sandbox);
vm.runInContext(readFileSync(paperPath, "utf8"), sandbox, { filename: paperPath });
const quiz = JSON.parse(readFileSync(quizPath, "utf8"));
const papers = [];
for (let seed = 1; seed <= Number(count); seed += 1) {
  papers.push(sandbox.CoursegenPaper.draw(quiz, seed));
}
console.log(JSON.stringify(papers));
