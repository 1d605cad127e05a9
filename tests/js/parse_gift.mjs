// Parses a GIFT file with gift-pegjs, an independent parser, and prints its result as JSON
// (one entry per category or question). Usage: node parse_gift.mjs FILE.gift
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("gift-pegjs");
console.log(JSON.stringify(parse(readFileSync(process.argv[2], "utf8"))));
