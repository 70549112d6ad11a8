/* What «Мой путь» remembers in this browser, and nothing else: read marks by page
   fingerprint, each knowledge check's best result, the questions to repeat (Leitner boxes)
   and the self-assessment's result. Everything read back from storage is checked: a
   stray or broken value counts as nothing and is never shown as HTML. */
window.bpPath = (() => {
  "use strict";

  const READ = "bp:read";
  const REVIEW = "bp:review";
  const SELF = "bp:self";
  const checkKey = (bank) => `bp:check:${bank}`;
  // A wrong answer comes back after 1 day (box 1); a right one at review moves it to the next
  // box, due after 3, then 7 days; right in the last box, it is learnt and leaves the boxes.
  const INTERVALS = [1, 3, 7];
  const HASH = /^[0-9a-f]{12}$/;
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  const { store, isObject } = window.bp;
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  // Stored objects are read key by key into a Map: a key «constructor» is just a key.
  const entries = (v) => (isObject(v) ? Object.keys(v).map((k) => [k, v[k]]) : []);
  // A stored value that is not an object is set aside (store.read); the route's widgets,
  // which read these keys through this file, then say so.
  const aside = new Set();
  const load = (key) => {
    const value = store.read(key, (v) => (isObject(v) ? v : null));
    if (value !== undefined) return value;
    aside.add(key);
    return null;
  };
  // Whether the value was kept: a full or blocked storage says no, and the page says so.
  const save = (key, value) => (value === null ? store.drop(key) : store.set(key, value));
  const toObject = (map) => Object.fromEntries([...map]);

  // The reader's calendar day: «2026-12-06» in local time.
  function day(now = Date.now()) {
    const d = new Date(now);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  function addDays(date, n) {
    const [y, m, d] = date.split("-").map(Number);
    return day(new Date(y, m - 1, d + n, 12).getTime());
  }
  // «6 декабря 2026»: how a person writes a date.
  const MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" ");
  const spoken = (date) => {
    const [y, m, d] = date.split("-").map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  };

  // Read marks: page -> {hash, at}.
  function marks() {
    const found = new Map();
    for (const [src, mark] of entries(load(READ))) {
      if (isObject(mark) && HASH.test(mark.hash) && DAY.test(mark.at)) found.set(src, { hash: mark.hash, at: mark.at });
    }
    return found;
  }
  function setMark(src, hash, now) {
    const all = marks();
    if (hash) all.set(src, { hash, at: day(now) });
    else all.delete(src);
    return save(READ, all.size ? toObject(all) : null);
  }
  // «read», «changed» (read before the page changed) or «unread».
  function pageState(mark, hash) {
    if (!mark) return "unread";
    return mark.hash === hash ? "read" : "changed";
  }

  // A knowledge check's results: the best share of points and the day it was reached.
  function checkResult(bank) {
    const r = load(checkKey(bank));
    const share = (x) => typeof x === "number" && x >= 0 && x <= 100;
    return isObject(r) && share(r.best) && DAY.test(r.at) ? { best: r.best, at: r.at } : null;
  }
  function recordCheck(bank, got, max, now) {
    if (!(max > 0)) return true;
    const share = Math.round((got / max) * 10000) / 100;
    const before = checkResult(bank);
    if (before && before.best >= share) return true;
    return save(checkKey(bank), { best: share, at: day(now) });
  }

  // Questions to repeat: "bank:question" -> {box, due}.
  function boxes() {
    const found = new Map();
    for (const [id, entry] of entries(load(REVIEW))) {
      if (isObject(entry) && [1, 2, 3].includes(entry.box) && DAY.test(entry.due) && /^[a-z0-9-]+:[a-z0-9-]+$/.test(id)) {
        found.set(id, { box: entry.box, due: entry.due, n: Number.isInteger(entry.n) && entry.n > 0 ? entry.n : null });
      }
    }
    return found;
  }
  // The Leitner step for one answer on a day: the question's next box, or null when it
  // leaves (learnt, or never missed). A right answer before the question is due changes nothing.
  function step(entry, right, today) {
    if (!right) return { box: 1, due: addDays(today, INTERVALS[0]) };
    if (!entry) return null;
    if (entry.due > today) return entry;
    const box = entry.box + 1;
    return box > INTERVALS.length ? null : { box, due: addDays(today, INTERVALS[box - 1]) };
  }
  // n: the question's number in its check, for the list of what to repeat.
  function answered(bank, question, right, n, now) {
    const all = boxes();
    const id = `${bank}:${question}`;
    const next = step(all.get(id), right, day(now));
    if (next) all.set(id, { box: next.box, due: next.due, n });
    else all.delete(id);
    return save(REVIEW, all.size ? toObject(all) : null);
  }
  // What is due on the day, oldest first: [{bank, question, due, box}].
  function due(now) {
    const today = day(now);
    return [...boxes()].filter(([, e]) => e.due <= today)
      .map(([id, e]) => ({ bank: id.split(":")[0], question: id.split(":")[1], due: e.due, box: e.box, n: e.n }))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  }

  // The self-assessment's result, by name.
  function selfResult() {
    const r = load(SELF);
    return isObject(r) && typeof r.name === "string" && r.name && DAY.test(r.at) ? { name: r.name.slice(0, 200), at: r.at } : null;
  }
  const recordSelf = (name, now) => save(SELF, { name, at: day(now) });

  return { setAside: () => aside.size > 0, own, day, addDays, spoken, marks, setMark, pageState, checkResult, recordCheck, step, answered, due, selfResult, recordSelf };
})();
