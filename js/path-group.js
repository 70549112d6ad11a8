/* Progress files of a group of new hires, read and merged for their mentor («Прогресс группы»).
   Mirrors macros/path/progress.py (the same checks, in the same order, with the same words) and
   macros/spreadsheet.py (through js/exam-core.js); tests/test_path_progress.py runs both over the same files. */
window.bpGroup = (() => {
  "use strict";

  const FORMAT = "sinyaya-ptitsa-progress";
  const KINDS = ["pages", "checks", "self_assessment", "exam"];
  const MAX_TEXT = 200;
  const MAX_ID = 64;
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  // A field of a parsed file: own properties only ("constructor" is just a name), absent as null.
  const get = (o, k) => (has(o, k) ? o[k] : null);
  const { isObject } = window.bp;
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, name) => (values && has(values, name) ? values[name] : m));

  // The helpers of macros/exam/resultfile.py and macros/spreadsheet.py, as js/exam-core.js has them.
  const { shown, spaced, personKey, epochMs, csv } = window.bpExam;
  const daysIn = (y, mo) => new Date(Date.UTC(y, mo, 0)).getUTCDate();

  // ---- the checks of a file's fields, as progress.py makes them
  // Length in code points, as Python counts; a lone surrogate is no text a browser writes.
  const LONE = /[\ud800-\udfff]/u;
  const points = (v, most) => (v.length > 2 * most ? most + 1 : Array.from(v).length);
  const text = (v, least, most) => typeof v === "string" && !LONE.test(v) && points(v, most) >= least && points(v, most) <= most;
  const whole = (v, least, most) => (typeof v === "number" && Number.isInteger(v) && v >= least && v <= most ? v : null);
  const share = (v) => typeof v === "number" && v >= 0 && v <= 100;
  const day = (v) => {
    const [y, mo, d] = ((typeof v === "string" && /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(v)) || []).slice(1).map(Number);
    return y >= 2000 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
  };
  class Refused { constructor(key, values) { this.key = key; this.values = values || {}; } }

  const readCheck = (entry, n, m) => {
    if (!isObject(entry)) throw new Refused("checkShape", { n, m });
    const [bank, title, best, date] = ["bank", "title", "best", "date"].map((k) => get(entry, k));
    const pass = whole(get(entry, "pass"), 1, 100);
    const fields = [["bank", text(bank, 1, MAX_ID)], ["title", text(title, 1, MAX_TEXT)], ["best", best === null || share(best)],
      ["date", date === null || day(date)], ["pass", pass !== null]];
    const bad = fields.find(([, fine]) => !fine);
    if (bad) throw new Refused("badCheck", { n, m, field: bad[0] });
    return { bank, title, best, date, pass };
  };

  const readStage = (entry, n) => {
    if (!isObject(entry)) throw new Refused("stageShape", { n });
    const bad = (field) => new Refused("badStage", { n, field });
    const [id, title, kind, done] = ["id", "title", "kind", "done"].map((k) => get(entry, k));
    if (!text(id, 1, MAX_ID)) throw bad("id");
    if (!text(title, 1, MAX_TEXT)) throw bad("title");
    if (!KINDS.includes(kind)) throw bad("kind");
    if (typeof done !== "boolean") throw bad("done");
    const stage = { id, title, kind, done };
    if (kind === "pages") {
      ["read", "updated", "total"].forEach((field) => {
        stage[field] = whole(get(entry, field), 0, 1000);
        if (stage[field] === null) throw bad(field);
      });
      if (stage.read + stage.updated > stage.total) throw bad("total");
    } else if (kind === "checks") {
      const checks = get(entry, "checks");
      if (!Array.isArray(checks) || checks.length > 20) throw bad("checks");
      stage.checks = checks.map((c, i) => readCheck(c, n, i + 1));
    } else if (kind === "self_assessment") {
      const result = get(entry, "result");
      if (result !== null && !text(result, 0, MAX_TEXT)) throw bad("result");
      stage.result = result;
    }
    return stage;
  };

  // Nesting beyond what a progress file needs (5 levels): Python's parser gives up near 1,000.
  const deeper = (v, levels) => v !== null && typeof v === "object" && (levels === 0 || Object.values(v).some((x) => deeper(x, levels - 1)));
  const versionShown = (say, v) => (v === null ? say.noVersion : typeof v === "string" ? shown(v)
    : typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : "?");

  const parse = (say, name, bytes) => {
    let source;
    try { source = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch { throw new Refused("notUtf8"); }
    let doc;
    try { doc = JSON.parse(source); } catch { throw new Refused("notJson"); }
    if (deeper(doc, 32)) throw new Refused("notJson");
    if (!isObject(doc) || get(doc, "format") !== FORMAT) throw new Refused("notProgress");
    const version = get(doc, "version");
    if (version !== 1) throw new Refused("otherVersion", { version: versionShown(say, version) });
    const who = typeof get(doc, "name") === "string" ? spaced(get(doc, "name")) : "";
    if (!who || LONE.test(who)) throw new Refused("noName");
    if (points(who, MAX_TEXT) > MAX_TEXT) throw new Refused("longName");
    const saved = epochMs(get(doc, "saved"));
    if (saved === null) throw new Refused("badSaved");
    const route = get(doc, "route");
    if (typeof route !== "string" || !/^[0-9a-z]{1,64}$/.test(route)) throw new Refused("badRoute");
    const stages = get(doc, "stages");
    if (!Array.isArray(stages) || stages.length < 1 || stages.length > 50) throw new Refused("badStages");
    return { file: name, name: who, person: personKey(who), saved, route, stages: stages.map((s, i) => readStage(s, i + 1)) };
  };

  // say: the PROGRESS words; bytes: the file's ArrayBuffer or Uint8Array. Returns [person, null]
  // or [null, the one message saying why the file cannot be used].
  function read(say, name, bytes) {
    try {
      return [parse(say, name, bytes), null];
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      return [null, fill(say[e.key], { file: shown(name), ...e.values })];
    }
  }

  const routeChecks = (route) => route.stages.flatMap((s) => s.checks || []);

  const row = (person, route) => {
    const stages = person.stages;
    const counted = stages.filter((s) => s.kind !== "exam");
    const exam = stages.findIndex((s) => s.kind === "exam");
    const missing = (exam < 0 ? stages : stages.slice(0, exam)).filter((s) => !s.done).map((s) => s.title);
    const best = new Map();
    stages.forEach((s) => (s.checks || []).forEach((c) => {
      if (c.best !== null && c.best > (best.has(c.bank) ? best.get(c.bank) : -1)) best.set(c.bank, c.best);
    }));
    const result = stages.find((s) => s.kind === "self_assessment" && s.result !== null);
    return {
      file: person.file, name: person.name, person: person.person, saved: person.saved,
      stagesDone: counted.filter((s) => s.done).length, stagesTotal: counted.length,
      checks: routeChecks(route).map((c) => (best.has(c.bank) ? best.get(c.bank) : null)),
      selfAssessment: result ? result.result : null, ready: !missing.length, missing, otherRoute: person.route !== route.version,
    };
  };

  // Python orders text by code points; UTF-16 units would put U+E000..U+FFFF after emoji.
  const cmp = (a, b) => {
    for (let i = 0; i < a.length && i < b.length; i += a.codePointAt(i) > 0xffff ? 2 : 1) {
      if (a.codePointAt(i) !== b.codePointAt(i)) return a.codePointAt(i) < b.codePointAt(i) ? -1 : 1;
    }
    return (a.length > b.length) - (a.length < b.length);
  };

  // files: [{name, bytes}] in the order given; route: {version, stages: [{id, title, kind,
  // checks: [{bank, title}]}]}. Two files of one person: the later `saved` wins (the first on a tie).
  function merge(say, files, route) {
    const kept = new Map();
    const messages = [];
    files.forEach(({ name, bytes }) => {
      const [person, message] = (() => { try { return read(say, name, bytes); } catch { return [null, fill(say.unreadable, { file: shown(name) })]; } })();
      if (!person) { messages.push(message); return; }
      const earlier = kept.get(person.person);
      if (earlier) {
        messages.push(fill(say.samePerson, { file: shown(name), other: shown(earlier.file) }));
        if (person.saved <= earlier.saved) return;
      }
      kept.set(person.person, person);
    });
    const people = [...kept.values()].map((p) => row(p, route)).sort((a, b) => cmp(a.person, b.person) || a.saved - b.saved);
    return { people, messages };
  }

  const two = (n) => String(n).padStart(2, "0");
  const localDate = (ms) => ((d) => `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`)(new Date(ms));

  function tableCsv(say, merged, route) {
    const { human } = window.bp;
    const columns = say.columns;
    const checks = routeChecks(route).map((c) => fill(say.checkColumn, { title: c.title }));
    const rows = merged.people.map((r) => [
      r.name, localDate(r.saved), r.stagesDone, r.stagesTotal, ...r.checks.map((b) => (b === null ? "" : human(b))),
      r.selfAssessment, r.ready ? say.yes : say.no, r.missing.join(say.missingSeparator), r.otherRoute ? say.otherRoute : say.currentRoute,
    ]);
    return csv([[...columns.slice(0, 4), ...checks, ...columns.slice(4)], ...rows]);
  }

  return { read, merge, tableCsv };
})();
