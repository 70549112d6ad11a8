// Stems each word of a file (one per line) with the site's Russian stemmer
// (js/russian-stem.js) and with lunr's, which Material for MkDocs ships, and prints the
// words on which they differ as JSON: [[word, lunr's stem, the site's stem], ...].
//   node compare-stems.js WORDS_FILE MATERIAL_JAVASCRIPTS_DIR SITE_STEMMER
// lunr itself is bundled into Material's search worker, which is run here in a sandbox
// that looks enough like a worker for it to define self.lunr.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [wordsFile, material, stemmer] = process.argv.slice(2);
const sandbox = { console, addEventListener() {}, postMessage() {}, importScripts() {}, location: { href: "http://localhost/" } };
sandbox.self = sandbox;
vm.createContext(sandbox);
const worker = fs.readdirSync(path.join(material, "workers")).find((name) => /^search\.\w+\.min\.js$/.test(name));
vm.runInContext(fs.readFileSync(path.join(material, "workers", worker), "utf8"), sandbox);
vm.runInContext(`var lunr = self.lunr;\n${fs.readFileSync(path.join(material, "lunr", "min", "lunr.stemmer.support.min.js"), "utf8")}`, sandbox);
vm.runInContext(fs.readFileSync(path.join(material, "lunr", "min", "lunr.ru.min.js"), "utf8"), sandbox);
const lunrStem = (word) => sandbox.lunr.ru.stemmer(new sandbox.lunr.Token(word)).toString();
const siteStem = new Function(`${fs.readFileSync(stemmer, "utf8")}\nreturn russianStem;`)();

const differ = [];
for (const word of fs.readFileSync(wordsFile, "utf8").split("\n").filter(Boolean)) {
  const [theirs, ours] = [lunrStem(word), siteStem(word)];
  if (theirs !== ours) differ.push([word, theirs, ours]);
}
process.stdout.write(JSON.stringify(differ));
