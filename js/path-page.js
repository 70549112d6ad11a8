/* «Мой путь»: each stage of the route with its state in this browser (pages read, changed or
   unread; knowledge checks' best results; the self-assessment), the share of the route
   done, «готов к экзамену» or what is missing, the questions due today, the new-hire
   checklist's runs and the progress file for a mentor (read by «Прогресс группы»). */
(() => {
  "use strict";
  const { store, $, words, reveal, download, mount, human, load, notice } = window.bp;
  const P = window.bpPath;
  const FORMAT = "sinyaya-ptitsa-progress";
  const NAME = "bp:path-name";
  const SIGN = { read: "✓", changed: "↻", unread: "○", done: "✓", open: "○" };

  // Whether the self-assessment was finished in this browser before its result was kept by name.
  function selfShown(bank) {
    let keys = [];
    try { keys = Object.keys(localStorage); } catch { keys = []; }
    return keys.some((k) => k.startsWith(`bp:quiz:${bank}:`) && (store.get(k) || {}).shown === true);
  }

  // Each stage's state: {done, share, line, items: [[element selector, state, text]]} and its
  // part of the progress file.
  function stageState(say, stage, marks) {
    if (stage.kind === "pages") {
      const states = stage.pages.map((p) => P.pageState(marks.get(p.src), p.hash));
      const read = states.filter((s) => s === "read").length;
      const updated = states.filter((s) => s === "changed").length;
      const line = [say("pagesState", { read, total: states.length }), updated ? say("updatedState", { n: updated }) : ""].filter(Boolean).join("; ");
      const names = { read: say("navRead"), changed: say("navChanged"), unread: say("navUnread") };
      return { done: read === states.length, share: read / states.length, line,
        items: stage.pages.map((p, i) => [`[data-bp-page="${CSS.escape(p.src)}"]`, states[i], names[states[i]]]),
        file: { read, updated, total: states.length } };
    }
    if (stage.kind === "checks") {
      const results = stage.checks.map((c) => [c, P.checkResult(c.bank)]);
      const passed = results.filter(([c, r]) => r && r.best >= c.pass).length;
      return { done: passed === results.length, share: passed / results.length, line: say("checksState", { done: passed, total: results.length }),
        items: results.map(([c, r]) => [`[data-bp-check="${CSS.escape(c.bank)}"]`, r && r.best >= c.pass ? "done" : "open",
          r ? say("checkBest", { best: human(r.best), date: P.spoken(r.at), pass: c.pass }) : say("checkNone", { pass: c.pass })]),
        file: { checks: results.map(([c, r]) => ({ bank: c.bank, title: c.title, best: r ? r.best : null, date: r ? r.at : null, pass: c.pass })) } };
    }
    if (stage.kind === "self_assessment") {
      const result = P.selfResult();
      const done = Boolean(result) || selfShown(stage.bank);
      const text = result ? say("selfDone", { name: result.name }) : done ? say("selfDoneUnnamed") : say("selfNone");
      return { done, share: done ? 1 : 0, line: text, items: [[`[data-bp-bank="${CSS.escape(stage.bank)}"]`, done ? "done" : "open", text]],
        file: { result: result ? result.name : null } };
    }
    return { done: false, share: 0, line: "", items: [], file: {} };
  }

  function myPath(root) {
    const say = words(root);
    const route = JSON.parse(root.dataset.bpRoute);
    const status = $(root, "[data-bp-path-status]");
    const nameField = $(root, "[data-bp-name]");
    reveal(root);
    let file = null;

    function item(li, state, text) {
      const slot = $(li, "[data-bp-item-state]");
      const sign = Object.assign(document.createElement("span"), { textContent: ` ${SIGN[state]} ` });
      sign.setAttribute("aria-hidden", "true");
      slot.replaceChildren(" — ", sign, text);
      li.dataset.bpState = state;
    }

    function render() {
      const marks = P.marks();
      const before = route.stages.filter((s) => s.kind !== "exam");
      const states = new Map(route.stages.map((s) => [s.id, stageState(say, s, marks)]));
      route.stages.forEach((stage) => {
        const li = $(root, `[data-bp-stage="${CSS.escape(stage.id)}"]`);
        const st = states.get(stage.id);
        if (!li) return;
        st.items.forEach(([selector, state, text]) => { const el = $(li, selector); if (el) item(el, state, text); });
        const line = $(li, "[data-bp-stage-state]");
        const meter = $(li, "[data-bp-stage-meter]");
        if (stage.kind === "exam") { line.hidden = true; meter.hidden = true; return; }
        line.hidden = false;
        line.textContent = `${st.done ? say("stageDone") : say("stageOpen")}: ${st.line}`;
        meter.hidden = false;
        meter.value = st.share;
        meter.setAttribute("aria-label", `${stage.title}: ${st.line}`);
        li.dataset.bpState = st.done ? "done" : "open";
      });
      const done = before.filter((s) => states.get(s.id).done);
      const missing = before.filter((s) => !states.get(s.id).done);
      const share = say("routeShare", { done: done.length, total: before.length });
      $(root, "[data-bp-route-share]").textContent = share;
      const meter = $(root, "[data-bp-route-meter]");
      meter.max = before.length;
      meter.value = done.length;
      meter.setAttribute("aria-label", share);
      $(root, "[data-bp-ready]").textContent = missing.length ? say("notReady", { list: missing.map((s) => `${s.title} (${states.get(s.id).line})`).join("; ") }) : say("ready");
      file = (name) => ({
        format: FORMAT, version: 1, name, saved: new Date().toISOString(), route: route.version,
        stages: route.stages.map((s) => ({ id: s.id, title: s.title, kind: s.kind, done: states.get(s.id).done, ...states.get(s.id).file })),
      });
      dueToday();
      runs();
      // A broken value found by any read above is said once, at the top.
      if (P.setAside()) notice(root, "aside", say("setAside"));
    }

    function dueToday() {
      const checks = new Map(route.stages.flatMap((s) => s.checks).map((c) => [c.bank, c]));
      const due = P.due().filter((d) => checks.has(d.bank));
      $(root, "[data-bp-due-line]").textContent = due.length ? say("dueCount", { n: due.length, questions: say("questions", due.length) }) : say("dueNone");
      $(root, "[data-bp-due]").replaceChildren(...due.map((d) => {
        const check = checks.get(d.bank);
        const link = Object.assign(document.createElement("a"), { href: `${check.url}#${d.bank}-${d.question}` });
        link.textContent = say("dueLink", { check: check.title, n: d.n || d.question });
        const li = document.createElement("li");
        li.append(link);
        return li;
      }));
    }

    function runs() {
      const list = $(root, "[data-bp-runs]");
      if (!route.newHire) { list.closest("div").hidden = true; return; }
      const prefix = `bp:ticks:${route.newHire.id}:`;
      let keys = [];
      try { keys = Object.keys(localStorage).filter((k) => k.startsWith(prefix)); } catch { keys = []; }
      const names = store.get("bp:projects");
      const rows = keys.map((k) => {
        const ticks = store.get(k);
        const count = Array.isArray(ticks) ? ticks.length : ticks && typeof ticks === "object" ? Object.keys(ticks).length : 0;
        const key = k.slice(prefix.length);
        const name = names && typeof names === "object" && P.own(names, key) && typeof names[key] === "string" ? names[key] : key;
        return Object.assign(document.createElement("li"), { textContent: say("runLine", { name, done: Math.min(count, route.newHire.total), total: route.newHire.total }) });
      });
      list.replaceChildren(...(rows.length ? rows : [Object.assign(document.createElement("li"), { textContent: say("runNone") })]));
    }

    nameField.value = load(root, NAME, (v) => (typeof v === "string" ? v : null)) || "";
    $(root, "[data-bp-download]").addEventListener("click", () => {
      const name = nameField.value.replace(/\s+/g, " ").trim();
      if (!name) { status.textContent = say("nameMissing"); nameField.focus(); return; }
      store.set(NAME, name); // if it cannot be kept, the name is asked again next time
      render();
      const slug = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-") || "progress";
      const fileName = `progress-${slug}-${P.day()}.json`;
      download(fileName, `${JSON.stringify(file(name), null, 2)}\n`, "application/json");
      status.textContent = say("saved", { file: fileName });
    });
    render();
    // Another tab marks a page or answers a check: this page follows.
    window.addEventListener("storage", () => { if (document.contains(root)) render(); });
  }

  mount("[data-bp-path]", myPath);
})();
