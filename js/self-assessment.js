/* The self-assessment «Какая вы птица?»: the reader answers every situation without any
   hint, then asks for the result. classify() mirrors classify() in macros/scoring.py;
   a browser test checks that both name the same subtypes. */
(() => {
  "use strict";
  const { $, $$, words, copy, reveal, mount, isObject, dict, load, keep } = window.bp;
  // Stored: {answers: {situation id: option index}, shown}; anything else is set aside.
  const clean = (v) => (isObject(v) && isObject(v.answers) && Object.values(v.answers).every(Number.isInteger) ? v : null);

  // chosen: the subtype of each answer, in page order. Returns [result, close second or
  // null]; ties go to the later answer and never to the ideal, as in Python.
  function classify(cfg, chosen) {
    const total = chosen.length;
    const n = (r) => chosen.filter((s) => s === r.id).length;
    const last = (r) => chosen.lastIndexOf(r.id);
    const results = cfg.results.map((r, i) => [r, i])
      .sort(([a, i], [b, j]) => n(b) - n(a) || (a.id === cfg.ideal) - (b.id === cfg.ideal) || last(b) - last(a) || i - j)
      .map(([r]) => r);
    const ideal = results.find((r) => r.id === cfg.ideal) || null;
    const others = results.filter((r) => r !== ideal);
    const dominates = ideal !== null && n(ideal) >= cfg.idealShare * total - 1e-9
      && others.every((r) => n(r) <= cfg.rivalShare * total + 1e-9);
    const result = dominates || !others.length ? ideal : others[0];
    let second = results.find((r) => r !== result) || null;
    if (second && n(result) - n(second) > cfg.margin * total + 1e-9) second = null;
    return [result, second];
  }
  window.bp.classify = classify;

  function selfAssessment(root) {
    const cfg = JSON.parse(root.dataset.bpConfig);
    const key = `bp:quiz:${root.dataset.bpQuiz}:${root.dataset.bpVersion}`;
    const questions = $$(root, "[data-bp-question]");
    let state = { answers: dict(), shown: false };
    const name = (id) => cfg.results.find((r) => r.id === id).name;
    const qid = (q) => q.dataset.bpQuestion;
    const option = (q, i) => $(q, `[data-bp-option="${i}"]`);
    const showButton = $(root, "[data-bp-show]");
    const outcome = $(root, "[data-bp-outcome]");
    const say = words(root);
    let summary = "";
    reveal(root);

    // Whatever storage holds is checked against the page: a stray answer changes nothing.
    let unsaved = false;
    function stored() {
      const kept = load(root, key, clean);
      const fresh = { answers: dict(), shown: false };
      if (kept) {
        questions.forEach((q) => {
          const i = kept.answers[qid(q)];
          if (Number.isInteger(i) && option(q, i)) fresh.answers[qid(q)] = i;
        });
        fresh.shown = kept.shown === true && Object.keys(fresh.answers).length === questions.length;
      }
      return fresh;
    }
    state = stored();

    const save = () => { unsaved = !keep(root, key, Object.keys(state.answers).length ? state : null); };
    const chosen = () => questions.map((q) => option(q, state.answers[qid(q)]).dataset.bpSubtype);

    function progress() {
      const done = Object.keys(state.answers).length;
      const left = questions.length - done;
      $(root, "[data-bp-progress]").value = done;
      $(root, "[data-bp-count]").textContent = say("of", { a: done, b: questions.length });
      showButton.hidden = left > 0 || state.shown;
      $(root, "[data-bp-left]").textContent = state.shown ? "" : left
        ? say("left", { n: left, situations: say("situations", left) }) : say("allAnswered");
    }

    function card(template, id, tag) {
      const article = $(template, `[data-bp-result="${id}"]`).cloneNode(true);
      $(article, "[data-bp-tag]").textContent = tag;
      return article;
    }

    function render() {
      const template = $(root, "template[data-bp-reveal]").content;
      const picks = chosen();
      const [result, second] = classify(cfg, picks);
      const c = Object.fromEntries(cfg.results.map((r) => [r.id, picks.filter((s) => s === r.id).length]));
      const total = questions.length;
      const verdict = say("verdict", { name: result.name });
      const near = second && say("near", { name: second.name });
      $(root, "[data-bp-verdict-title]").textContent = verdict;
      $(root, "[data-bp-second-line]").textContent = second ? `${near}.` : "";
      $(root, "[data-bp-cards]").replaceChildren(card(template, result.id, say("tagMine")),
        ...(second ? [card(template, second.id, say("tagNear"))] : []));
      const shares = cfg.results.filter((r) => c[r.id]).sort((a, b) => c[b.id] - c[a.id])
        .map((r) => say("share", { name: r.name, n: c[r.id], total }));
      $(root, "[data-bp-counts]").textContent = say("shares", { list: shares.join(", ") });
      const axes = cfg.axes.map((a) => {
        const value = Math.round((cfg.results.reduce((s, r) => s + r.profile[a.id] * c[r.id], 0) / total) * 100);
        $(root, `[data-bp-axis="${a.id}"]`).style.width = `${value}%`;
        $(root, `[data-bp-axis-value="${a.id}"]`).textContent = `${value} %`;
        return say("axis", { name: a.name, value });
      });
      const review = $(root, "[data-bp-review]");
      review.replaceChildren(...questions.map((q) => {
        const item = $(template, `[data-bp-review-item="${qid(q)}"]`).cloneNode(true);
        const picked = option(q, state.answers[qid(q)]);
        const subtype = picked.dataset.bpSubtype;
        $(item, "[data-bp-mine]").textContent = $(picked, "label span").textContent;
        $(item, "[data-bp-mine-subtype]").textContent = say("subtype", { name: name(subtype) });
        const why = $(template, `[data-bp-feedback="${qid(q)}-${state.answers[qid(q)]}"]`);
        if (why) $(item, "[data-bp-mine-why]").replaceChildren(...why.cloneNode(true).childNodes);
        if (subtype === cfg.ideal) $(item, "[data-bp-ideal-part]").remove();
        return item;
      }));
      summary = [`${root.dataset.bpTitle} — ${verdict}${second ? `. ${near}` : ""}`,
        say("answers", { list: shares.join(", ") }), ...axes].join("\n");
    }

    function apply(focus) {
      questions.forEach((q) => {
        const picked = state.answers[qid(q)];
        $$(q, "input").forEach((i) => { i.checked = +i.value === picked; i.disabled = state.shown; });
        q.classList.toggle("is-answered", picked !== undefined);
      });
      outcome.hidden = !state.shown;
      $(root, "[data-bp-done]").hidden = !state.shown;
      $(root, "[data-bp-done] [data-bp-status]").textContent = "";
      if (state.shown) render();
      progress();
      if (focus && state.shown) $(root, "[data-bp-verdict-title]").focus();
    }

    root.addEventListener("change", (e) => {
      const q = e.target.closest("[data-bp-question]");
      if (!q || state.shown) return;
      if (!unsaved) state = stored(); // answers given in another tab meanwhile stay
      if (state.shown) { apply(false); return; }
      state.answers[qid(q)] = +e.target.value;
      save();
      apply(false);
    });
    showButton.addEventListener("click", () => {
      if (Object.keys(state.answers).length < questions.length) return;
      state.shown = true;
      save();
      apply(true);
      // «Мой путь» names the result.
      window.bpPath.recordSelf(classify(cfg, chosen())[0].name);
    });
    $(root, "[data-bp-copy]").addEventListener("click", () =>
      copy(summary, $(root, "[data-bp-done] [data-bp-status]"), say("copied")));
    $(root, "[data-bp-reset]").addEventListener("click", () => {
      if (!Object.keys(state.answers).length || !window.confirm(say("confirmReset"))) return;
      state = { answers: dict(), shown: false };
      save();
      apply(false);
      $$(root, "[data-bp-cards], [data-bp-review]").forEach((el) => el.replaceChildren());
      $(questions[0], "input").focus();
    });
    apply(false);
    const onStorage = (e) => {
      if (!root.isConnected) window.removeEventListener("storage", onStorage);
      else if ((e.key === key || e.key === null) && !unsaved) { state = stored(); apply(false); }
    };
    window.addEventListener("storage", onStorage);
  }

  mount("[data-bp-quiz][data-bp-kind='scale']", selfAssessment);
})();
