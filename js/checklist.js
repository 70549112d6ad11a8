/* Checklist runs: ticks per subject (a project or a new hire) with the date of each tick;
   rename, delete, reset with undo; item links that carry the run; text for GitHub, GitLab,
   Jira and chat; run files to hand a project over; a printout that stands alone; the list
   of runs on the checklists index. Formats and run files mirror macros/runs.py. */
(() => {
  "use strict";
  const { store, $, $$, words, copy, download, reveal, mount, isObject, dict, shown, few, load, keep } = window.bp;
  const RUN_FORMAT = "sinyaya-ptitsa-checklist-run";

  // «Acme — лендинг» -> "acme-лендинг"; the same rule as subject_key() in Python.
  const subjectKey = (name) => name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-");
  // Stored values are checked (bp.load): names {key: name}, ticks {item id: ISO date or
  // null}; runs saved before dates were kept hold a plain list. Keys are plain keys (bp.dict).
  const cleanNames = (v) => (isObject(v) && Object.entries(v).every(([k, n]) => typeof n === "string" && k && subjectKey(n) === k) ? dict(v) : null);
  const cleanTicks = (v) => {
    if (Array.isArray(v)) return v.every((t) => typeof t === "string") ? dict(Object.fromEntries(v.map((t) => [t, null]))) : null;
    return isObject(v) && Object.values(v).every((t) => t === null || typeof t === "string") ? dict(v) : null;
  };
  const cleanKey = (v) => (typeof v === "string" && v.length <= 1000 && subjectKey(v) === v ? v : null);
  const subjects = (root) => load(root, "bp:projects", cleanNames) || dict();
  const ticksKey = (id, key) => `bp:ticks:${id}:${key}`;
  const ticksOf = (root, id, key) => load(root, ticksKey(id, key), cleanTicks) || dict();
  // A link that carries a run's ticks: one bit per item in checklist order, four to a hex
  // digit (?ticks=a3f&version=…), bound to the checklist's version; as share_url() in Python.
  const packTicks = (items, done) => items.reduce((hex, li, i) => {
    const digit = Math.floor(i / 4);
    const bits = (parseInt(hex[digit] || "0", 16) | ((li.dataset.bpItem in done ? 1 : 0) << (i % 4))).toString(16);
    return hex.slice(0, digit) + bits + hex.slice(digit + 1);
  }, "0".repeat(Math.ceil(items.length / 4)));
  const unpackTicks = (items, hex) => (typeof hex === "string" && hex.length === Math.ceil(items.length / 4) && /^[0-9a-f]*$/.test(hex)
    ? items.filter((li, i) => (parseInt(hex[Math.floor(i / 4)], 16) >> (i % 4)) & 1).map((li) => li.dataset.bpItem) : null);
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
    const error = (message) => ({ error: say(message, { file: shown(file), checklist: shown(data && data.checklist) }) });
    let data;
    try { data = JSON.parse(text); } catch { return error("notJson"); }
    if (!data || typeof data !== "object" || data.format !== RUN_FORMAT) return error("notRun");
    if (data.checklist !== id) return error("otherChecklist");
    if (typeof data.subject !== "string" || !subjectKey(data.subject) || !Array.isArray(data.ticks)) return error("noSubject");
    const known = new Set(items.map((li) => li.dataset.bpItem));
    const ticks = dict();
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
    let ticks = dict();
    let undo = null;
    // The name a link brought: kept among the reader's projects only once they tick.
    let linked = "";
    // Set when the browser refused the last write: the screen then holds more than storage.
    let unsaved = false;
    const say = words(root);
    reveal(root);

    // Values from people, files and links are cut short in messages (bp.shown).
    const tell = (word, values = {}) => {
      status.textContent = say(word, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? shown(v) : v])));
    };
    const names = () => subjects(root);
    const name = () => (key ? names()[key] || linked || key : "");
    // The page address without query and hash; location.origin is "null" on file:// (offline copy).
    const base = () => location.href.split(/[?#]/)[0];
    const stored = () => ticksOf(root, id, key);
    function saveTicks() {
      const empty = !Object.keys(ticks).length;
      if (!empty && linked) {
        const known = names();
        if (known[key] || (known[key] = linked, keep(root, "bp:projects", known))) linked = "";
      }
      unsaved = !keep(root, ticksKey(id, key), empty ? null : ticks);
      return !unsaved;
    }
    const done = () => items.filter((li) => li.dataset.bpItem in ticks).length;

    function show() {
      items.forEach((li) => {
        $(li, "[data-bp-tick]").checked = li.dataset.bpItem in ticks;
        $(li, ".bp-item__link").href = itemUrl(base(), key, name(), li.dataset.bpItem);
      });
      $(root, "[data-bp-progress]").value = done();
      $(root, "[data-bp-count]").textContent = say("of", { a: done(), b: items.length });
      field.value = name();
      $(root, "datalist").replaceChildren(...Object.values(names()).slice(0, 200).map((n) => new Option(n)));
      $$(root, "[data-bp-rename], [data-bp-delete], [data-bp-export], [data-bp-share]").forEach((b) => { b.disabled = !key; });
      const url = new URL(location.href);
      ["project", "name", "ticks", "version"].forEach((p) => url.searchParams.delete(p));
      if (key) { url.searchParams.set("project", key); url.searchParams.set("name", name()); }
      history.replaceState(history.state, "", url);
    }

    function select(newKey, newName = "") {
      key = newKey;
      linked = key && !names()[key] ? newName : "";
      ticks = stored();
      unsaved = false;
      keep(root, "bp:project", key);
      show();
    }

    // A new subject, or the one a name stands for; names that would merge are refused.
    function open(typed) {
      const wanted = typed.trim();
      const k = subjectKey(wanted);
      const known = names();
      if (!k) { field.value = name(); return; }
      if (known[k] && known[k] !== wanted) {
        tell("nameTaken", { name: wanted, other: known[k] });
        field.value = name();
        return;
      }
      if (!known[k]) { known[k] = wanted; keep(root, "bp:projects", known); }
      select(k);
      tell("opened", { label, name: wanted });
    }

    function rename() {
      const wanted = (window.prompt(say("renamePrompt", { name: name() }), name()) || "").trim();
      const k = subjectKey(wanted);
      const known = names();
      if (!wanted || wanted === name()) return;
      if (!k || (k !== key && known[k])) { tell("renameRefused", { name: wanted }); return; }
      // Runs of every checklist follow the subject to its new key.
      if (k !== key) {
        const moved = storedKeys().filter((s) => s.startsWith("bp:ticks:") && s.endsWith(`:${key}`))
          .every((s) => store.set(s.slice(0, -key.length) + k, store.get(s)) && store.drop(s));
        if (!moved) { tell("renameUnsaved", { why: say(store.failure()) }); return; }
      }
      delete known[key];
      known[k] = wanted;
      keep(root, "bp:projects", known);
      select(k);
      tell("renamed", { name: wanted });
    }

    function remove() {
      const was = name();
      if (!window.confirm(say("confirmDelete", { name: was }))) return;
      store.drop(ticksKey(id, key));
      const others = storedKeys().some((s) => s.startsWith("bp:ticks:") && s.endsWith(`:${key}`));
      if (!others) {
        const known = names();
        delete known[key];
        keep(root, "bp:projects", known);
      }
      select("");
      tell("deleted", { name: was });
    }

    function reset() {
      if (!Object.keys(ticks).length || !window.confirm(say("confirmReset"))) return;
      const kept = { key, ticks };
      ticks = dict();
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
      const known = names();
      if (Object.keys(ticksOf(root, id, k)).length && !window.confirm(say("confirmReplace", { name: shown(known[k] || run.subject) }))) return;
      if (!known[k]) { known[k] = run.subject; keep(root, "bp:projects", known); }
      select(k, run.subject);
      ticks = run.ticks;
      const kept = saveTicks();
      show();
      // Never «Загружено» for what was not kept: the ticks are on screen, and the line says so.
      tell(kept ? "imported" : "importedUnsaved", { name: name(), n: Object.keys(run.ticks).length, why: say(store.failure()) });
      if (run.dropped.length) status.append(say("dropped", { n: run.dropped.length.toLocaleString("ru-RU"), ids: few(run.dropped, say) }));
    }

    // «Поделиться отметками»: a link with the run's ticks; nothing leaves the browser until
    // the reader sends it.
    function share() {
      const url = `${itemUrl(base(), key, name(), "").replace(/#$/, "")}&ticks=${packTicks(items, ticks)}&version=${enc(root.dataset.bpVersion)}`;
      copy(url, status, say("shareCopied", { name: shown(name()), count: say("of", { a: done(), b: items.length }) }));
    }

    // A link with ticks: they replace the reader's own for that project only when the reader
    // agrees; a link made for another version of the checklist brings none.
    function fromLink(params) {
      const shared = unpackTicks(items, params.get("ticks"));
      if (params.get("version") !== root.dataset.bpVersion || !shared) { tell("shareOld", { name: name() }); return; }
      const mine = items.filter((li) => li.dataset.bpItem in ticks).map((li) => li.dataset.bpItem);
      if (mine.join() === shared.join()) { tell("shareSame", { name: name() }); return; }
      if (mine.length && !window.confirm(say("confirmShared", { name: shown(name()), mine: say("of", { a: mine.length, b: items.length }), theirs: say("of", { a: shared.length, b: items.length }) }))) {
        tell("shareKept", { name: name() });
        return;
      }
      const now = new Date().toISOString();
      ticks = dict(Object.fromEntries(shared.map((t) => [t, ticks[t] || now])));
      const kept = saveTicks();
      show();
      tell(kept ? "shareTaken" : "importedUnsaved", { name: name(), n: shared.length, count: say("of", { a: shared.length, b: items.length }), why: say(store.failure()) });
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
        // Ticks merge: the change goes onto what storage holds now (another tab may have
        // ticked meanwhile), unless the screen holds ticks the browser refused to keep.
        if (!unsaved) ticks = stored();
        if (e.target.checked) ticks[item] = ticks[item] || new Date().toISOString();
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
      if (target.matches("[data-bp-share]")) share();
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
      select(subjectKey(wanted), (params.get("name") || wanted).trim());
      if (key && params.has("ticks")) fromLink(params);
      // A colleague's item link: their ticks stayed in their browser.
      else if (key && !done()) tell("linkNoTicks", { name: name() });
    } else {
      select(load(root, "bp:project", cleanKey) || "");
    }
    // A change in another tab shows here: the ticks of this run, and the names.
    const onStorage = (e) => {
      if (!root.isConnected) { window.removeEventListener("storage", onStorage); return; }
      if (unsaved || (e.key !== null && e.key !== ticksKey(id, key) && e.key !== "bp:projects")) return;
      ticks = stored();
      show();
    };
    window.addEventListener("storage", onStorage);
  }

  // The checklists index: every run in this browser, with its progress in each checklist.
  function runsIndex(root) {
    const lists = JSON.parse(root.dataset.bpChecklists);
    const say = words(root);
    reveal(root);
    const rows = Object.entries(subjects(root)).map(([key, name]) => {
      const parts = lists.map((c) => [c, Object.keys(ticksOf(root, c.id, key)).filter((t) => c.items.includes(t)).length])
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
