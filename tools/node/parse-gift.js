// Parses a GIFT file with gift-pegjs (an independent implementation of Moodle's format)
// and prints what the tests compare with the bank: categories, questions, right answers.
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const items = parse(fs.readFileSync(process.argv[2], "utf8"));
const out = { categories: [], questions: [] };
for (const item of items) {
  if (item.type === "Category") out.categories.push(item.title);
  else if (item.type === "MC") {
    out.questions.push({
      title: item.title,
      stem: item.stem.text,
      general: item.globalFeedback ? item.globalFeedback.text : null,
      choices: item.choices.map((c) => ({ text: c.text.text, correct: c.isCorrect, weight: c.weight, feedback: c.feedback ? c.feedback.text : null })),
    });
  } else out.questions.push({ title: item.title, unexpected: item.type });
}
process.stdout.write(JSON.stringify(out));
