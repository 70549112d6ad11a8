/* Exam results of a group: attempts read from files, merged into people, flagged, analysed.
   Mirrors macros/exam/results.py; tests check that both agree. */
window.bpMerge = (() => {
  "use strict";
  const X = window.bpExam;
  const GRADING = ["first", "last", "best"];

  // files: [{name, bytes}]; returns {attempts, people, graded, messages}.
  function merge(say, cfg, key, files, grading) {
    const bank = key.questions.map((q) => ({ id: q.id, topic: q.topic, options: q.options.length }));
    const attempts = [];
    const messages = [];
    const byAttempt = new Map();
    files.forEach(({ name, bytes }) => {
      let read;
      try { read = X.readResult(say, cfg, bank, name, bytes); } catch { read = [null, say("unreadable", { file: X.shown(name) })]; }
      const [attempt, problem] = read;
      if (problem) { messages.push(problem); return; }
      const copies = byAttempt.get(attempt.attempt) || [];
      const alike = (x, y) => Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => y[k] && `${y[k]}` === `${x[k]}`);
      const same = copies.find((a) => a.person === attempt.person && alike(a.answers, attempt.answers));
      if (same) { messages.push(say("duplicate", { file: name, first: same.file })); return; }
      copies.push(attempt);
      byAttempt.set(attempt.attempt, copies);
      attempts.push({ ...attempt, ...X.grade(cfg, key, attempt.variant, attempt.answers), flags: [] });
    });
    const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    attempts.sort((a, b) => a.submitted - b.submitted || a.started - b.started || cmp(a.candidate, b.candidate) || cmp(a.file, b.file));
    attempts.forEach((a) => {
      const others = byAttempt.get(a.attempt).filter((o) => o.file !== a.file);
      if (others.length) a.flags.push(say("flagSameAttempt", { file: others[0].file, name: others[0].candidate }));
      const sheets = attempts.filter((b) => b !== a && b.variant === a.variant && b.marking === "instant").map((b) => b.submitted)
        .concat(a.sheets_seen.filter((s) => s.variant === a.variant).map((s) => s.at));
      const before = sheets.filter((t) => t < a.started);
      if (before.length) a.flags.push(say("flagAfterSheet", { variant: a.variant, when: X.localTime(Math.min(...before)) }));
      if (cfg.time_limit && a.duration_seconds > cfg.time_limit * 60 + 1) {
        a.flags.push(say("flagOverTime", { minutes: X.human(a.duration_seconds / 60), limit: X.human(cfg.time_limit) }));
      }
    });
    const people = new Map();
    attempts.forEach((a) => {
      const person = people.get(a.person) || { person: a.person, candidate: a.candidate, attempts: [] };
      person.attempts.push(a);
      a.number = person.attempts.length;
      people.set(a.person, person);
    });
    people.forEach((person) => {
      const list = person.attempts;
      let graded = list[0];
      if (grading === "last") graded = list[list.length - 1];
      if (grading === "best") graded = list.reduce((best, a) => (a.percent > best.percent ? a : best));
      list.forEach((a) => { a.graded = a === graded; });
      person.graded = graded;
    });
    const all = [...people.values()];
    return { attempts, people: all, graded: all.map((p) => p.graded), messages, grading };
  }

  function summary(say, cfg, merged) {
    const people = merged.people.length;
    const attempts = merged.attempts.length;
    const passed = merged.graded.filter((a) => a.passed).length;
    return say("summary", {
      people, peopleWord: say("people", people), attempts, attemptsWord: say("attempts", attempts),
      method: say("gradingWords")[GRADING.indexOf(merged.grading)], passed, failed: people - passed, mark: X.human(cfg.pass_mark),
    });
  }

  // Per question asked in an attempt that counts; hardest first, then bank order.
  function itemAnalysis(key, merged) {
    const order = new Map(key.questions.map((q, i) => [q.id, i]));
    const rows = new Map();
    merged.graded.forEach((r) => r.questions.forEach((a) => {
      const row = rows.get(a.id) || { id: a.id, topic: a.topic, asked: 0, right: 0, wrong: new Map() };
      row.asked += 1;
      row.right += a.score >= a.points ? 1 : 0;
      a.chosen.filter((i) => !a.correct.includes(i)).forEach((i) => row.wrong.set(i, (row.wrong.get(i) || 0) + 1));
      rows.set(a.id, row);
    }));
    const options = new Map(key.questions.map((q) => [q.id, q.options]));
    return [...rows.values()].map((row) => {
      const wrong = [...row.wrong.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
      return {
        id: row.id, topic: row.topic, asked: row.asked, right: row.right, share: X.rounded((row.right * 100) / row.asked),
        wrong_option: wrong ? options.get(row.id)[wrong[0]] : null, wrong_count: wrong ? wrong[1] : 0,
      };
    }).sort((x, y) => x.share - y.share || order.get(x.id) - order.get(y.id));
  }

  function topicAnalysis(cfg, merged) {
    return cfg.topics.map((t) => {
      const mine = merged.graded.flatMap((r) => r.topics.filter((x) => x.id === t.id));
      const got = mine.reduce((s, x) => s + x.score, 0);
      const top = mine.reduce((s, x) => s + x.max, 0);
      return { id: t.id, name: t.name, score: X.rounded(got), max: X.rounded(top), share: top ? X.rounded((got * 100) / top) : 0, top };
    }).filter((t) => t.top);
  }

  // Same columns and cells as table_csv() in macros/exam/results.py.
  function tableCsv(say, cfg, merged) {
    const head = [...say("csvColumns"),
      ...cfg.topics.map((t) => say("topicScore", { topic: t.name })), ...cfg.topics.map((t) => say("topicMax", { topic: t.name }))];
    const yes = (b) => say(b ? "yes" : "no");
    return X.csv([head, ...merged.attempts.map((a) => {
      const s = new Map(a.topics.map((t) => [t.id, t]));
      return [a.candidate, a.number, yes(a.graded), X.localTime(a.started), X.localTime(a.submitted), X.human(a.duration_seconds / 60),
        yes(a.timed_out), a.unanswered, a.variant, X.human(a.score), X.human(a.max_score), X.human(a.percent),
        say(a.passed ? "pass" : "fail"), a.flags.join("; "),
        ...cfg.topics.map((t) => (s.has(t.id) ? X.human(s.get(t.id).score) : "")),
        ...cfg.topics.map((t) => (s.has(t.id) ? X.human(s.get(t.id).max) : ""))];
    })]);
  }

  return { GRADING, merge, summary, itemAnalysis, topicAnalysis, tableCsv };
})();
