/* Knowledge checks: answer a question, see the verdict and why, retry it or start over.
   Scoring mirrors question_score() in macros/scoring.py. Options are shown in a seeded
   order fixed at build time; answers are saved by option (data-bp-option), not by place. */
(() => {
  "use strict";
  const { $, $$, human, questionScore, words, copy, reveal, mount, isObject, dict, load, keep } = window.bp;
  // Stored answers: {question id: [option ids]}; anything else is set aside (bp.load).
  const clean = (v) => (isObject(v) && Object.values(v).every((p) => Array.isArray(p) && p.every(Number.isInteger)) ? dict(v) : null);

  function quiz(root) {
    const key = `bp:quiz:${root.dataset.bpQuiz}:${root.dataset.bpVersion}`;
    const questions = $$(root, "[data-bp-question]");
    const say = words(root);
    let summary = "";
    reveal(root);
    // In a SCORM package (js/scorm.js) the answers live with the LMS, in question order.
    const scorm = window.bpScorm && window.bpScorm.connected() && root.closest("[data-bp-scorm]") ? window.bpScorm : null;
    const fromLms = () => {
      const kept = scorm.saved();
      return dict(kept ? Object.fromEntries(questions.map((q, n) => [qid(q), kept.answers[n] || []]).filter(([, p]) => p.length)) : {});
    };
    const stored = () => (scorm ? fromLms() : load(root, key, clean) || dict());
    // What this page shows; a write the browser refused stays here until one is kept.
    let saved = stored();
    let unsaved = false;

    const qid = (q) => q.dataset.bpQuestion;
    const inputs = (q) => $$(q, "input");
    const optionIds = (q) => inputs(q).map((i) => +i.value);
    const rightOf = (q) => $$(q, "[data-bp-correct]").map((o) => +o.dataset.bpOption);
    const score = (q, picks) => questionScore(q.dataset.bpType, +q.dataset.bpPoints, rightOf(q), picks, inputs(q).length);

    function clear(q) {
      inputs(q).forEach((i) => { i.checked = false; i.disabled = false; });
      q.classList.remove("is-answered", "is-right", "is-partial", "is-wrong");
      $$(q, "[data-bp-option]").forEach((o) => o.classList.remove("is-chosen"));
      $(q, "[data-bp-verdict]").textContent = "";
      $(q, "[data-bp-answer]").hidden = false;
      $(q, "[data-bp-retry]").hidden = true;
    }

    function show(q, picks) {
      inputs(q).forEach((i) => { i.checked = picks.includes(+i.value); i.disabled = true; });
      $$(q, "[data-bp-option]").forEach((o) => o.classList.toggle("is-chosen", picks.includes(+o.dataset.bpOption)));
      const got = score(q, picks);
      const max = +q.dataset.bpPoints;
      const mark = got >= max ? "right" : got > 0 ? "partial" : "wrong";
      q.classList.add("is-answered", `is-${mark}`);
      $(q, "[data-bp-answer]").hidden = true;
      $(q, "[data-bp-retry]").hidden = false;
      $(q, "[data-bp-verdict]").textContent = say("verdict", { word: say(mark), got: human(got), max: human(max) });
    }

    // Points earned over the questions answered so far, and the most there are.
    const totals = () => [questions.reduce((s, q) => s + score(q, saved[qid(q)] || []), 0),
      questions.reduce((s, q) => s + +q.dataset.bpPoints, 0)];

    function update() {
      const done = questions.filter((q) => saved[qid(q)]).length;
      $(root, "[data-bp-progress]").value = done;
      $(root, "[data-bp-count]").textContent = say("of", { a: done, b: questions.length });
      const complete = done === questions.length;
      $(root, "[data-bp-done]").hidden = !complete;
      $(root, "[data-bp-done] [data-bp-status]").textContent = "";
      const [total, max] = totals();
      const line = $(root, "[data-bp-score]");
      line.hidden = !complete;
      line.textContent = complete ? say("score", { got: human(total), max: human(max) }) : "";
      const misses = questions.map((q, i) => [i + 1, score(q, saved[qid(q)] || []), +q.dataset.bpPoints])
        .filter(([, got, most]) => got < most).map(([n, got, most]) => say("miss", { n, got: human(got), max: human(most) }));
      summary = [`${root.dataset.bpTitle} — ${line.textContent}`, ...misses].join("\n");
    }

    function save() {
      if (scorm) {
        const complete = questions.every((q) => saved[qid(q)]);
        scorm.keep({ attempt: "check", spent: 0, done: complete, answers: questions.map((q) => saved[qid(q)] || []) });
        if (complete) {
          const [got, max] = totals();
          scorm.report({ percent: max ? (got / max) * 100 : 0, status: "completed",
            questions: questions.map((q) => ({ id: qid(q), chosen: saved[qid(q)], score: score(q, saved[qid(q)]), points: +q.dataset.bpPoints })) });
        }
      } else unsaved = !keep(root, key, Object.keys(saved).length ? saved : null);
      update();
    }

    // Answers given in another tab (or this one) since: shown as they are stored.
    function sync() {
      if (unsaved || (scorm && questions.some((q) => q.classList.contains("is-answered")))) return;
      saved = stored();
      questions.forEach((q) => {
        const picks = saved[qid(q)];
        const known = optionIds(q);
        if (Array.isArray(picks) && picks.length && picks.every((p) => known.includes(p))) { clear(q); show(q, picks); } else {
          delete saved[qid(q)];
          if (q.classList.contains("is-answered")) clear(q);
        }
      });
      update();
    }

    // «Мой путь»: the answer schedules the question for review (a miss) or moves it on, and a
    // finished check keeps its best result.
    function remember(q, chosen) {
      const path = window.bpPath;
      path.answered(root.dataset.bpQuiz, qid(q), score(q, chosen) >= +q.dataset.bpPoints, questions.indexOf(q) + 1);
      if (questions.every((x) => saved[qid(x)])) path.recordCheck(root.dataset.bpQuiz, ...totals());
    }

    questions.forEach((q) => {
      $(q, "[data-bp-answer]").addEventListener("click", () => {
        const chosen = inputs(q).filter((i) => i.checked).map((i) => +i.value);
        const verdict = $(q, "[data-bp-verdict]");
        if (!chosen.length) {
          verdict.textContent = say("chooseFirst");
          return;
        }
        sync(); // what another tab answered meanwhile stays
        saved[qid(q)] = chosen;
        clear(q);
        show(q, chosen);
        save();
        remember(q, chosen);
        verdict.focus();
      });
      $(q, "[data-bp-retry]").addEventListener("click", () => {
        sync();
        delete saved[qid(q)];
        clear(q);
        save();
        inputs(q)[0].focus();
      });
    });
    $(root, "[data-bp-copy]").addEventListener("click", () =>
      copy(summary, $(root, "[data-bp-done] [data-bp-status]"), say("copied")));
    $(root, "[data-bp-reset]").addEventListener("click", () => {
      if (!Object.keys(saved).length || !window.confirm(say("confirmReset"))) return;
      saved = dict();
      questions.forEach(clear);
      save();
      inputs(questions[0])[0].focus();
    });
    sync();
    const onStorage = (e) => {
      if (!root.isConnected) window.removeEventListener("storage", onStorage);
      else if (e.key === key || e.key === null) sync();
    };
    window.addEventListener("storage", onStorage);
  }

  mount("[data-bp-quiz][data-bp-kind='check']", quiz);
})();
