/* Checklists: ticks per project, item links, Markdown for trackers, print. */
(() => {
  "use strict";
  const { store, $, $$, copy, reveal, mount } = window.bp;

  const projectKey = (name) => name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-");

  function checklist(root) {
    const id = root.dataset.bpChecklist;
    const items = $$(root, "[data-bp-item]");
    const field = $(root, "[data-bp-project]");
    const status = $(root, "[data-bp-status]");
    const projects = store.get("bp:projects") || {};
    let project = "";
    reveal(root);

    const say = (text) => { status.textContent = text; };
    const ticksKey = () => `bp:ticks:${id}:${project}`;
    const ticks = () => items.filter((li) => $(li, "[data-bp-tick]").checked).map((li) => li.dataset.bpItem);

    function update() {
      const done = ticks().length;
      $(root, "[data-bp-progress]").value = done;
      $(root, "[data-bp-count]").textContent = `${done} из ${items.length}`;
    }

    function select(key, name) {
      project = key;
      if (key && !projects[key]) projects[key] = name || key;
      if (key) store.set("bp:projects", projects);
      store.set("bp:project", key);
      field.value = key ? projects[key] : "";
      $(root, "datalist").replaceChildren(...Object.values(projects).map((n) => new Option(n)));
      const url = new URL(location.href);
      if (key) url.searchParams.set("project", key); else url.searchParams.delete("project");
      history.replaceState(history.state, "", url);
      const saved = store.get(ticksKey()) || [];
      items.forEach((li) => { $(li, "[data-bp-tick]").checked = saved.includes(li.dataset.bpItem); });
      update();
    }

    function markdown() {
      const base = location.origin + location.pathname + (project ? `?project=${encodeURIComponent(project)}` : "");
      const lines = [`### ${root.dataset.bpTitle}${project ? ` — ${projects[project]}` : ""}`, ""];
      items.forEach((li) => {
        lines.push(`- [${$(li, "[data-bp-tick]").checked ? "x" : " "}] ${li.dataset.bpText} ([ссылка](${base}#${li.dataset.bpItem}))`);
      });
      return `${lines.join("\n")}\n`;
    }

    root.addEventListener("change", (e) => {
      if (e.target === field) {
        const name = field.value.trim();
        select(projectKey(name), name);
        say(project ? `Проект «${projects[project]}»` : "Без проекта");
      } else if (e.target.matches("[data-bp-tick]")) {
        store.set(ticksKey(), ticks());
        update();
      }
    });
    root.addEventListener("click", (e) => {
      const button = e.target.closest("button, .bp-item__link");
      if (!button) return;
      if (button.matches("[data-bp-copy]")) copy(markdown(), status, "Список скопирован в Markdown: вставьте его в задачу.");
      if (button.matches("[data-bp-print]")) window.print();
      if (button.matches("[data-bp-reset]")) {
        store.drop(ticksKey());
        items.forEach((li) => { $(li, "[data-bp-tick]").checked = false; });
        update();
        say("Отметки проекта сброшены.");
      }
      if (button.matches(".bp-item__link")) {
        const item = button.closest("[data-bp-item]");
        // Instant navigation may move to the anchor without a hashchange event.
        mark(item);
        copy(`${location.origin}${location.pathname}${location.search}#${item.dataset.bpItem}`, status, "Ссылка на пункт скопирована.");
      }
    });

    const wanted = new URLSearchParams(location.search).get("project");
    const key = wanted !== null ? projectKey(wanted) : store.get("bp:project") || "";
    select(key, wanted || key);
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
  window.addEventListener("hashchange", highlight);
  // Printing shows every reason, even those the reader kept closed.
  window.addEventListener("beforeprint", () => $$(document, ".bp-why").forEach((d) => { d.open = true; }));
})();
