/* The internal exam: start with a variant code and a name, answer with no feedback, submit
   once, then the answer sheet. State lives in localStorage so a reload loses nothing. */
(() => {
  "use strict";
  const X = window.bpExam;
  const { $, $$, words } = window.bp;

  async function exam(root) {
    root.classList.add("bp-live");
    const cfg = JSON.parse(root.dataset.bpConfig);
    const say = words(root);
    // The key (right answers, explanations) is opened once, before anything is shown.
    const key = await X.openKey(root, cfg);
    if (!key) return;
    const storeKey = `bp:exam:${cfg.bank}:${cfg.version}`;
    const items = $$(root, "[data-bp-question]");
    const byId = new Map(items.map((li) => [li.dataset.bpQuestion, li]));
    const list = $(root, "[data-bp-questions]");
    const form = $(root, "[data-bp-start]");
    const alert = $(root, "[data-bp-alert]");
    let persistent = true;
    const load = () => { try { return JSON.parse(localStorage.getItem(storeKey)); } catch { persistent = false; return null; } };
    const save = () => {
      try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch {
        if (persistent) alert.textContent = say("noStorage");
        persistent = false;
      }
    };
    let state = load();
    // Storage is untrusted: anything that does not look like our own state starts afresh.
    if (!state || typeof state !== "object" || !X.code(state.variant) || typeof state.name !== "string"
      || !Number.isFinite(state.started) || typeof state.answers !== "object" || !state.answers) state = null;
    let drawn = [];
    let armed = false;
    $(root, "[data-bp-nojs]").hidden = true;

    const setUrl = (variant) => {
      const url = new URL(location.href);
      url.searchParams.set("variant", variant);
      history.replaceState(history.state, "", url);
    };

    function showStart() {
      form.hidden = false;
      const wanted = new URLSearchParams(location.search).get("variant");
      const field = $(form, "[data-bp-variant]");
      field.value = X.code(wanted) || "";
      if (!field.value) $(form, "[data-bp-start-status]").textContent = say("enterCode");
    }

    function place() {
      drawn = X.draw(cfg, items.map((li) => ({ id: li.dataset.bpQuestion, topic: li.dataset.bpTopic })), state.variant)
        .map((q) => byId.get(q.id));
      drawn.forEach((li, n) => {
        list.append(li);
        li.hidden = false;
        $(li, "[data-bp-number]").textContent = say("question", { n: n + 1, total: drawn.length });
        const options = $(li, ".bp-options");
        const nodes = $$(options, "[data-bp-option]");
        X.optionOrder(cfg, state.variant, li.dataset.bpQuestion, nodes.length).forEach((i) => options.append(nodes[i]));
        const picks = state.answers[li.dataset.bpQuestion] || [];
        $$(li, "input").forEach((input) => { input.checked = Array.isArray(picks) && picks.includes(+input.value); });
      });
      list.hidden = false;
      $(root, "[data-bp-bar]").hidden = false;
      $(root, "[data-bp-who]").textContent = state.name;
      $(root, "[data-bp-code]").textContent = state.variant;
    }

    const answered = () => drawn.filter((li) => (state.answers[li.dataset.bpQuestion] || []).length).length;
    const count = () => { $(root, "[data-bp-count]").textContent = say("answered", { n: answered(), total: drawn.length }); };

    function run() {
      form.hidden = true;
      place();
      count();
      $(root, "[data-bp-submit-area]").hidden = false;
      if (state.deadline) tick();
    }

    function tick() {
      const clock = $(root, "[data-bp-clock]");
      $(root, "[data-bp-timer]").hidden = false;
      const step = () => {
        if (!root.isConnected || state.result) { clearInterval(timer); return; }
        const left = Math.max(0, state.deadline - Date.now());
        const s = Math.ceil(left / 1000);
        clock.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
        if (left <= 60000 && !state.warned && left > 0) {
          state.warned = true;
          save();
          alert.textContent = say("lastMinute");
        }
        if (left <= 0) submit(true);
      };
      const timer = setInterval(step, 500);
      step();
    }

    function submit(timedOut) {
      const now = Date.now();
      const end = timedOut && state.deadline ? Math.min(now, state.deadline) : now;
      state.result = X.document(cfg, key, state.variant, state.answers, {
        candidate: state.name,
        started: new Date(state.started).toISOString(),
        submitted: new Date(end).toISOString(),
        duration_seconds: Math.round((end - state.started) / 1000),
        timed_out: timedOut,
      });
      save();
      sheet(key, timedOut);
    }

    function sheet(key, timedOut) {
      const doc = state.result;
      const info = new Map(key.questions.map((q) => [q.id, q]));
      if (!drawn.length) place();
      $(root, "[data-bp-submit-area]").hidden = true;
      $(root, "[data-bp-timer]").hidden = true;
      $(root, "[data-bp-count]").textContent = say("submitted");
      form.hidden = true;
      alert.textContent = timedOut ? say("timedOut") : "";
      $$(list, "input").forEach((input) => { input.disabled = true; });
      doc.questions.forEach((q) => {
        const li = byId.get(q.id);
        const about = info.get(q.id);
        const mark = q.score >= q.points ? "right" : q.score > 0 ? "partial" : "wrong";
        li.classList.add(`is-${mark}`);
        $$(li, "[data-bp-option]").forEach((o) => {
          o.classList.toggle("is-chosen", q.chosen.includes(+o.dataset.bpOption));
          o.classList.toggle("is-key", q.correct.includes(+o.dataset.bpOption));
        });
        const review = $(li, "[data-bp-review]");
        const line = (label, text) => {
          const p = document.createElement("p");
          p.append(Object.assign(document.createElement("strong"), { textContent: `${say(label)}: ` }), text);
          return p;
        };
        review.replaceChildren(
          line("yourAnswer", q.chosen_text.length ? q.chosen_text.join("; ") : say("noAnswer")),
          line("rightAnswer", q.correct_text.join("; ")),
          line("points", say("pointsLine", { got: X.human(q.score), max: X.human(q.points), word: say(mark) })),
        );
        const why = document.createElement("div");
        why.className = "bp-explanation";
        why.innerHTML = about.explanation; // built from the bank at build time, raw HTML off
        review.append(why);
        if (about.link) {
          const p = line("revise", "");
          p.append(Object.assign(document.createElement("a"), { href: about.link, textContent: about.link_title }));
          review.append(p);
        }
        review.hidden = false;
      });
      const box = $(root, "[data-bp-sheet]");
      const when = new Date(doc.submitted);
      const minutes = Math.max(1, Math.round(doc.duration_seconds / 60));
      $(box, "[data-bp-sheet-meta]").textContent = say("meta", {
        name: doc.candidate, variant: doc.variant, when: when.toLocaleString("ru-RU"), minutes: `${minutes} ${say("minutes", minutes)}`,
      });
      const verdict = $(box, "[data-bp-verdict]");
      verdict.textContent = say("verdict", {
        outcome: say(doc.passed ? "passed" : "failed"), got: X.human(doc.score), max: X.human(doc.max_score),
        points: Number.isInteger(doc.max_score) ? say("ofPoints", doc.max_score) : say("fractionPoints"),
        percent: X.human(doc.percent), pass: X.human(doc.pass_mark),
      });
      verdict.className = `bp-sheet__verdict ${doc.passed ? "is-pass" : "is-fail"}`;
      $(box, "[data-bp-topic-rows]").replaceChildren(...doc.topics.map((t) => {
        const tr = document.createElement("tr");
        tr.append(Object.assign(document.createElement("td"), { textContent: t.name }),
          Object.assign(document.createElement("td"), { textContent: say("of", { a: X.human(t.score), b: X.human(t.max) }) }));
        return tr;
      }));
      box.hidden = false;
      root.classList.add("is-submitted");
      box.focus();
    }

    const fileName = (ext) => {
      const who = state.result.candidate.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-");
      return `${cfg.bank}-${state.result.variant}-${who || "candidate"}.${ext}`;
    };
    const sheetCsv = (doc) => {
      const minutes = X.human(doc.duration_seconds / 60);
      return [say("sheetColumns"), ...doc.questions.map((q) => [doc.candidate, doc.submitted, doc.variant, doc.bank, doc.bank_version, minutes,
        q.number, q.id, q.topic, q.chosen_text.join(" | "), q.correct_text.join(" | "), X.human(q.score), X.human(q.points)])]
        .map(X.csvLine).join("\n") + "\n";
    };

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const status = $(form, "[data-bp-start-status]");
      const variant = X.code($(form, "[data-bp-variant]").value);
      const name = $(form, "[data-bp-name]").value.trim();
      if (!variant) { status.textContent = say("badCode"); $(form, "[data-bp-variant]").focus(); return; }
      if (!name) { status.textContent = say("noName"); $(form, "[data-bp-name]").focus(); return; }
      const now = Date.now();
      state = { variant, name, started: now, deadline: cfg.time_limit ? now + cfg.time_limit * 60000 : null, answers: {}, result: null };
      save();
      setUrl(variant);
      run();
      $(drawn[0], "input").focus();
    });
    $(form, "[data-bp-generate]").addEventListener("click", () => {
      const variant = X.newCode();
      $(form, "[data-bp-variant]").value = variant;
      setUrl(variant);
      $(form, "[data-bp-start-status]").textContent = say("newCode", { code: variant });
    });
    list.addEventListener("change", (e) => {
      if (!state || state.result) return;
      const li = e.target.closest("[data-bp-question]");
      state.answers[li.dataset.bpQuestion] = $$(li, "input").filter((i) => i.checked).map((i) => +i.value);
      armed = false;
      save();
      count();
    });
    $(root, "[data-bp-submit]").addEventListener("click", () => {
      const left = drawn.length - answered();
      if (left && !armed) {
        armed = true;
        $(root, "[data-bp-submit-status]").textContent = say("unanswered", { n: left, questions: say("questions", left) });
        return;
      }
      submit(false);
    });
    let again = false;
    root.addEventListener("click", (e) => {
      const button = e.target.closest("button");
      if (!button || !state || !state.result) return;
      const status = $(root, "[data-bp-sheet-status]");
      if (button.matches("[data-bp-json]")) X.download(fileName("json"), `${JSON.stringify(state.result, null, 2)}\n`, "application/json");
      if (button.matches("[data-bp-csv]")) X.download(fileName("csv"), sheetCsv(state.result), "text/csv");
      if (button.matches("[data-bp-print]")) window.print();
      if (button.matches("[data-bp-again]")) {
        if (!again) { again = true; status.textContent = say("confirmAgain"); return; }
        try { localStorage.removeItem(storeKey); } catch { /* nothing stored */ }
        location.assign(location.pathname);
      }
    });
    // Leaving mid-exam by closing or reloading asks first; answers are kept either way.
    window.addEventListener("beforeunload", (e) => {
      if (root.isConnected && state && !state.result) { e.preventDefault(); e.returnValue = ""; }
    });

    if (state && state.result) {
      sheet(key, state.result.timed_out);
      $(root, "[data-bp-sheet]").blur();
    } else if (state) {
      const wanted = X.code(new URLSearchParams(location.search).get("variant"));
      run();
      if (wanted && wanted !== state.variant) alert.textContent = say("unfinished", { variant: state.variant });
      else setUrl(state.variant);
    } else {
      showStart();
    }
    if (!persistent) alert.textContent = say("noStorage");
  }

  window.bp.mount("[data-bp-exam]", exam);
})();
