/* The trainer's results page: result files dropped or picked are read in the browser,
   re-marked against the bank, merged and analysed. Mirrors macros/exam/results.py. */
(() => {
  "use strict";
  const X = window.bpExam;
  const { $, $$, words } = window.bp;
  const el = (tag, text, cls) => Object.assign(document.createElement(tag), { textContent: text ?? "", className: cls || "" });

  async function results(root) {
    root.classList.add("bp-live");
    const cfg = JSON.parse(root.dataset.bpConfig);
    const say = words(root);
    const of = (a, b) => say("of", { a: X.human(a), b: X.human(b) });
    const key = await X.openKey(root, cfg);
    if (!key) return;
    const info = new Map(key.questions.map((q, i) => [q.id, { ...q, order: i }]));
    const topicName = new Map(cfg.topics.map((t) => [t.id, t.name]));
    let candidates = [];
    let seen = new Map();
    let sort = { column: 1, up: true };
    $(root, "[data-bp-nojs]").hidden = true;
    const drop = $(root, "[data-bp-drop]");
    drop.hidden = false;

    const verdict = (r) => say(r.passed ? "pass" : "fail");
    const titles = [...say("columns"), ...cfg.topics.map((t) => t.name)];
    const columns = [
      { value: (r) => r.candidate },
      { value: (r) => r.submitted, show: (r) => (r.submitted ? new Date(r.submitted).toLocaleString("ru-RU") : "") },
      { value: (r) => r.variant },
      { value: (r) => r.score, show: (r) => of(r.score, r.max_score) },
      { value: (r) => r.percent, show: (r) => `${X.human(r.percent)} %` },
      { value: (r) => (r.passed ? 1 : 0), show: verdict },
      ...cfg.topics.map((t) => ({
        value: (r) => { const s = r.topics.find((x) => x.id === t.id); return s ? s.score / s.max : -1; },
        show: (r) => { const s = r.topics.find((x) => x.id === t.id); return s ? of(s.score, s.max) : "—"; },
      })),
    ].map((c, i) => ({ ...c, title: titles[i] }));

    async function add(files) {
      const messages = $(root, "[data-bp-messages]");
      for (const file of files) {
        let text;
        try { text = await file.text(); } catch { text = ""; }
        const [result, problem] = X.readResult(say, cfg, key, file.name, text);
        let note = problem;
        if (result) {
          const id = `${result.candidate.toLowerCase()}\u0000${result.variant}\u0000${result.submitted}`;
          if (seen.has(id)) note = say("duplicate", { file: file.name, first: seen.get(id) });
          else { seen.set(id, file.name); candidates.push(result); }
        }
        if (note) messages.append(el("li", note));
      }
      candidates.sort((a, b) => (a.submitted < b.submitted ? -1 : a.submitted > b.submitted ? 1 : a.candidate < b.candidate ? -1 : 1));
      render();
    }

    function render() {
      const report = $(root, "[data-bp-report]");
      report.hidden = !candidates.length;
      if (!candidates.length) return;
      const passed = candidates.filter((r) => r.passed).length;
      const n = candidates.length;
      $(root, "[data-bp-summary]").textContent = say("summary", {
        n, candidates: say("candidates", n), passed, failed: n - passed, mark: X.human(cfg.pass_mark),
      });
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
      const rows = candidates.slice().sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        const d = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "ru");
        return sort.up ? d : -d;
      });
      $(root, "[data-bp-rows]").replaceChildren(...rows.map((r) => {
        const tr = el("tr", "", r.passed ? "is-pass" : "is-fail");
        columns.forEach((c, i) => {
          const cell = el(i ? "td" : "th", (c.show || c.value)(r));
          if (!i) cell.scope = "row";
          tr.append(cell);
        });
        return tr;
      }));
      $(root, "[data-bp-topic-rows]").replaceChildren(...topicAnalysis().map((t) => {
        const tr = el("tr");
        tr.append(el("td", t.name), el("td", of(t.score, t.max)), el("td", `${X.human(t.share)} %`));
        return tr;
      }));
      $(root, "[data-bp-item-rows]").replaceChildren(...itemAnalysis().map((q) => {
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
    }

    function itemAnalysis() {
      const rows = new Map();
      candidates.forEach((r) => r.questions.forEach((a) => {
        const row = rows.get(a.id) || { id: a.id, topic: a.topic, asked: 0, right: 0, wrong: new Map() };
        row.asked += 1;
        row.right += a.score >= a.points ? 1 : 0;
        a.chosen.filter((i) => !a.correct.includes(i)).forEach((i) => row.wrong.set(i, (row.wrong.get(i) || 0) + 1));
        rows.set(a.id, row);
      }));
      return [...rows.values()].map((row) => {
        const wrong = [...row.wrong.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
        return {
          id: row.id, topic: row.topic, asked: row.asked, right: row.right, share: X.rounded((row.right * 100) / row.asked),
          wrong_option: wrong ? info.get(row.id).options[wrong[0]] : null, wrong_count: wrong ? wrong[1] : 0,
        };
      }).sort((x, y) => x.share - y.share || info.get(x.id).order - info.get(y.id).order);
    }

    function topicAnalysis() {
      return cfg.topics.map((t) => {
        const mine = candidates.flatMap((r) => r.topics.filter((x) => x.id === t.id));
        const got = mine.reduce((s, x) => s + x.score, 0);
        const top = mine.reduce((s, x) => s + x.max, 0);
        return { id: t.id, name: t.name, score: X.rounded(got), max: X.rounded(top), share: top ? X.rounded((got * 100) / top) : 0, top };
      }).filter((t) => t.top);
    }

    // Same columns and numbers as macros/exam/results.py table_csv().
    function tableCsv() {
      const head = [...say("csvColumns"),
        ...cfg.topics.map((t) => say("topicScore", { topic: t.name })), ...cfg.topics.map((t) => say("topicMax", { topic: t.name }))];
      const lines = candidates.map((r) => {
        const s = new Map(r.topics.map((t) => [t.id, t]));
        return [r.candidate, r.submitted, r.variant, X.human(r.score), X.human(r.max_score), X.human(r.percent),
          verdict(r), r.duration_seconds === null ? "" : X.human(r.duration_seconds / 60),
          ...cfg.topics.map((t) => (s.has(t.id) ? X.human(s.get(t.id).score) : "")),
          ...cfg.topics.map((t) => (s.has(t.id) ? X.human(s.get(t.id).max) : ""))];
      });
      return [head, ...lines].map(X.csvLine).join("\n") + "\n";
    }

    $(root, "[data-bp-files]").addEventListener("change", (e) => { add(Array.from(e.target.files)); e.target.value = ""; });
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("is-over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("is-over"));
    drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("is-over"); add(Array.from(e.dataTransfer.files)); });
    $(root, "[data-bp-table-csv]").addEventListener("click", () => X.download(`${cfg.bank}-results.csv`, tableCsv(), "text/csv"));
    $(root, "[data-bp-clear]").addEventListener("click", () => {
      candidates = [];
      seen = new Map();
      $(root, "[data-bp-messages]").replaceChildren();
      render();
      $(root, "[data-bp-files]").focus();
    });
  }

  window.bp.mount("[data-bp-results]", results);
})();
