/* The trainer's results page: result files dropped or picked are read in the browser, marked
   against the key (after the passphrase, with trainer marking), merged into people and
   attempts, analysed and kept in this browser until cleared. Mirrors macros/exam/results.py. */
(() => {
  "use strict";
  const X = window.bpExam;
  const M = window.bpMerge;
  const { $, $$, words, store, load } = window.bp;
  const el = (tag, text, cls) => Object.assign(document.createElement(tag), { textContent: text ?? "", className: cls || "" });

  async function results(root) {
    root.classList.add("bp-live");
    const cfg = JSON.parse(root.dataset.bpConfig);
    const say = words(root);
    const of = (a, b) => say("of", { a: X.human(a), b: X.human(b) });
    const filesKey = `bp:results:${cfg.bank}`;
    const gradingKey = `bp:results-grading:${cfg.bank}`;
    // Files as read, kept as text (they are UTF-8 once accepted) to be marked again on reload.
    // Anything else in storage is set aside with a line saying so (bp.load).
    let files = load(root, filesKey, (v) => (Array.isArray(v) && v.every((f) => f && typeof f.name === "string" && typeof f.text === "string") ? v : null)) || [];
    let grading = load(root, gradingKey, (v) => (M.GRADING.includes(v) ? v : null)) || "first";
    let key = null;
    let merged = null;
    let sort = { column: 2, up: true };
    const status = $(root, "[data-bp-status]");
    const note = $(root, "[data-bp-nojs]");

    const unlockForm = $(root, "[data-bp-unlock]");
    if (unlockForm) {
      note.hidden = true;
      unlockForm.hidden = false;
      if (files.length) status.textContent = say("lockedStored", { n: files.length });
      window.bpKey.unlockWith(unlockForm, root, cfg, (opened) => {
        unlockForm.hidden = true;
        start(opened);
        $(root, "[data-bp-files]").focus();
      });
    } else {
      const opened = await window.bpKey.open(root, cfg);
      if (opened) start(opened);
    }

    function start(opened) {
      key = opened;
      note.hidden = true;
      $(root, "[data-bp-drop]").hidden = false;
      $(root, "[data-bp-grading]").value = grading;
      const lms = $(root, "[data-bp-lms]");
      if (lms && key.lms) lms.hidden = false;
      if (files.length) status.textContent = say("restored", { n: files.length });
      recompute();
    }

    const utf8 = new TextEncoder();
    function recompute() {
      const messages = $(root, "[data-bp-messages]");
      merged = M.merge(say, cfg, key, files.map((f) => ({ name: f.name, bytes: utf8.encode(f.text) })), grading);
      messages.replaceChildren(...merged.messages.map((m) => el("li", m)));
      render();
    }

    async function add(picked) {
      const fresh = [];
      const problems = [];
      for (const file of picked) {
        let bytes;
        try { bytes = await file.arrayBuffer(); } catch { problems.push(say("unreadable", { file: X.shown(file.name) })); continue; }
        const [attempt, problem] = X.readResult(say, cfg, key.questions.map((q) => ({ id: q.id, topic: q.topic, options: q.options.length })), file.name, bytes);
        if (problem) { problems.push(problem); continue; }
        if (attempt) fresh.push({ name: file.name, text: new TextDecoder().decode(bytes) });
      }
      files = files.concat(fresh);
      try { localStorage.setItem(filesKey, JSON.stringify(files)); status.textContent = ""; } catch { status.textContent = say("notSaved"); }
      recompute();
      $(root, "[data-bp-messages]").append(...problems.map((m) => el("li", m)));
    }

    const flagged = (a) => a.flags.join("; ");
    const minutes = (a) => say("minutesShort", { m: X.human(a.duration_seconds / 60) }) + (a.timed_out ? `, ${say("timedOutShort")}` : "");
    const verdict = (r) => say(r.passed ? "passMark" : "failMark");
    const titles = say("columns");
    const columns = [
      { value: (r) => r.candidate },
      { value: (r) => r.number, show: (r) => (r.graded ? `${r.number} (${say("graded")})` : String(r.number)) },
      { value: (r) => r.started, show: (r) => X.localTime(r.started) },
      { value: (r) => r.duration_seconds, show: minutes },
      { value: (r) => r.unanswered },
      { value: (r) => r.variant },
      { value: (r) => r.score, show: (r) => of(r.score, r.max_score) },
      { value: (r) => r.percent, show: (r) => `${X.human(r.percent)} %` },
      { value: (r) => (r.passed ? 1 : 0), show: verdict },
      { value: flagged },
    ].map((c, i) => ({ ...c, title: titles[i] }));

    function render() {
      const report = $(root, "[data-bp-report]");
      const attempts = merged ? merged.attempts : [];
      report.hidden = !attempts.length;
      if (!attempts.length) return;
      $(root, "[data-bp-summary]").textContent = M.summary(say, cfg, merged);
      $(root, "[data-bp-head]").replaceChildren(...columns.map((c, i) => {
        const th = el("th");
        th.scope = "col";
        th.setAttribute("aria-sort", sort.column === i ? (sort.up ? "ascending" : "descending") : "none");
        const button = el("button", c.title, "bp-sort");
        button.type = "button";
        button.addEventListener("click", () => {
          sort = { column: i, up: sort.column === i ? !sort.up : true };
          render();
          $$(root, "[data-bp-head] button")[i].focus(); // the header was rebuilt: keep the keyboard user's place
        });
        th.append(button);
        return th;
      }));
      const col = columns[sort.column];
      const rows = attempts.slice().sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        const d = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "ru");
        return sort.up ? d : -d;
      });
      $(root, "[data-bp-rows]").replaceChildren(...rows.map((r) => {
        const tr = el("tr", "", `${r.passed ? "is-pass" : "is-fail"}${r.graded ? "" : " is-other"}${r.flags.length ? " is-flagged" : ""}`);
        columns.forEach((c, i) => {
          const cell = el(i ? "td" : "th", (c.show || c.value)(r));
          if (!i) cell.scope = "row";
          tr.append(cell);
        });
        return tr;
      }));
      const topics = M.topicAnalysis(cfg, merged);
      $(root, "[data-bp-topic-rows]").replaceChildren(...topics.map((t) => {
        const tr = el("tr");
        tr.append(el("td", t.name), el("td", of(t.score, t.max)), el("td", `${X.human(t.share)} %`));
        return tr;
      }));
      const info = new Map(key.questions.map((q) => [q.id, q]));
      const topicName = new Map(cfg.topics.map((t) => [t.id, t.name]));
      const items = M.itemAnalysis(key, merged);
      $(root, "[data-bp-item-rows]").replaceChildren(...items.map((q) => {
        const about = info.get(q.id);
        const tr = el("tr");
        const link = el("td");
        if (about.link) link.append(Object.assign(el("a", about.link_title), { href: about.link }));
        tr.append(el("td", about.text), el("td", topicName.get(q.topic) || q.topic),
          el("td", `${X.human(q.share)} % (${say("of", { a: q.right, b: q.asked })})`),
          el("td", q.wrong_option === null ? "—" : `${q.wrong_option} (${q.wrong_count})`), link);
        tr.dataset.bpItem = q.id;
        return tr;
      }));
      printable(topics, items, info);
      statistics(info);
    }

    // Moodle's item statistics: a row per question, its options by the top and bottom 27 % on demand.
    function statistics(info) {
      const S = window.bpStats;
      $(root, "[data-bp-stats-cohort]").textContent = S.cohortLine(say, S.cohort(key, merged));
      const pct = (v) => (v === null ? "—" : `${S.perCent(v)} %`);
      $(root, "[data-bp-stats-rows]").replaceChildren(...S.items(key, merged).map((item) => {
        const tr = el("tr", "", item.flags.length ? "is-flagged" : "");
        const cell = el("th");
        cell.scope = "row";
        const more = el("details");
        const table = el("table");
        const head = el("tr");
        // The CSV's option columns: text, right, picked by all, by the top and the bottom 27 %.
        say("itemColumns").slice(10).forEach((t) => head.append(Object.assign(el("th", t), { scope: "col" })));
        table.append(head, ...item.options.map((o) => {
          const row = el("tr", "", o.correct ? "is-pass" : "");
          row.append(el("td", o.text), el("td", say(o.correct ? "yes" : "no")), el("td", pct(o.picked)), el("td", pct(o.top)), el("td", pct(o.bottom)));
          return row;
        }));
        more.append(el("summary", say("optionsOf")), table);
        cell.append(el("span", info.get(item.id).text), more);
        tr.append(cell, el("td", item.attempts < S.RELIABLE ? `${item.attempts} — ${say("few")}` : String(item.attempts)),
          el("td", pct(item.facility)), el("td", pct(item.sd)), el("td", pct(item.discrimination)), el("td", pct(item.efficiency)),
          el("td", item.flags.map((f) => S.flagText(say, f)).join("; ") || "—"));
        tr.dataset.bpStat = item.id;
        return tr;
      }));
    }

    // The report for a head of department: what prints, on at most two A4 pages for 15 people.
    function printable(topics, items, info) {
      const day = (ms) => X.localTime(ms).slice(0, 10);
      const attempts = merged.attempts;
      const variants = [...new Set(attempts.map((a) => a.variant))].join(", ");
      const from = day(Math.min(...attempts.map((a) => a.started)));
      const to = day(Math.max(...attempts.map((a) => a.submitted)));
      $(root, "[data-bp-report-facts]").textContent = `${from === to ? from : say("range", { from, to })} · ${variants} · ${M.summary(say, cfg, merged)}`;
      $(root, "[data-bp-report-people]").replaceChildren(...merged.people.map((p, n) => {
        const g = p.graded;
        const tr = el("tr", "", g.passed ? "is-pass" : "is-fail");
        const flags = p.attempts.flatMap((a) => a.flags.map((f) => `${a.number}: ${f}`)).join("; ");
        tr.append(el("td", String(n + 1)), el("td", p.candidate), el("td", of(g.score, g.max_score)), el("td", `${X.human(g.percent)} %`),
          el("td", verdict(g)), el("td", String(p.attempts.length)), el("td", flags || "—"));
        return tr;
      }));
      $(root, "[data-bp-report-topics]").replaceChildren(...topics.map((t) => {
        const tr = el("tr");
        tr.append(el("td", t.name), el("td", of(t.score, t.max)), el("td", `${X.human(t.share)} %`));
        return tr;
      }));
      const weak = items.filter((q) => q.share < 50);
      $(root, "[data-bp-report-items]").replaceChildren(...(weak.length ? weak.slice(0, 10).map((q) => el("li",
        `${info.get(q.id).text} — ${X.human(q.share)} % (${say("of", { a: q.right, b: q.asked })})`)) : [el("li", say("none"))]));
    }

    $(root, "[data-bp-files]").addEventListener("change", (e) => { add(Array.from(e.target.files)); e.target.value = ""; });
    const drop = $(root, "[data-bp-drop]");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("is-over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("is-over"));
    drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("is-over"); if (key) add(Array.from(e.dataTransfer.files)); });
    $(root, "[data-bp-grading]").addEventListener("change", (e) => {
      grading = M.GRADING.includes(e.target.value) ? e.target.value : "first";
      store.set(gradingKey, grading);
      recompute();
    });
    $(root, "[data-bp-table-csv]").addEventListener("click", () => X.download(`${cfg.bank}-results.csv`, M.tableCsv(say, cfg, merged), "text/csv"));
    $(root, "[data-bp-items-csv]").addEventListener("click", () => X.download(`${cfg.bank}-items.csv`, window.bpStats.itemsCsv(say, cfg, key, merged), "text/csv"));
    $(root, "[data-bp-print]").addEventListener("click", () => window.print());
    $$(root, "[data-bp-lms-file]").forEach((button) => button.addEventListener("click", () => {
      const gift = button.dataset.bpLmsFile === "gift";
      X.download(`${cfg.bank}-${gift ? "gift.txt" : "moodle.xml"}`, key.lms[button.dataset.bpLmsFile], gift ? "text/plain" : "application/xml");
    }));
    $(root, "[data-bp-clear]").addEventListener("click", () => {
      files = [];
      store.drop(filesKey);
      status.textContent = say("cleared");
      recompute();
      $(root, "[data-bp-files]").focus();
    });
  }

  window.bp.mount("[data-bp-results]", results);
})();
