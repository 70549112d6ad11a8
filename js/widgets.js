/* Shared helpers of the widgets of «Синяя птица» (quiz.js, self-assessment.js,
   checklist.js, the exam): storage, copying, numbers and Russian plurals. */
window.bp = (() => {
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
  // Two decimals, halves up, as rounded() in macros/scoring.py: «0,67», «47», never float noise.
  const rounded = (x) => Math.floor(x * 100 + 0.5) / 100;
  const human = (x) => String(rounded(x)).replace(".", ",");
  const plural = (n, one, few, many) => (n % 10 === 1 && n % 100 !== 11 ? one
    : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many);

  // Controls start hidden so that pages read well without JavaScript; the script shows them.
  const reveal = (root) => {
    root.classList.add("bp-live");
    $$(root, "[data-bp-controls]").forEach((el) => { el.hidden = false; });
    $$(root, "[data-bp-nojs]").forEach((el) => el.remove());
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

  // Starts a widget on every element matching selector, on load and after each page swap
  // of Material's instant navigation (document$ fires on both).
  function mount(selector, start) {
    const run = () => $$(document, `${selector}:not(.bp-live)`).forEach(start);
    if (window.document$) window.document$.subscribe(run);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  return { store, $, $$, rounded, human, plural, reveal, copy, mount };
})();
