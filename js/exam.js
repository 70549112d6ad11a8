/* The internal exam: start with a variant code and a name, answer with no feedback, submit
   once. Practice: the answer sheet follows at once. Trainer marking: the candidate sees their
   answers only, and the sheet opens where the trainer types the passphrase. State lives in
   localStorage so a reload loses nothing. */
(() => {
  "use strict";
  const X = window.bpExam;
  const { $, $$, words, store, dict, notice, load: loadChecked } = window.bp;

  async function exam(root) {
    root.classList.add("bp-live");
    const cfg = JSON.parse(root.dataset.bpConfig);
    const say = words(root);
    const trainer = cfg.marking === "trainer";
    // Practice: the key is opened before anything is shown, to mark at once on submitting.
    let key = null;
    if (!trainer) {
      key = await window.bpKey.open(root, cfg);
      if (!key) return;
    }
    const storeKey = `bp:exam:${cfg.bank}:${cfg.version}`;
    // In a SCORM package (js/scorm.js) the attempt lives with the LMS, not in this browser.
    const scorm = window.bpScorm && window.bpScorm.connected() && root.closest("[data-bp-scorm]") ? window.bpScorm : null;
    const seenKey = `bp:exam-sheets:${cfg.bank}`;
    const items = $$(root, "[data-bp-question]");
    const byId = new Map(items.map((li) => [li.dataset.bpQuestion, li]));
    const bank = items.map((li) => ({ id: li.dataset.bpQuestion, topic: li.dataset.bpTopic, options: $$(li, "input").length }));
    const list = $(root, "[data-bp-questions]");
    const form = $(root, "[data-bp-start]");
    const alert = $(root, "[data-bp-alert]");
    const timer = $(root, "[data-bp-timer]");
    const unlock = $(root, "[data-bp-unlock]"); // trainer marking only
    const limit = cfg.time_limit ? cfg.time_limit * 60000 : 0;
    let persistent = true;
    let broken = false;
    // Set when another tab started this exam anew or cleared it: this one stops saving.
    let detached = false;
    // The LMS's attempt: its variant comes from the learner and the attempt (js/scorm.js).
    const attemptOf = () => {
      const kept = scorm.saved();
      const attempt = kept ? kept.attempt : X.randomText(12);
      return { kept, attempt, variant: scorm.variantOf(scorm.learner().id, attempt) };
    };
    const fromLms = scorm ? attemptOf() : null;
    const load = () => {
      if (scorm) {
        const { kept, attempt, variant } = fromLms;
        if (!kept || kept.done) return null;
        const ids = X.draw(cfg, bank, variant).map((q) => q.id);
        const answers = Object.fromEntries(ids.map((id, n) => [id, kept.answers[n] || []]));
        return { variant, name: scorm.learner().name || "—", started: Date.now() - kept.spent, attempt, answers, result: null };
      }
      let raw;
      try { raw = localStorage.getItem(storeKey); } catch { persistent = false; return null; }
      try { return JSON.parse(raw); } catch { broken = true; return null; }
    };
    // What suspend_data keeps (js/scorm.js encode): answers in the order drawn on screen.
    const compact = () => ({ attempt: state.attempt, spent: Date.now() - state.started, done: Boolean(state.result),
      answers: drawn.map((li) => state.answers[li.dataset.bpQuestion] || []) });
    const save = (where) => {
      if (scorm) { scorm.keep(compact(), where); return; }
      if (detached) return;
      if (store.set(storeKey, state)) return;
      if (persistent) alert.textContent = say(store.failure() === "full" ? "noRoom" : "noStorage");
      persistent = false;
    };
    // Storage is untrusted: anything that is not our own state is dropped, and the candidate
    // told, rather than a widget that stops half way.
    const valid = (s) => s && typeof s === "object" && X.code(s.variant) === s.variant && typeof s.name === "string" && s.name.trim()
      && Number.isFinite(s.started) && s.started > Date.UTC(2000, 0) && s.started <= Date.now() + 60000
      && s.answers && typeof s.answers === "object" && !Array.isArray(s.answers)
      && (s.result === null || s.result === undefined || (typeof s.result === "object" && Array.isArray(s.result.questions)
        && X.epochMs(s.result.submitted) !== null));
    // Answers keyed by question id, as plain keys (bp.dict); only options that exist.
    const cleanAnswers = (given) => {
      const answers = dict();
      bank.forEach((q) => {
        const picks = Object.hasOwn(given, q.id) ? given[q.id] : null;
        if (Array.isArray(picks)) answers[q.id] = picks.filter((i) => Number.isInteger(i) && i >= 0 && i < q.options);
      });
      return answers;
    };
    let state = load();
    if (state !== null && !valid(state)) { broken = true; state = null; }
    if (state) {
      if (typeof state.attempt !== "string") state.attempt = X.randomText(12);
      state.answers = cleanAnswers(state.answers);
    }
    // The same attempt as storage holds now (another tab may have answered), or null.
    const fresh = () => {
      const now = store.get(storeKey);
      return now && valid(now) && state && now.attempt === state.attempt ? { ...now, answers: cleanAnswers(now.answers) } : null;
    };
    // Answer sheets opened in this browser, by variant: a later attempt of the same variant
    // carries them in its file, and the trainer's page flags it.
    const sheetsSeen = () => (loadChecked(root, seenKey, (s) => (Array.isArray(s) ? s : null)) || []).slice(-100);
    const markSeen = () => store.set(seenKey, [...sheetsSeen(), { variant: state.variant, at: new Date().toISOString() }]);
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
      if (scorm) {
        // The LMS names the learner and the attempt the variant.
        field.value = fromLms.variant;
        field.readOnly = true;
        $(form, "[data-bp-generate]").hidden = true;
        $(form, "[data-bp-name]").value = scorm.learner().name;
        if (fromLms.kept && fromLms.kept.done) { form.hidden = true; alert.textContent = say("scormDone"); }
        return;
      }
      if (!field.value) $(form, "[data-bp-start-status]").textContent = say("enterCode");
    }

    function place() {
      drawn = X.draw(cfg, bank, state.variant).map((q) => byId.get(q.id));
      drawn.forEach((li, n) => {
        list.append(li);
        li.hidden = false;
        $(li, "[data-bp-number]").textContent = say("question", { n: n + 1, total: drawn.length });
        const options = $(li, ".bp-options");
        const nodes = $$(options, "[data-bp-option]");
        X.optionOrder(cfg, state.variant, li.dataset.bpQuestion, nodes.length).forEach((i) => options.append(nodes[i]));
        const picks = state.answers[li.dataset.bpQuestion] || [];
        $$(li, "input").forEach((input) => { input.checked = picks.includes(+input.value); });
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
      if (limit) tick();
    }

    // The deadline follows from the start and the bank's limit, never from storage. The
    // clock sits in the sticky bar, so its warning is seen wherever the candidate has scrolled.
    function tick() {
      const clock = $(root, "[data-bp-clock]");
      timer.hidden = false;
      const step = () => {
        if (!root.isConnected || state.result) { clearInterval(interval); return; }
        const left = Math.max(0, state.started + limit - Date.now());
        const s = Math.ceil(left / 1000);
        clock.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
        timer.classList.toggle("is-warning", left <= 60000);
        if (left <= 60000 && !state.warned && left > 0) {
          state.warned = true;
          save();
          alert.textContent = say("lastMinute");
        }
        if (left <= 0) submit(true);
      };
      const interval = setInterval(step, 500);
      step();
    }

    function submit(timedOut) {
      const now = Date.now();
      const end = timedOut && limit ? Math.min(now, state.started + limit) : now;
      state.result = X.document(cfg, bank, state.variant, state.answers, {
        attempt: state.attempt,
        candidate: state.name,
        started: new Date(state.started).toISOString(),
        submitted: new Date(end).toISOString(),
        duration_seconds: Math.round((end - state.started) / 1000),
        timed_out: timedOut,
        sheets_seen: sheetsSeen().filter((s) => X.epochMs(s.at) !== null && X.epochMs(s.at) < state.started),
      });
      save();
      if (scorm) {
        const marks = X.grade(cfg, key, state.variant, state.answers);
        scorm.report({ percent: marks.percent, status: marks.passed ? "passed" : "failed", questions: marks.questions });
        if (root.closest("[data-bp-scorm]").dataset.bpScormReveal === "false") {
          finish();
          $(root, "[data-bp-verdict]").textContent = verdictOf(marks);
        } else sheet(key);
        $$(root, "[data-bp-again]").forEach((b) => { b.hidden = true; });
      } else if (trainer) {
        finish();
      } else {
        markSeen();
        sheet(key);
      }
      $(root, "[data-bp-sheet]").focus();
    }

    const verdictOf = (marks) => say("verdict", {
      outcome: say(marks.passed ? "passed" : "failed"), got: X.human(marks.score), max: X.human(marks.max_score),
      points: Number.isInteger(marks.max_score) ? say("ofPoints", marks.max_score) : say("fractionPoints"),
      percent: X.human(marks.percent), pass: X.human(marks.pass_mark),
    });

    // After submitting, with or without marks: the answers stay as chosen, nothing editable.
    function finish() {
      const doc = state.result;
      if (!drawn.length) place();
      $(root, "[data-bp-submit-area]").hidden = true;
      timer.hidden = true;
      $(root, "[data-bp-count]").textContent = say("submitted");
      form.hidden = true;
      alert.textContent = doc.timed_out ? say("timedOut") : "";
      $$(list, "input").forEach((input) => { input.disabled = true; });
      drawn.forEach((li) => {
        const picks = state.answers[li.dataset.bpQuestion] || [];
        $$(li, "[data-bp-option]").forEach((o) => o.classList.toggle("is-chosen", picks.includes(+o.dataset.bpOption)));
      });
      const box = $(root, "[data-bp-sheet]");
      const minutes = Math.max(1, Math.round(doc.duration_seconds / 60));
      $(box, "[data-bp-sheet-meta]").textContent = say("meta", {
        name: doc.candidate, variant: doc.variant, when: new Date(doc.submitted).toLocaleString("ru-RU"),
        minutes: `${minutes} ${say("minutes", minutes)}`,
      });
      $(box, "[data-bp-sheet-timeout]").hidden = !doc.timed_out;
      $(box, "[data-bp-verdict]").textContent = say("locked");
      $(box, "[data-bp-verdict]").className = "bp-sheet__verdict";
      $(box, "[data-bp-sheet-topics]").hidden = true;
      $(box, "[data-bp-csv]").hidden = true;
      if (unlock) unlock.hidden = false;
      box.hidden = false;
      root.classList.add("is-submitted");
    }

    // The answer sheet: marks, right answers, explanations; opened with the key.
    function sheet(opened) {
      finish();
      const doc = state.result;
      const marks = X.grade(cfg, opened, doc.variant, state.answers);
      const info = new Map(opened.questions.map((q) => [q.id, q]));
      marks.questions.forEach((q) => {
        const li = byId.get(q.id);
        const about = info.get(q.id);
        const mark = q.score >= q.points ? "right" : q.score > 0 ? "partial" : "wrong";
        li.classList.add(`is-${mark}`);
        $$(li, "[data-bp-option]").forEach((o) => o.classList.toggle("is-key", q.correct.includes(+o.dataset.bpOption)));
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
      const verdict = $(box, "[data-bp-verdict]");
      verdict.textContent = verdictOf(marks);
      verdict.className = `bp-sheet__verdict ${marks.passed ? "is-pass" : "is-fail"}`;
      $(box, "[data-bp-topic-rows]").replaceChildren(...marks.topics.map((t) => {
        const tr = document.createElement("tr");
        tr.append(Object.assign(document.createElement("td"), { textContent: t.name }),
          Object.assign(document.createElement("td"), { textContent: say("of", { a: X.human(t.score), b: X.human(t.max) }) }));
        return tr;
      }));
      $(box, "[data-bp-sheet-topics]").hidden = false;
      $(box, "[data-bp-csv]").hidden = false;
      if (unlock) unlock.hidden = true;
      root.classList.add("is-marked");
      key = opened;
    }

    const fileName = (ext) => {
      const who = state.result.candidate.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-");
      return `${cfg.bank}-${state.result.variant}-${who || "candidate"}.${ext}`;
    };
    // Same columns as macros/exam/grading.py sheet_csv().
    const sheetCsv = () => {
      const doc = state.result;
      const marks = X.grade(cfg, key, doc.variant, state.answers);
      const info = new Map(key.questions.map((q) => [q.id, q]));
      const topics = new Map(cfg.topics.map((t) => [t.id, t.name]));
      const submitted = X.epochMs(doc.submitted);
      const minutes = X.human(X.durationOf(X.epochMs(doc.started), submitted) / 60);
      return X.csv([say("sheetColumns"), ...marks.questions.map((q) => [doc.candidate, X.localTime(submitted), doc.variant, minutes,
        say(doc.timed_out ? "yes" : "no"), q.number, q.id, info.get(q.id).text, topics.get(q.topic) ?? q.topic,
        q.chosen_text.join(" | "), q.correct_text.join(" | "), X.human(q.score), X.human(q.points)])]);
    };

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const status = $(form, "[data-bp-start-status]");
      const variant = X.code($(form, "[data-bp-variant]").value);
      const name = $(form, "[data-bp-name]").value.trim();
      if (!variant) { status.textContent = say("badCode"); $(form, "[data-bp-variant]").focus(); return; }
      if (!name) { status.textContent = say("noName"); $(form, "[data-bp-name]").focus(); return; }
      state = { variant, name, started: Date.now(), attempt: scorm ? fromLms.attempt : X.randomText(12), answers: dict(), result: null };
      save();
      setUrl(variant);
      run();
      if (sheetsSeen().some((s) => s.variant === variant)) alert.textContent = say("seenBefore", { variant });
      $(drawn[0], "input").focus();
    });
    $(form, "[data-bp-generate]").addEventListener("click", () => {
      const variant = X.newCode();
      $(form, "[data-bp-variant]").value = variant;
      setUrl(variant);
      $(form, "[data-bp-start-status]").textContent = say("newCode", { code: variant });
    });
    list.addEventListener("change", (e) => {
      if (!state || state.result || detached) return;
      const li = e.target.closest("[data-bp-question]");
      // Two tabs never overwrite each other: this answer goes onto what storage holds now.
      const now = persistent && fresh();
      if (now) state.answers = now.answers;
      state.answers[li.dataset.bpQuestion] = $$(li, "input").filter((i) => i.checked).map((i) => +i.value);
      armed = false;
      save(li.dataset.bpQuestion);
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
    // The trainer beside the candidate opens the sheet with the passphrase.
    if (unlock) {
      window.bpKey.unlockWith(unlock, root, cfg, (opened) => {
        markSeen();
        sheet(opened);
        $(root, "[data-bp-sheet]").focus();
      });
    }
    let again = false;
    root.addEventListener("click", (e) => {
      const button = e.target.closest("button");
      if (!button || !state || !state.result) return;
      const status = $(root, "[data-bp-sheet-status]");
      if (button.matches("[data-bp-json]")) X.download(fileName("json"), `${JSON.stringify(state.result, null, 2)}\n`, "application/json");
      if (button.matches("[data-bp-csv]") && key) X.download(fileName("csv"), sheetCsv(), "text/csv");
      if (button.matches("[data-bp-print]")) window.print();
      if (button.matches("[data-bp-again]")) {
        if (!again) { again = true; status.textContent = say("confirmAgain"); return; }
        try { localStorage.removeItem(storeKey); } catch { /* nothing stored */ }
        location.assign(location.pathname);
      }
    });
    // Leaving a SCORM attempt part way keeps it with the LMS (js/scorm.js suspend).
    if (scorm) scorm.onSuspend(() => (state && !state.result ? compact() : null));
    // The same exam in another tab: its answers appear here, its submission ends this one too,
    // and a new start there leaves this tab unable to save (it says so).
    const onStorage = (e) => {
      if (!root.isConnected) { window.removeEventListener("storage", onStorage); return; }
      if ((e.key !== storeKey && e.key !== null) || !state || state.result || detached) return;
      const now = fresh();
      if (!now) {
        detached = true;
        $$(list, "input").forEach((input) => { input.disabled = true; });
        $(root, "[data-bp-submit-area]").hidden = true;
        notice(root, "tabs", say("otherTabRestarted"));
        return;
      }
      state = now;
      if (state.result) { if (trainer) finish(); else sheet(key); return; }
      drawn.forEach((li) => {
        const picks = state.answers[li.dataset.bpQuestion] || [];
        $$(li, "input").forEach((input) => { input.checked = picks.includes(+input.value); });
      });
      count();
    };
    window.addEventListener("storage", onStorage);
    // Open in two tabs: both say so (BroadcastChannel reaches this site's other tabs only).
    if ("BroadcastChannel" in window && !scorm) {
      const tabs = new BroadcastChannel(storeKey);
      tabs.onmessage = (e) => {
        if (!root.isConnected) { tabs.close(); return; }
        if (e.data === "open?") tabs.postMessage("open");
        if (!detached) notice(root, "tabs", e.data === "closed" ? "" : say("twoTabs"));
      };
      tabs.postMessage("open?");
      window.addEventListener("pagehide", () => tabs.postMessage("closed"));
    }

    // Leaving mid-exam by closing or reloading asks first; answers are kept either way.
    window.addEventListener("beforeunload", (e) => {
      if (root.isConnected && state && !state.result && !scorm) { e.preventDefault(); e.returnValue = ""; }
    });

    if (state && state.result) {
      if (trainer) finish(); else sheet(key);
    } else if (state) {
      const wanted = X.code(new URLSearchParams(location.search).get("variant"));
      run();
      // A resumed SCORM attempt opens at the question it was left at.
      // Twice: questions out of view take their real height only once laid out.
      const at = scorm && byId.get(scorm.resumeAt());
      const go = () => at.scrollIntoView({ block: "center" });
      if (at) requestAnimationFrame(() => { go(); requestAnimationFrame(go); });
      if (wanted && wanted !== state.variant) alert.textContent = say("unfinished", { variant: state.variant });
      else setUrl(state.variant);
    } else {
      showStart();
    }
    if (!persistent) alert.textContent = say("noStorage");
    else if (broken) alert.textContent = say("storedBroken");
  }

  window.bp.mount("[data-bp-exam]", exam);
})();
