/* Shared helpers of the widgets of «Синяя птица» (quiz.js, self-assessment.js,
   checklist.js, the exam): storage, copying, files, numbers, Russian plurals and words. */
window.bp = (() => {
  "use strict";

  // Storage may be missing or throw (private mode, blocked or full storage): widgets then
  // work as usual and simply forget on reload. set and drop say whether they were kept, and
  // failure() why the last write was refused: «full» (the site's quota) or «blocked».
  let failure = "blocked";
  const store = {
    get(key) { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) {
        failure = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22) ? "full" : "blocked";
        return false;
      }
    },
    drop(key) { try { localStorage.removeItem(key); return true; } catch { return false; } },
    raw(key) { try { return localStorage.getItem(key); } catch { return null; } },
    failure: () => failure,
    // A stored value through clean(), which returns what it can use or null. A value that is
    // not what the site wrote (edited by hand, cut short) is moved to bp:aside:KEY, where it
    // fits, and undefined comes back, so that the caller can say so; null means nothing kept.
    read(key, clean) {
      const raw = store.raw(key);
      if (raw === null) return null;
      let value = null;
      try { value = clean(JSON.parse(raw)); } catch { value = null; }
      if (value !== null) return value;
      try { localStorage.setItem(`bp:aside:${key}`, raw); } catch { /* no room: only dropped */ }
      store.drop(key);
      return undefined;
    },
  };
  // Whether anything can be kept at all: asked once, by writing and removing a probe.
  const canStore = (() => {
    try { localStorage.setItem("bp-probe", "1"); localStorage.removeItem("bp-probe"); return true; } catch { return false; }
  })();
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  // Keys that come from people and files («constructor», «__proto__», «toString») are plain
  // keys: objects keyed by them have no prototype, so no lookup finds Object's own members.
  const dict = (v) => Object.assign(Object.create(null), isObject(v) ? v : {});
  // A value from a file, a link or storage as a message repeats it: text as it is, anything
  // else as JSON, cut to 200 characters (as shown() in macros/exam/resultfile.py).
  const SHOWN = 200;
  const shown = (value) => {
    let text;
    try { text = typeof value === "string" ? value : JSON.stringify(value === undefined ? null : value); } catch { text = "?"; }
    if (text.length <= SHOWN) return text;
    const points = Array.from(text.length > 4 * SHOWN ? text.slice(0, 4 * SHOWN) : text);
    return points.length <= SHOWN ? text : `${points.slice(0, SHOWN).join("")}…`;
  };
  // «a, b, c и ещё 9 997»: a list from a file, the first few shown, the rest counted.
  const FEW = 3;
  const few = (list, say) => list.slice(0, FEW).map((v) => Array.from(shown(v)).slice(0, 60).join("")).join(", ")
    + (list.length > FEW ? ` ${say("more", { n: (list.length - FEW).toLocaleString("ru-RU") })}` : "");
  const $ = (root, sel) => root.querySelector(sel);
  const $$ = (root, sel) => Array.from(root.querySelectorAll(sel));
  // Two decimals, halves up, as rounded() in macros/scoring.py: «0,67», «47», never float noise.
  const rounded = (x) => Math.floor(x * 100 + 0.5) / 100;
  const human = (x) => String(rounded(x)).replace(".", ",");
  // Points for one question, as question_score() in macros/scoring.py: 'single' is all or
  // nothing; in 'multiple' the right options share the points and the wrong ones share the
  // same points as a penalty, so ticking every box earns 0. count: the number of options.
  const questionScore = (type, points, right, chosen, count) => {
    if (type === "single") return chosen.length === 1 && right.includes(chosen[0]) ? points : 0;
    const gain = points / right.length;
    const loss = points / Math.max(1, count - right.length);
    return Math.round(Math.max(0, chosen.reduce((s, i) => s + (right.includes(i) ? gain : -loss), 0)) * 1e9) / 1e9;
  };
  const plural = (n, one, few, many) => (n % 10 === 1 && n % 100 !== 11 ? one
    : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many);
  // What a widget says comes from its template (data-bp-words, written from macros/uitext.py),
  // so the Russian text stays out of the code and matches the Python that mirrors it.
  // say(key, values) fills each {name}; a key holding plural forms takes a number instead:
  // say("minutes", 5) is «минут»; without a number, a list comes back as it is.
  // Each widget's words are parsed once, however many helpers ask for them.
  const parsed = new WeakMap();
  const words = (el) => {
    const root = el.closest("[data-bp-words]");
    if (!parsed.has(root)) parsed.set(root, JSON.parse(root.dataset.bpWords));
    const text = parsed.get(root);
    return (key, values) => (Array.isArray(text[key])
      ? (typeof values === "number" ? plural(values, ...text[key]) : text[key])
      : text[key].replace(/\{(\w+)\}/g, (m, name) => (typeof values[name] === "object" ? shown(values[name]) : values[name])));
  };

  // Controls start hidden so that pages read well without JavaScript; the script shows them.
  // Where storage is blocked, the first widget of a page says so, once for the page: the
  // page's own note tells (instant navigation swaps it out with the content).
  const reveal = (root) => {
    root.classList.add("bp-live");
    if (!canStore && !$(document, ".bp-nostore")) {
      const note = Object.assign(document.createElement("p"), { className: "bp-nostore" });
      note.setAttribute("role", "note");
      note.textContent = words(root)("nostore");
      root.prepend(note);
    }
    $$(root, "[data-bp-controls]").forEach((el) => { el.hidden = false; });
    $$(root, "[data-bp-nojs]").forEach((el) => el.remove());
  };

  // A line at the top of a widget about its stored state, one per kind («unsaved», «aside»);
  // no text takes it away.
  function notice(root, kind, text) {
    let line = $(root, `[data-bp-notice="${kind}"]`);
    if (!text) { if (line) line.remove(); return; }
    if (!line) {
      line = Object.assign(document.createElement("p"), { className: "bp-notice" });
      line.dataset.bpNotice = kind;
      line.setAttribute("role", "alert");
      root.prepend(line);
    }
    line.textContent = text;
  }
  // A widget's stored value (store.read): one set aside starts the widget clean, and it says so.
  function load(root, key, clean) {
    const value = store.read(key, clean);
    if (value !== undefined) return value;
    notice(root, "aside", words(root)("setAside"));
    return null;
  }
  // Writes a widget's value (null drops it). A refused write keeps what is on screen and
  // says why, once; the next write that is kept takes the line away. Where storage is
  // blocked from the start, the page's own note (reveal) has said it already.
  function keep(root, key, value) {
    const ok = value === null ? store.drop(key) : store.set(key, value);
    if (canStore) {
      const say = words(root);
      notice(root, "unsaved", ok ? "" : say("unsaved", { why: say(failure) }));
    }
    return ok;
  }

  // Clipboard with a fallback: where it is denied, the text is handed over to select, in a
  // box that stays after the status line until the reader closes it.
  async function copy(text, status, done) {
    const say = words(status);
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = done;
    } catch {
      let box = status.nextElementSibling;
      if (!box || !box.matches(".bp-fallback")) {
        box = Object.assign(document.createElement("div"), { className: "bp-fallback" });
        status.after(box);
      }
      const area = Object.assign(document.createElement("textarea"), { readOnly: true, value: text });
      area.setAttribute("aria-label", say("copyField"));
      const close = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: say("close") });
      close.addEventListener("click", () => box.remove());
      box.replaceChildren(area, close);
      status.textContent = say("noClipboard");
      area.select();
      area.focus();
    }
  }

  // Hands a text to the reader as a file; nothing leaves the browser.
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // Starts a widget on every element matching selector, on load and after each page swap
  // of Material's instant navigation (document$ fires on both).
  function mount(selector, start) {
    const run = () => $$(document, `${selector}:not(.bp-live)`).forEach(start);
    if (window.document$) window.document$.subscribe(run);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  return { store, canStore, isObject, dict, shown, few, load, keep, notice, $, $$, rounded, human, questionScore, plural, words, reveal, copy, download, mount };
})();
