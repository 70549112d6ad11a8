/* Exam logic shared by the exam and its results page. Mirrors macros/exam/draw.py,
   macros/exam/grading.py and macros/exam/results.py; browser tests check that both agree. */
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

  // questions: [{id, topic}] in bank order; returns them in the variant's order.
  function draw(cfg, questions, variant) {
    const rand = random(seedOf(`${cfg.bank}:${variant}`));
    let chosen = [];
    cfg.draw.forEach(([topic, n]) => {
      chosen = chosen.concat(shuffled(questions.filter((q) => q.topic === topic), rand).slice(0, n));
    });
    return shuffled(chosen, rand);
  }
  const optionOrder = (cfg, variant, id, count) => {
    const order = [...Array(count).keys()];
    return cfg.shuffle ? shuffled(order, random(seedOf(`${cfg.bank}:${variant}:${id}`))) : order;
  };
  const newCode = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  };

  // The inverse of seal() in macros/exam/page.py: base64, XOR with the secret, then zlib.
  const unseal = async (sealed, secret) => {
    const bytes = Uint8Array.from(atob(sealed), (c, i) => c.charCodeAt(0) ^ secret.charCodeAt(i % secret.length));
    const json = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return JSON.parse(await new Response(json).text());
  };
  // The sealed key in the widget, or fetched from the results page that data-bp-key-from
  // names (macros/render.py says why). The key is read from the results widget's opening tag
  // as text rather than by parsing the whole page on the thread the candidate is using.
  // Base64 holds no quote or '>', so the tag ends at the first '>'.
  const sealedKey = async (root, cfg) => {
    if (root.dataset.bpKey) return [root.dataset.bpKey, location.href];
    const from = new URL(root.dataset.bpKeyFrom, location.href).href;
    const response = await fetch(from);
    if (!response.ok) throw new Error(String(response.status));
    const page = await response.text();
    const at = page.indexOf(` data-bp-results="${cfg.bank}"`);
    const found = at < 0 ? null : / data-bp-key="([A-Za-z0-9+/=]+)"/.exec(page.slice(at, page.indexOf(">", at)));
    if (!found) throw new Error("no key");
    return [found[1], from];
  };
  // Links in the key are relative to the page that carried it. Explanations are parsed only
  // when they hold a link, which few do.
  const absolute = (key, base) => {
    const at = (href) => new URL(href, base).href;
    key.questions.forEach((q) => {
      if (q.link) q.link = at(q.link);
      if (!q.explanation.includes("href=")) return;
      // window.document: this module names its result files document().
      const html = window.document.createElement("template");
      html.innerHTML = q.explanation;
      html.content.querySelectorAll("a[href]").forEach((a) => a.setAttribute("href", at(a.getAttribute("href"))));
      q.explanation = html.innerHTML;
    });
    return key;
  };
  // A widget's key (the exam and its results page), or null once the widget's no-script
  // note says why not: a browser without DecompressionStream cannot open it; otherwise the
  // key could not be fetched, or did not open (a results page cached from another version).
  const openKey = async (root, cfg) => {
    const note = root.querySelector("[data-bp-nojs]");
    const say = window.bp.words(root);
    if (!window.DecompressionStream) {
      note.textContent = say("cannotOpen");
      return null;
    }
    try {
      if (!root.dataset.bpKey) note.textContent = say("keyLoading");
      const [sealed, base] = await sealedKey(root, cfg);
      return absolute(await unseal(sealed, cfg.version), base);
    } catch {
      note.textContent = say("keyMissing");
      return null;
    }
  };

  const { rounded, human, download, questionScore } = window.bp;

  // key: the unsealed bank key; answers: {id: [option index in bank order]}.
  function grade(cfg, key, variant, answers) {
    const drawn = draw(cfg, key.questions, variant);
    const questions = drawn.map((q, n) => {
      const chosen = [...new Set((answers[q.id] || []).filter((i) => Number.isInteger(i) && i >= 0 && i < q.options.length))]
        .sort((x, y) => x - y);
      return {
        number: n + 1, id: q.id, topic: q.topic, points: q.points, chosen,
        chosen_text: chosen.map((i) => q.options[i]), correct: q.correct.slice(),
        correct_text: q.correct.map((i) => q.options[i]), score: rounded(questionScore(q.type, q.points, q.correct, chosen)),
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

  const document = (cfg, key, variant, answers, envelope) => ({
    format: FORMAT, format_version: 1, bank: cfg.bank, bank_version: cfg.version, bank_title: cfg.title,
    candidate: envelope.candidate, variant, started: envelope.started, submitted: envelope.submitted,
    duration_seconds: envelope.duration_seconds, time_limit_minutes: cfg.time_limit, timed_out: envelope.timed_out,
    ...grade(cfg, key, variant, answers),
  });

  // Same checks and messages as macros/exam/results.py read_result(); say: the page's words.
  function readResult(say, cfg, key, name, text) {
    let data, variant;
    const problem = (message) => [null, say(message, {
      file: name, bank: data?.bank, version: data?.bank_version, siteBank: cfg.bank, siteVersion: cfg.version, variant,
    })];
    try { data = JSON.parse(text); } catch { return problem("notJson"); }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) return problem("notResult");
    if (data.bank !== cfg.bank) return problem("otherBank");
    if (data.bank_version !== cfg.version) return problem("otherVersion");
    variant = code(data.variant);
    const who = typeof data.candidate === "string" ? data.candidate.trim() : "";
    if (!variant || !who || !Array.isArray(data.questions)) return problem("broken");
    const answers = {};
    for (const entry of data.questions) {
      const chosen = entry && entry.chosen;
      if (!Array.isArray(chosen) || !chosen.every(Number.isInteger)) return problem("badAnswer");
      answers[String(entry.id)] = chosen;
    }
    const drawn = draw(cfg, key.questions, variant).map((q) => q.id).sort();
    if (JSON.stringify(Object.keys(answers).sort()) !== JSON.stringify(drawn)) return problem("otherQuestions");
    return [{
      file: name, candidate: who, variant, started: String(data.started || ""), submitted: String(data.submitted || ""),
      duration_seconds: Number.isInteger(data.duration_seconds) ? data.duration_seconds : null,
      timed_out: data.timed_out === true, ...grade(cfg, key, variant, answers),
    }, null];
  }

  const csvLine = (cells) => cells.map((c) => {
    const s = String(c ?? "");
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(",");


  return { code, newCode, draw, optionOrder, unseal, openKey, grade, document, readResult, rounded, human, csvLine, download, seedOf, random };
})();
