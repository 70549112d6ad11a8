/* Checklist runs: ticks per subject (a project or a new hire) with the date of each tick;
   rename, delete, reset with undo; item links that carry the run; text for GitHub, GitLab,
   Jira and chat; run files to hand a project over; a printout that stands alone; the list
   of runs on the checklists index. Formats and run files mirror macros/runs.py. */
(() => {
  "use strict";
  const { store, $, $$, words, copy, download, reveal, mount } = window.bp;
  const RUN_FORMAT = "sinyaya-ptitsa-checklist-run";

  // «Acme — лендинг» -> "acme-лендинг"; the same rule as subject_key() in Python.
  const subjectKey = (name) => name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-");
  const subjects = () => store.get("bp:projects") || {};
  const ticksKey = (id, key) => `bp:ticks:${id}:${key}`;
  // Ticks are {item id: ISO date}; runs saved before dates were kept hold a plain list.
  const ticksOf = (id, key) => {
    const saved = store.get(ticksKey(id, key));
    if (Array.isArray(saved)) return Object.fromEntries(saved.filter((t) => typeof t === "string").map((t) => [t, null]));
    return saved && typeof saved === "object" ? saved : {};
  };
  // Storage keys, or none where storage is blocked.
  const storedKeys = () => { try { return Object.keys(localStorage); } catch { return []; } };
  const emphasis = /(\*\*|__|\*|_|`)(.+?)\1/g;
  const plain = (text) => text.replace(emphasis, "$2");

  // Escaped as Python's quote(safe=""), brackets too, so the address survives in a
  // Markdown or Jira link.
  const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  function itemUrl(base, key, name, id) {
    if (!key) return `${base}#${id}`;
    return `${base}?project=${enc(key)}&name=${enc(name.trim())}#${id}`;
  }

  // The three text formats; each matches as_markdown / as_jira / as_text in Python.
  function formats(say, title, items, done, key, name, base) {
    const heading = title + (name.trim() ? ` — ${name.trim()}` : "");
    const url = (li) => itemUrl(base, key, name, li.dataset.bpItem);
    const ticked = (li) => li.dataset.bpItem in done;
    const count = say("of", { a: items.filter(ticked).length, b: items.length });
    const text = (li) => li.dataset.bpText;
    const link = say("link");
    return {
      markdown: [`### ${heading}`, "", ...items.map((li) => `- [${ticked(li) ? "x" : " "}] ${text(li)} ([${link}](${url(li)}))`)],
      jira: [`h3. ${heading}`, "", ...items.map((li) => `* ${ticked(li) ? "(/)" : "☐"} ${plain(text(li)).replace(/\[/g, "(").replace(/]/g, ")").replace(/\|/g, "/")} [${link}|${url(li)}]`)],
      text: [`${heading} — ${say("ticked", { count })}`, "", ...items.map((li) => `${ticked(li) ? "[x]" : "[ ]"} ${plain(text(li))} — ${url(li)}`)],
    };
  }

  // A run file from a colleague: checked like read_run() in Python; nothing changes on error.
  function readRun(say, id, items, text, file) {
    const error = (message) => ({ error: say(message, { file, checklist: data && data.checklist }) });
    let data;
    try { data = JSON.parse(text); } catch { return error("notJson"); }
    if (!data || typeof data !== "object" || data.format !== RUN_FORMAT) return error("notRun");
    if (data.checklist !== id) return error("otherChecklist");
    if (typeof data.subject !== "string" || !subjectKey(data.subject) || !Array.isArray(data.ticks)) return error("noSubject");
    const known = new Set(items.map((li) => li.dataset.bpItem));
    const ticks = {};
    const dropped = [];
    for (const tick of data.ticks) {
      if (!tick || typeof tick !== "object" || typeof tick.id !== "string") return error("badTick");
      if (known.has(tick.id)) ticks[tick.id] = typeof tick.ticked === "string" ? tick.ticked : null;
      else dropped.push(tick.id);
    }
    return { subject: data.subject.trim(), ticks, dropped };
  }

  function checklist(root) {
    const id = root.dataset.bpChecklist;
    const items = $$(root, "[data-bp-item]");
    const field = $(root, "[data-bp-project]");
    const status = $(root, "[data-bp-status]");
    const label = root.dataset.bpSubject;
    let key = "";
    let ticks = {};
    let undo = null;
    const say = words(root);
    reveal(root);

    const tell = (word, values) => { status.textContent = say(word, values); };
    const name = () => (key ? subjects()[key] || key : "");
    // The page address without query and hash; location.origin is "null" on file:// (offline copy).
    const base = () => location.href.split(/[?#]/)[0];
    const saveTicks = () => (Object.keys(ticks).length ? store.set(ticksKey(id, key), ticks) : store.drop(ticksKey(id, key)));
    const done = () => items.filter((li) => li.dataset.bpItem in ticks).length;

    function show() {
      items.forEach((li) => {
        $(li, "[data-bp-tick]").checked = li.dataset.bpItem in ticks;
        $(li, ".bp-item__link").href = itemUrl(base(), key, name(), li.dataset.bpItem);
      });
      $(root, "[data-bp-progress]").value = done();
      $(root, "[data-bp-count]").textContent = say("of", { a: done(), b: items.length });
      field.value = name();
      $(root, "datalist").replaceChildren(...Object.values(subjects()).map((n) => new Option(n)));
      $$(root, "[data-bp-rename], [data-bp-delete], [data-bp-export]").forEach((b) => { b.disabled = !key; });
      const url = new URL(location.href);
      url.searchParams.delete("project");
      url.searchParams.delete("name");
      if (key) { url.searchParams.set("project", key); url.searchParams.set("name", name()); }
      history.replaceState(history.state, "", url);
    }

    function select(newKey) {
      key = newKey;
      ticks = ticksOf(id, key);
      store.set("bp:project", key);
      show();
    }

    // A new subject, or the one a name stands for; names that would merge are refused.
    function open(typed) {
      const wanted = typed.trim();
      const k = subjectKey(wanted);
      const known = subjects();
      if (!k) { field.value = name(); return; }
      if (known[k] && known[k] !== wanted) {
        tell("nameTaken", { name: wanted, other: known[k] });
        field.value = name();
        return;
      }
      if (!known[k]) { known[k] = wanted; store.set("bp:projects", known); }
      select(k);
      tell("opened", { label, name: wanted });
    }

    function rename() {
      const wanted = (window.prompt(say("renamePrompt", { name: name() }), name()) || "").trim();
      const k = subjectKey(wanted);
      const known = subjects();
      if (!wanted || wanted === name()) return;
      if (!k || (k !== key && known[k])) { tell("renameRefused", { name: wanted }); return; }
      // Runs of every checklist follow the subject to its new key.
      if (k !== key) {
        storedKeys().filter((s) => s.startsWith("bp:ticks:") && s.endsWith(`:${key}`)).forEach((s) => {
          store.set(s.slice(0, -key.length) + k, store.get(s));
          store.drop(s);
        });
      }
      delete known[key];
      known[k] = wanted;
      store.set("bp:projects", known);
      select(k);
      tell("renamed", { name: wanted });
    }

    function remove() {
      const was = name();
      if (!window.confirm(say("confirmDelete", { name: was }))) return;
      store.drop(ticksKey(id, key));
      const others = storedKeys().some((s) => s.startsWith("bp:ticks:") && s.endsWith(`:${key}`));
      if (!others) {
        const known = subjects();
        delete known[key];
        store.set("bp:projects", known);
      }
      select("");
      tell("deleted", { name: was });
    }

    function reset() {
      if (!Object.keys(ticks).length || !window.confirm(say("confirmReset"))) return;
      const kept = { key, ticks };
      ticks = {};
      saveTicks();
      show();
      const back = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: say("undo") });
      back.addEventListener("click", () => {
        if (key !== kept.key) return;
        ticks = kept.ticks;
        saveTicks();
        show();
        tell("undone");
      });
      status.replaceChildren(`${say("reset")} `, back);
      clearTimeout(undo);
      undo = setTimeout(() => { if (status.contains(back)) tell("reset"); }, 10000);
    }

    function exportRun() {
      const doc = {
        format: RUN_FORMAT, format_version: 1, checklist: id, checklist_version: root.dataset.bpVersion,
        checklist_title: root.dataset.bpTitle, subject: name(), exported: new Date().toISOString(),
        ticks: items.filter((li) => li.dataset.bpItem in ticks).map((li) => ({ id: li.dataset.bpItem, ticked: ticks[li.dataset.bpItem] })),
      };
      download(`${id}-${key}.json`, `${JSON.stringify(doc, null, 2)}\n`, "application/json");
      tell("exported", { name: name() });
    }

    async function importRun(file) {
      const run = readRun(say, id, items, await file.text(), file.name);
      if (run.error) { status.textContent = run.error; return; }
      const k = subjectKey(run.subject);
      const known = subjects();
      if (Object.keys(ticksOf(id, k)).length && !window.confirm(say("confirmReplace", { name: known[k] || run.subject }))) return;
      known[k] = known[k] || run.subject;
      store.set("bp:projects", known);
      store.set(ticksKey(id, k), run.ticks);
      select(k);
      const dropped = run.dropped.length ? say("dropped", { n: run.dropped.length, ids: run.dropped.join(", ") }) : "";
      tell("imported", { name: name(), n: Object.keys(run.ticks).length, dropped });
    }

    // The field empties while focused, so the list offers every run, not only those that
    // start like the current name; leaving it unchanged puts the name back.
    const placeholder = field.placeholder;
    field.addEventListener("focus", () => { field.placeholder = name() || placeholder; field.value = ""; });
    field.addEventListener("blur", () => { field.placeholder = placeholder; if (!field.value.trim()) field.value = name(); });
    root.addEventListener("change", (e) => {
      if (e.target === field) open(field.value);
      else if (e.target.matches("[data-bp-tick]")) {
        const item = e.target.closest("[data-bp-item]").dataset.bpItem;
        if (e.target.checked) ticks[item] = new Date().toISOString();
        else delete ticks[item];
        saveTicks();
        show();
      } else if (e.target.matches("[data-bp-file]") && e.target.files[0]) {
        importRun(e.target.files[0]);
        e.target.value = "";
      }
    });
    root.addEventListener("click", (e) => {
      const target = e.target.closest("button, .bp-item__link");
      if (!target) return;
      if (target.matches(".bp-item__link")) {
        // Copy without following the link: instant navigation would reload the page.
        e.preventDefault();
        e.stopPropagation();
        const item = target.closest("[data-bp-item]");
        history.replaceState(history.state, "", target.href);
        mark(item);
        copy(target.href, status, say("linkCopied"));
        return;
      }
      const format = $(root, "[data-bp-format]").value;
      if (target.matches("[data-bp-copy]")) {
        const text = `${formats(say, root.dataset.bpTitle, items, ticks, key, name(), base())[format].join("\n")}\n`;
        copy(text, status, say("listCopied"));
      }
      if (target.matches("[data-bp-print]")) window.print();
      if (target.matches("[data-bp-reset]")) reset();
      if (target.matches("[data-bp-rename]")) rename();
      if (target.matches("[data-bp-delete]")) remove();
      if (target.matches("[data-bp-export]")) exportRun();
      if (target.matches("[data-bp-import]")) $(root, "[data-bp-file]").click();
    });
    // The printout stands alone: whose run, when printed, how far, and each item's address.
    // One page-wide beforeprint listener (below) calls this for every checklist shown.
    root.bpBeforePrint = () => {
      const head = $(root, "[data-bp-print-head]");
      const count = say("of", { a: done(), b: items.length });
      head.textContent = `${key ? `${label}: ${name()} · ` : ""}${say("printed", { date: new Date().toLocaleDateString("ru-RU"), count })}`;
      head.hidden = false;
      items.forEach((li) => { $(li, ".bp-item__link").dataset.bpPrintUrl = `${location.host}${location.pathname}#${li.dataset.bpItem}`; });
      $$(root, ".bp-why").forEach((d) => { d.open = true; });
    };

    const params = new URLSearchParams(location.search);
    const wanted = params.get("project");
    if (wanted !== null) {
      const k = subjectKey(wanted);
      const known = subjects();
      if (k && !known[k]) { known[k] = (params.get("name") || wanted).trim(); store.set("bp:projects", known); }
      select(k);
    } else select(store.get("bp:project") || "");
  }

  // The checklists index: every run in this browser, with its progress in each checklist.
  function runsIndex(root) {
    const lists = JSON.parse(root.dataset.bpChecklists);
    const say = words(root);
    reveal(root);
    const rows = Object.entries(subjects()).map(([key, name]) => {
      const parts = lists.map((c) => [c, Object.keys(ticksOf(c.id, key)).filter((t) => c.items.includes(t)).length])
        .filter(([c]) => store.get(ticksKey(c.id, key)) !== null);
      if (!parts.length) return null;
      const li = document.createElement("li");
      li.append(`${name}: `);
      parts.forEach(([c, done], i) => {
        const a = Object.assign(document.createElement("a"), { href: itemUrl(new URL(c.url, location.href).href, key, name, "").replace(/#$/, ""), textContent: c.title });
        li.append(...(i ? [", "] : []), a, ` — ${say("of", { a: done, b: c.items.length })}`);
      });
      return li;
    }).filter(Boolean);
    $(root, "[data-bp-runs]").replaceChildren(...rows);
    $(root, "[data-bp-none]").hidden = rows.length > 0;
  }

  // An item link (…/brief/#materials) scrolls to its item and highlights it.
  function mark(item) {
    $$(document, ".bp-item.is-target").forEach((li) => li.classList.remove("is-target"));
    if (item) item.classList.add("is-target");
  }

  function highlight() {
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && document.getElementById(hash);
    const item = target && target.closest("[data-bp-item]");
    mark(item);
    if (item) item.scrollIntoView({ block: "center" });
  }

  // Highlighting waits for the checklist, so that an item link from another page lands too.
  mount("[data-bp-checklist]", (root) => { checklist(root); highlight(); });
  mount("[data-bp-runs-index]", runsIndex);
  window.addEventListener("hashchange", highlight);
  window.addEventListener("beforeprint", () => $$(document, ".bp-checklist.bp-live").forEach((root) => root.bpBeforePrint()));
})();
