/* «Прогресс группы»: the mentor loads new hires' progress files (js/path-group.js reads and
   merges them) and gets one row per person: sortable by any column, printable, as CSV.
   Everything from a file is shown as text; a bad file gets its message, the others load. */
(() => {
  "use strict";
  const { $, words, reveal, download, mount, human } = window.bp;
  const G = window.bpGroup;

  function group(root) {
    const text = JSON.parse(root.dataset.bpWords);
    const say = words(root);
    const route = JSON.parse(root.dataset.bpRoute);
    const checks = route.stages.flatMap((s) => s.checks || []);
    const files = [];
    let merged = { people: [], messages: [] };
    let sort = { column: 0, down: false };
    reveal(root);

    const day = (ms) => new Date(ms).toLocaleDateString("ru-RU");
    // Columns: their header, the cell's text, and the value rows are sorted by.
    const columns = [
      [text.columns[0], (r) => r.name, (r) => r.person],
      [text.columns[1], (r) => day(r.saved), (r) => r.saved],
      [text.columns[2], (r) => say("of", { a: r.stagesDone, b: r.stagesTotal }), (r) => r.stagesDone / Math.max(1, r.stagesTotal)],
      ...checks.map((c, i) => [c.title, (r) => (r.checks[i] === null ? "—" : `${human(r.checks[i])} %`), (r) => (r.checks[i] === null ? -1 : r.checks[i])]),
      [text.columns[4], (r) => r.selfAssessment || "—", (r) => r.selfAssessment || ""],
      [text.columns[5], (r) => (r.ready ? say("ready") : say("notReadyYet", { list: r.missing.join(text.missingSeparator) })), (r) => (r.ready ? 0 : 1 + r.missing.length)],
    ];

    function head() {
      $(root, "[data-bp-head]").replaceChildren(...columns.map(([name], i) => {
        const th = document.createElement("th");
        th.scope = "col";
        const button = Object.assign(document.createElement("button"), { type: "button", className: "bp-group__sort", textContent: name });
        button.title = say("sortBy", { column: name });
        button.addEventListener("click", () => {
          sort = { column: i, down: sort.column === i ? !sort.down : false };
          render();
          $(root, `[data-bp-head] th:nth-child(${i + 1}) button`).focus();
        });
        th.setAttribute("aria-sort", sort.column === i ? (sort.down ? "descending" : "ascending") : "none");
        th.append(button);
        return th;
      }));
    }

    function render() {
      head();
      const by = columns[sort.column][2];
      const rows = [...merged.people].sort((a, b) => {
        const x = by(a);
        const y = by(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return (sort.down ? -order : order) || (a.person < b.person ? -1 : 1);
      });
      $(root, "[data-bp-rows]").replaceChildren(...rows.map((r) => {
        const tr = document.createElement("tr");
        columns.forEach(([, cell], i) => {
          const td = document.createElement(i ? "td" : "th");
          if (!i) td.scope = "row";
          td.textContent = cell(r);
          if (!i && r.otherRoute) td.append(Object.assign(document.createElement("small"), { textContent: ` (${say("otherRouteNote")})` }));
          tr.append(td);
        });
        return tr;
      }));
      const ready = merged.people.filter((r) => r.ready).length;
      $(root, "[data-bp-summary]").textContent = merged.people.length
        ? say("people", { n: merged.people.length, persons: say("persons", merged.people.length), ready }) : "";
      $(root, "[data-bp-messages]").replaceChildren(...merged.messages.map((m) => Object.assign(document.createElement("li"), { textContent: m })));
      $(root, "[data-bp-table-wrap]").hidden = !merged.people.length;
      $(root, "[data-bp-actions]").hidden = !merged.people.length;
    }

    $(root, "[data-bp-files]").addEventListener("change", async (event) => {
      const chosen = [...event.target.files];
      for (const file of chosen) files.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      merged = G.merge(text, files, route);
      event.target.value = "";
      render();
    });
    $(root, "[data-bp-csv]").addEventListener("click", () => download("progress-group.csv", G.tableCsv(text, merged, route), "text/csv"));
    $(root, "[data-bp-print]").addEventListener("click", () => window.print());
    render();
  }

  mount("[data-bp-group]", group);
})();
