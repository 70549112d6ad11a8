/* Widgets of «Синяя птица»: quizzes and checklists, driven by data-bp-* attributes.
   Markup comes from macros/templates; scoring rules mirror macros/scoring.py. */
(() => {
  "use strict";

  // Storage may be missing or throw (private mode, blocked storage): widgets then
  // work as usual and simply forget on reload.
  const store = {
    get(key) { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } },
    set(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* forget */ } },
    drop(key) { try { localStorage.removeItem(key); } catch { /* forget */ } },
  };
  const $ = (root, sel) => root.querySelector(sel);
  const $$ = (root, sel) => Array.from(root.querySelectorAll(sel));
  // Same rounding as macros/scoring.py, so ties are decided identically.
  const round = (x) => Math.round(x * 1e9) / 1e9;
  const num = (x) => String(round(x)).replace(".", ",");
  const reveal = (root) => {
    root.classList.add("bp-live");
    $$(root, "[data-bp-controls], [data-bp-answer]").forEach((el) => { el.hidden = false; });
  };

  // Clipboard with a fallback: where it is denied, the text is handed over to select.
  async function copy(text, status, done) {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = done;
    } catch {
      const area = document.createElement("textarea");
      area.className = "bp-fallback";
      area.readOnly = true;
      area.value = text;
      status.replaceChildren("Скопируйте вручную (Ctrl+C):", area);
      area.select();
      area.focus();
    }
  }

  function quiz(root) {
    const key = `bp:quiz:${root.dataset.bpQuiz}:${root.dataset.bpVersion}`;
    const scale = root.dataset.bpKind === "scale";
    const questions = $$(root, "[data-bp-question]");
    const config = scale ? JSON.parse($(root, "[data-bp-config]").dataset.bpConfig) : null;
    let saved = store.get(key) || {};
    let summary = "";
    reveal(root);

    const qid = (q) => q.dataset.bpQuestion;
    const inputs = (q) => $$(q, "input");
    const rightOf = (q) => $$(q, "[data-bp-correct]").map((o) => +o.dataset.bpOption);

    function score(q, picks) {
      const points = +q.dataset.bpPoints;
      const right = rightOf(q);
      if (q.dataset.bpType === "single") return picks.length === 1 && right.includes(picks[0]) ? points : 0;
      const share = points / right.length;
      return round(Math.max(0, picks.reduce((sum, p) => sum + (right.includes(p) ? share : -share), 0)));
    }

    function clear(q) {
      inputs(q).forEach((i) => { i.checked = false; i.disabled = false; });
      q.classList.remove("is-answered", "is-right", "is-partial", "is-wrong");
      $$(q, "[data-bp-option]").forEach((o) => o.classList.remove("is-chosen"));
      $(q, "[data-bp-verdict]").textContent = "";
      const button = $(q, "[data-bp-answer]");
      if (button) button.hidden = false;
    }

    function show(q, picks) {
      inputs(q).forEach((i) => { i.checked = picks.includes(+i.value); });
      $$(q, "[data-bp-option]").forEach((o) => o.classList.toggle("is-chosen", picks.includes(+o.dataset.bpOption)));
      q.classList.add("is-answered");
      if (scale) return;
      const got = score(q, picks);
      const max = +q.dataset.bpPoints;
      const [state, word] = got >= max ? ["is-right", "Верно"] : got > 0 ? ["is-partial", "Частично верно"] : ["is-wrong", "Неверно"];
      q.classList.add(state);
      inputs(q).forEach((i) => { i.disabled = true; });
      $(q, "[data-bp-answer]").hidden = true;
      $(q, "[data-bp-verdict]").textContent = `${word}: ${num(got)} из ${num(max)}`;
    }

    function outcome() {
      const totals = Object.fromEntries(config.axes.map((a) => [a.id, 0]));
      questions.forEach((q) => {
        const weights = JSON.parse($(q, `[data-bp-option="${saved[qid(q)][0]}"]`).dataset.bpWeights);
        Object.keys(weights).forEach((a) => { totals[a] += weights[a]; });
      });
      const scores = Object.fromEntries(config.axes.map((a) =>
        [a.id, a.max > a.min ? round((totals[a.id] - a.min) / (a.max - a.min)) : 0]));
      const ranked = config.results.map((r, i) => ({
        r, i, d: round(Math.sqrt(Object.keys(r.profile).reduce((s, a) => s + ((scores[a] || 0) - r.profile[a]) ** 2, 0))),
      })).sort((x, y) => x.d - y.d || x.i - y.i);
      const best = ranked[0];
      const near = ranked[1] && ranked[1].d - best.d <= config.margin + 1e-9 ? ranked[1].r : null;
      return { scores, best: best.r, near };
    }

    function update() {
      const done = questions.filter((q) => saved[qid(q)]).length;
      $(root, "[data-bp-progress]").value = done;
      $(root, "[data-bp-count]").textContent = `${done} из ${questions.length}`;
      const complete = done === questions.length;
      $(root, "[data-bp-done]").hidden = !complete;
      $(root, "[data-bp-done] [data-bp-status]").textContent = "";
      if (!scale) {
        const total = questions.reduce((s, q) => s + score(q, saved[qid(q)] || []), 0);
        const max = questions.reduce((s, q) => s + +q.dataset.bpPoints, 0);
        const line = $(root, "[data-bp-score]");
        line.hidden = !complete;
        line.textContent = complete ? `Итог: ${num(total)} из ${num(max)} баллов` : "";
        const misses = questions.map((q, i) => [i + 1, score(q, saved[qid(q)] || []), +q.dataset.bpPoints])
          .filter(([, got, max]) => got < max).map(([n, got, max]) => `— вопрос ${n}: ${num(got)} из ${num(max)}`);
        summary = [`${root.dataset.bpTitle} — ${line.textContent}`, ...misses].join("\n");
        return;
      }
      const chart = $(root, "[data-bp-chart]");
      const lead = $(root, "[data-bp-all]");
      chart.hidden = !complete;
      lead.textContent = complete ? "" : "Результат появится, когда вы ответите на все вопросы.";
      $$(root, "[data-bp-result]").forEach((a) => a.classList.remove("is-shown", "is-near"));
      if (!complete) return;
      const { scores, best, near } = outcome();
      Object.entries(scores).forEach(([axis, value]) => {
        $(root, `[data-bp-axis="${axis}"]`).style.width = `${Math.round(value * 100)}%`;
        $(root, `[data-bp-axis-value="${axis}"]`).textContent = `${Math.round(value * 100)} %`;
      });
      const verdict = `Ваш результат: «${best.name}»` + (near ? `. Близко к нему: «${near.name}»` : "");
      $(root, "[data-bp-verdict-title]").textContent = verdict;
      summary = [`${root.dataset.bpTitle} — ${verdict}`,
        ...config.axes.map((a) => `— ${a.name}: ${Math.round(scores[a.id] * 100)} %`)].join("\n");
      $(root, `[data-bp-result="${best.id}"]`).classList.add("is-shown");
      if (near) $(root, `[data-bp-result="${near.id}"]`).classList.add("is-shown", "is-near");
    }

    function answer(q, picks) {
      saved[qid(q)] = picks;
      store.set(key, saved);
      show(q, picks);
      update();
    }

    questions.forEach((q) => {
      const picks = saved[qid(q)];
      const count = inputs(q).length;
      if (Array.isArray(picks) && picks.length && picks.every((p) => Number.isInteger(p) && p >= 0 && p < count)) show(q, picks);
      else delete saved[qid(q)];
      if (scale) {
        q.addEventListener("change", (e) => answer(q, [+e.target.value]));
        return;
      }
      $(q, "[data-bp-answer]").addEventListener("click", () => {
        const picks = inputs(q).filter((i) => i.checked).map((i) => +i.value);
        if (picks.length) answer(q, picks);
        else $(q, "[data-bp-verdict]").textContent = "Сначала выберите ответ.";
      });
    });
    $(root, "[data-bp-copy]").addEventListener("click", () =>
      copy(summary, $(root, "[data-bp-done] [data-bp-status]"), "Итог скопирован: отправьте его тренеру."));
    $(root, "[data-bp-reset]").addEventListener("click", () => {
      saved = {};
      store.drop(key);
      questions.forEach(clear);
      update();
      inputs(questions[0])[0].focus();
    });
    update();
  }

  // «Acme — лендинг» -> "acme-лендинг"; the same rule as project_key() in Python.
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
    const ticks = () => items.filter((li) => $(li, "[data-bp-tick]").checked).map((li) => li.id);

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
      items.forEach((li) => { $(li, "[data-bp-tick]").checked = saved.includes(li.id); });
      update();
    }

    function markdown() {
      const base = location.origin + location.pathname + (project ? `?project=${encodeURIComponent(project)}` : "");
      const lines = [`### ${root.dataset.bpTitle}${project ? ` — ${projects[project]}` : ""}`, ""];
      items.forEach((li) => {
        lines.push(`- [${$(li, "[data-bp-tick]").checked ? "x" : " "}] ${li.dataset.bpText} ([ссылка](${base}#${li.id}))`);
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
        copy(`${location.origin}${location.pathname}${location.search}#${item.id}`, status, "Ссылка на пункт скопирована.");
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
    const item = hash && document.getElementById(hash);
    mark(item && item.matches("[data-bp-item]") ? item : null);
    if (item && item.matches("[data-bp-item]")) item.scrollIntoView({ block: "center" });
  }

  function start() {
    $$(document, "[data-bp-quiz]:not(.bp-live)").forEach(quiz);
    $$(document, "[data-bp-checklist]:not(.bp-live)").forEach(checklist);
    highlight();
  }

  window.addEventListener("hashchange", highlight);
  // Printing shows every reason, even those the reader kept closed.
  window.addEventListener("beforeprint", () => $$(document, ".bp-why").forEach((d) => { d.open = true; }));
  // Material's instant navigation swaps pages without a reload; document$ fires on each.
  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
