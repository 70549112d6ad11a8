/* The SCORM 1.2 runtime of a package made by `python -m macros scorm` (never on the site).
   It finds the LMS's API, names the learner, keeps the attempt in cmi.suspend_data and
   reports score, status, answers and time; exam.js and quiz.js call it where they would use
   localStorage. Every call to the LMS is checked, and a refusal is shown in plain Russian.
   Without an LMS the package runs as a plain exam or check and says no result goes anywhere. */
window.bpScorm = (() => {
  "use strict";
  // The page's words (macros/uitext.py SCORM), read once the page holds them.
  let text = null;
  const say = (key, values = {}) => {
    text = text || JSON.parse(document.querySelector("[data-bp-scorm]").dataset.bpScorm);
    return text[key].replace(/\{(\w+)\}/g, (m, k) => values[k]);
  };
  const status = (text) => { const line = document.querySelector("[data-bp-scorm-status]"); line.textContent = text; line.hidden = !text; };
  const calls = [];
  let api = null;
  let open = false;
  let finished = false;
  const began = Date.now();

  // The standard search (SCORM 1.2 RTE, 3.3): up the frames, then the opener's; a frame of
  // another origin throws when read and ends that branch.
  function find(win) {
    for (let depth = 0; win && depth < 8; depth += 1) {
      try { if (win.API && typeof win.API.LMSInitialize === "function") return win.API; } catch { return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  // One call, its return and the LMS's last error checked; a refusal is said, never dropped.
  function call(name, ...args) {
    if (!api) return "";
    let result;
    let code = "0";
    try {
      result = String(api[name](...args));
      code = String(api.LMSGetLastError());
    } catch (e) {
      result = "false";
      code = "101";
    }
    calls.push([name, ...args]);
    const failed = (name !== "LMSGetValue" && result !== "true") || (code !== "0" && code !== "");
    if (failed) {
      let text = "";
      try { text = String(api.LMSGetErrorString(code) || ""); } catch { text = ""; }
      status(say("lmsError", { call: [name, args[0]].filter(Boolean).join(" "), code: text ? `${code} — ${text.slice(0, 200)}` : code }));
    }
    return failed && name !== "LMSGetValue" ? "false" : result;
  }
  const get = (element) => call("LMSGetValue", element);
  const set = (element, value) => call("LMSSetValue", element, String(value));

  // «Смирнова, Анна» (LMS order) -> «Анна Смирнова», as people write a name.
  function personName(lms) {
    const parts = lms.split(",").map((p) => p.trim()).filter(Boolean);
    return parts.length === 2 ? `${parts[1]} ${parts[0]}` : parts.join(" ");
  }

  // HHHH:MM:SS.SS, SCORM 1.2's CMITimespan.
  function timespan(ms) {
    const cs = Math.max(0, Math.round(ms / 10));
    const pad = (n, w) => String(n).padStart(w, "0");
    return `${pad(Math.floor(cs / 360000), 4)}:${pad(Math.floor(cs / 6000) % 60, 2)}:${pad(Math.floor(cs / 100) % 60, 2)}.${pad(cs % 100, 2)}`;
  }

  // A variant code from the learner and the attempt (FNV-1a, twice over): two learners get
  // different variants, and the same attempt the same one.
  const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  function variantOf(learner, attempt) {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const ch of `${learner}\u0000${attempt}`) {
      h1 = Math.imul(h1 ^ ch.codePointAt(0), 16777619) >>> 0;
      h2 = Math.imul(h2 ^ ch.codePointAt(0), 2246822519) >>> 0;
    }
    let code = "";
    for (let i = 0; i < 8; i += 1) code += ALPHABET[((i < 4 ? h1 : h2) >>> ((i % 4) * 8)) % ALPHABET.length];
    return code;
  }

  // suspend_data, compactly (SCORM 1.2 allows 4,096 characters): format, attempt id, seconds
  // spent, whether submitted, then each question's chosen options as a base-36 bit mask in
  // the order given («-» for none). The exam's 45 questions take under 150 characters.
  const encode = (s) => ["b1", s.attempt, Math.round(s.spent / 1000).toString(36), s.done ? 1 : 0,
    s.answers.map((a) => (a.length ? a.reduce((m, i) => m + 2 ** i, 0).toString(36) : "-")).join(".")].join("|");
  function decode(text) {
    const parts = String(text || "").split("|");
    if (parts.length !== 5 || parts[0] !== "b1" || !/^[A-Za-z0-9]{1,32}$/.test(parts[1]) || !/^[0-9a-z]+$/.test(parts[2])) return null;
    const answers = parts[4] === "" ? [] : parts[4].split(".").map((m) => {
      if (m === "-") return [];
      const mask = parseInt(m, 36);
      return Number.isFinite(mask) ? [...mask.toString(2)].reverse().flatMap((b, i) => (b === "1" ? [i] : [])) : [];
    });
    return { attempt: parts[1], spent: parseInt(parts[2], 36) * 1000, done: parts[3] === "1", answers };
  }

  let learner = { id: "", name: "" };
  let saved = null;
  let at = ""; // the question a resumed attempt was last at (cmi.core.lesson_location)
  function start() {
    api = find(window) || (window.opener ? find(window.opener) : null);
    if (!api) { status(say("noLms")); return; }
    open = call("LMSInitialize", "") === "true";
    if (!open) return;
    learner = { id: get("cmi.core.student_id"), name: personName(get("cmi.core.student_name")) };
    if (get("cmi.core.entry") === "resume") {
      saved = decode(get("cmi.suspend_data"));
      at = get("cmi.core.lesson_location");
    }
    if (["not attempted", ""].includes(get("cmi.core.lesson_status"))) set("cmi.core.lesson_status", "incomplete");
    window.addEventListener("pagehide", suspend);
  }

  // Leaving before the end: what was answered and the time spent stay with the LMS.
  let current = null; // () => the state to suspend, set by the widget
  function suspend() {
    if (!open || finished) return;
    const now = current && current();
    if (now) keep(now);
    set("cmi.core.exit", "suspend");
    set("cmi.core.session_time", timespan(Date.now() - began));
    call("LMSCommit", "");
    call("LMSFinish", "");
    finished = true;
  }
  function keep(state, where) {
    if (!open || finished) return;
    set("cmi.suspend_data", encode(state));
    if (where) set("cmi.core.lesson_location", where);
    call("LMSCommit", "");
  }

  // The end of an attempt: score in per cent, status, one interaction per question, time.
  function report(result) {
    if (!open || finished) return;
    set("cmi.core.score.raw", Math.round(result.percent * 100) / 100);
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.lesson_status", result.status);
    result.questions.forEach((q, n) => {
      set(`cmi.interactions.${n}.id`, q.id);
      set(`cmi.interactions.${n}.type`, "choice");
      set(`cmi.interactions.${n}.student_response`, q.chosen.map((i) => "abcdefghijklmnopqrstuvwxyz"[i]).join(","));
      set(`cmi.interactions.${n}.result`, q.score >= q.points ? "correct" : "wrong");
      set(`cmi.interactions.${n}.weighting`, q.points);
    });
    set("cmi.core.exit", "");
    set("cmi.core.session_time", timespan(Date.now() - began));
    call("LMSCommit", "");
    call("LMSFinish", "");
    finished = true;
    if (!document.querySelector("[data-bp-scorm-status]").textContent) status(say("sent"));
  }

  return {
    start, keep, report, encode, decode, variantOf, personName, timespan, calls,
    connected: () => open,
    learner: () => learner,
    saved: () => saved,
    resumeAt: () => at,
    onSuspend: (fn) => { current = fn; },
  };
})();
window.bpScorm.start();
