/* Exam logic shared by the exam and its results page. Mirrors macros/exam/draw.py,
   grading.py and resultfile.py, and macros/spreadsheet.py; tests check that both agree. */
window.bpExam = (() => {
  "use strict";

  // Codes are read aloud and typed from a chat, so letters that look alike are left out.
  const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const FORMAT = "sinyaya-ptitsa-exam-result";
  const code = (text) => {
    const c = String(text || "").trim().toUpperCase();
    return /^[A-Z0-9-]{1,32}$/.test(c) ? c : null;
  };
  // FNV-1a and mulberry32: integer steps that Python reproduces exactly.
  const seedOf = (text) => {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  };
  const random = (seed) => {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };
  const shuffled = (items, rand) => {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

  // questions: [{id, topic}] in bank order; returns them in the variant's order. At most one
  // question of a same-fact group (cfg.groups: question id -> group) enters a variant.
  function draw(cfg, questions, variant) {
    const rand = random(seedOf(`${cfg.bank}:${variant}`));
    const groupOf = new Map(Object.entries(cfg.groups || {}));
    const used = new Set();
    const chosen = [];
    cfg.draw.forEach(([topic, n]) => {
      let taken = 0;
      for (const q of shuffled(questions.filter((x) => x.topic === topic), rand)) {
        if (taken === n) break;
        const group = groupOf.get(q.id);
        if (group !== undefined && used.has(group)) continue;
        if (group !== undefined) used.add(group);
        chosen.push(q);
        taken += 1;
      }
    });
    return shuffled(chosen, rand);
  }
  const optionOrder = (cfg, variant, id, count) => {
    const order = [...Array(count).keys()];
    return cfg.shuffle ? shuffled(order, random(seedOf(`${cfg.bank}:${variant}:${id}`))) : order;
  };
  const randomText = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => ALPHABET[b % ALPHABET.length]).join("");
  const newCode = () => randomText(6);

  const { rounded, human, download, questionScore } = window.bp;

  // key: the opened bank key; answers: {id: [option index in bank order]}.
  function grade(cfg, key, variant, answers) {
    const drawn = draw(cfg, key.questions, variant);
    const questions = drawn.map((q, n) => {
      const chosen = [...new Set((answers[q.id] || []).filter((i) => Number.isInteger(i) && i >= 0 && i < q.options.length))]
        .sort((x, y) => x - y);
      return {
        number: n + 1, id: q.id, topic: q.topic, points: q.points, chosen,
        chosen_text: chosen.map((i) => q.options[i]), correct: q.correct.slice(),
        correct_text: q.correct.map((i) => q.options[i]), score: rounded(questionScore(q.type, q.points, q.correct, chosen, q.options.length)),
      };
    });
    const sum = (list, field) => list.reduce((s, q) => s + q[field], 0);
    const topics = cfg.topics.map((t) => [t, questions.filter((q) => q.topic === t.id)]).filter(([, qs]) => qs.length)
      .map(([t, qs]) => ({ id: t.id, name: t.name, score: rounded(sum(qs, "score")), max: rounded(sum(qs, "points")) }));
    const score = rounded(sum(questions, "score"));
    const max = rounded(sum(questions, "points"));
    const percent = max ? rounded((score * 100) / max) : 0;
    return { score, max_score: max, percent, pass_mark: cfg.pass_mark, passed: percent >= cfg.pass_mark, topics, questions };
  }

  // The result file: answers only, as macros/exam/grading.py result_document(). questions:
  // [{id, topic, options: count}] in bank order.
  const document = (cfg, questions, variant, answers, envelope) => ({
    format: FORMAT, format_version: 2, bank: cfg.bank, bank_version: cfg.version, bank_title: cfg.title,
    marking: cfg.marking, attempt: envelope.attempt, candidate: envelope.candidate, variant,
    started: envelope.started, submitted: envelope.submitted, duration_seconds: envelope.duration_seconds,
    time_limit_minutes: cfg.time_limit, timed_out: envelope.timed_out, sheets_seen: envelope.sheets_seen,
    questions: draw(cfg, questions, variant).map((q, n) => ({
      number: n + 1, id: q.id, topic: q.topic,
      chosen: [...new Set((answers[q.id] || []).filter((i) => Number.isInteger(i) && i >= 0 && i < q.options))].sort((x, y) => x - y),
    })),
  });

  // ---- reading a result file: the checks, order and words of macros/exam/resultfile.py
  const { shown, isObject } = window.bp;
  const SPACES = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  const spaced = (name) => name.replace(SPACES, " ").replace(/^ | $/g, "");
  const personKey = (name) => spaced(name.normalize("NFC")).toLowerCase().replace(/\u0451/g, "\u0435");
  const INSTANT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))$/;
  const epochMs = (value) => {
    const m = typeof value === "string" && INSTANT.exec(value);
    if (!m) return null;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
    if (!(y >= 2000 && y <= 2999 && mo >= 1 && mo <= 12 && h <= 23 && mi <= 59 && s <= 59)) return null;
    if (d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
    let offset = 0;
    if (!m[8]) {
      if (+m[10] > 14 || +m[11] > 59) return null;
      offset = (+m[10] * 60 + +m[11]) * (m[9] === "+" ? 1 : -1);
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60000 + Number((m[7] || "0").slice(0, 3).padEnd(3, "0"));
  };
  // Whole seconds between two moments in milliseconds, as duration_seconds() in resultfile.py.
  const durationOf = (started, submitted) => Math.floor((submitted - started + 500) / 1000);
  const sheet = (entry) => {
    if (!isObject(entry) || typeof entry.variant !== "string") return null;
    const variant = code(entry.variant);
    const at = epochMs(entry.at);
    return variant && at !== null ? { variant, at } : null;
  };

  // bytes: the file's ArrayBuffer; bankQuestions: [{id, topic, options: count}] in bank order.
  function readResult(say, cfg, bankQuestions, name, bytes) {
    const problem = (key, values) => [null, say(key, { file: shown(name), ...values })];
    let text;
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch { return problem("notUtf8"); }
    let doc;
    try { doc = JSON.parse(text); } catch { return problem("notJson"); }
    if (!isObject(doc) || doc.format !== FORMAT) return problem("notResult");
    if (doc.bank !== cfg.bank) return problem("otherBank", { bank: shown(doc.bank), siteBank: cfg.bank });
    if (doc.bank_version !== cfg.version) return problem("otherVersion", { version: shown(doc.bank_version), siteVersion: cfg.version });
    const variant = typeof doc.variant === "string" ? code(doc.variant) : null;
    const candidate = typeof doc.candidate === "string" ? spaced(doc.candidate) : "";
    if (!variant || !candidate || !Array.isArray(doc.questions)) return problem("broken");
    const started = epochMs(doc.started);
    const submitted = epochMs(doc.submitted);
    if (started === null || submitted === null || submitted < started) return problem("badTime");
    const drawn = new Map(draw(cfg, bankQuestions, variant).map((q) => [q.id, q]));
    const answers = new Map();
    for (const entry of doc.questions) {
      const id = isObject(entry) ? entry.id : undefined;
      const chosen = isObject(entry) ? entry.chosen : undefined;
      if (typeof id !== "string" || !drawn.has(id) || answers.has(id)) return problem("otherQuestions", { variant });
      const count = drawn.get(id).options;
      if (!Array.isArray(chosen) || !chosen.every((i) => Number.isInteger(i) && i >= 0 && i < count)) return problem("badAnswer");
      answers.set(id, [...new Set(chosen)].sort((x, y) => x - y));
    }
    if (answers.size !== drawn.size) return problem("otherQuestions", { variant });
    const attempt = typeof doc.attempt === "string" && /^[A-Za-z0-9]{1,32}$/.test(doc.attempt) ? doc.attempt : `${variant}@${started}`;
    return [{
      file: name, candidate, person: personKey(candidate), variant, attempt,
      marking: doc.marking === "trainer" ? "trainer" : "instant", started, submitted,
      duration_seconds: durationOf(started, submitted), timed_out: doc.timed_out === true,
      unanswered: [...answers.values()].filter((c) => !c.length).length,
      sheets_seen: (Array.isArray(doc.sheets_seen) ? doc.sheets_seen.slice(0, 100) : []).map(sheet).filter(Boolean),
      answers: Object.fromEntries(answers),
    }, null];
  }

  // ---- spreadsheets, as macros/spreadsheet.py writes them
  const cell = (value) => {
    let t = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
    return /[;"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const csv = (rows) => `\ufeff${rows.map((r) => `${r.map(cell).join(";")}\r\n`).join("")}`;
  const two = (n) => String(n).padStart(2, "0");
  const localTime = (ms) => {
    const d = new Date(Math.floor(ms / 1000) * 1000);
    const off = -d.getTimezoneOffset();
    const a = Math.abs(off);
    return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
      + ` UTC${off < 0 ? "-" : "+"}${two(Math.floor(a / 60))}:${two(a % 60)}`;
  };

  return {
    code, newCode, randomText, draw, optionOrder, grade, document, readResult, epochMs, durationOf, personKey, spaced, shown,
    rounded, human, csv, localTime, download, seedOf, random,
  };
})();
