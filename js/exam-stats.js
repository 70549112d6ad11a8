/* Item statistics of a group's exam, as Moodle's quiz statistics report computes them.
   Mirrors macros/exam/stats.py step for step (the same sums in the same order), so the
   results page and `python -m macros results --items` write the same figures. */
window.bpStats = (() => {
  "use strict";
  const X = window.bpExam;
  const RELIABLE = 10;
  const TAIL_PER_CENT = 27;
  const sum = (xs) => xs.reduce((s, x) => s + x, 0); // left to right from 0, as _sum() in Python
  const mean = (xs) => sum(xs) / xs.length;
  // Sample covariance (n − 1), as Moodle divides; null below two values.
  const covariance = (xs, ys) => {
    if (xs.length < 2) return null;
    const mx = mean(xs);
    const my = mean(ys);
    return sum(xs.map((x, i) => (x - mx) * (ys[i] - my))) / (xs.length - 1);
  };
  const ascending = (xs) => [...xs].sort((a, b) => a - b);

  // Positions (in merged.graded) of the top and bottom 27 % by score; ties keep the people's order.
  function tails(graded) {
    if (!graded.length) return [new Set(), new Set()];
    const size = Math.max(1, Math.floor((TAIL_PER_CENT * graded.length + 50) / 100));
    const ranked = graded.map((_, i) => i).sort((x, y) => graded[y].percent - graded[x].percent || x - y);
    return [new Set(ranked.slice(0, size)), new Set(ranked.slice(-size))];
  }

  // key.questions in bank order: [{id, topic, text, points, correct, options}].
  function items(key, merged) {
    const graded = merged.graded;
    const [top, bottom] = tails(graded);
    const out = [];
    key.questions.forEach((question) => {
      const rows = [];
      graded.forEach((a, i) => {
        const r = a.questions.find((q) => q.id === question.id);
        if (r) rows.push([i, r]);
      });
      if (!rows.length) return;
      const marks = rows.map(([, r]) => r.score);
      const rest = rows.map(([i, r]) => graded[i].score - r.score);
      const item = { id: question.id, topic: question.topic, text: question.text, attempts: rows.length,
        facility: mean(marks) / question.points, sd: null, discrimination: null, efficiency: null, options: [], flags: [] };
      const variance = covariance(marks, marks);
      const restVariance = covariance(rest, rest);
      const cov = covariance(marks, rest);
      if (variance !== null && restVariance !== null && cov !== null) {
        item.sd = Math.sqrt(variance) / question.points;
        if (variance * restVariance > 0) item.discrimination = cov / Math.sqrt(variance * restVariance);
        const most = covariance(ascending(marks), ascending(rest));
        if (most) item.efficiency = cov / most;
      }
      const share = (n, group) => {
        const asked = rows.filter(([i]) => group === null || group.has(i)).map(([, r]) => r);
        return asked.length ? asked.filter((r) => r.chosen.includes(n)).length / asked.length : null;
      };
      item.options = question.options.map((text, n) => ({
        text, correct: question.correct.includes(n), picked: share(n, null), top: share(n, top), bottom: share(n, bottom),
      }));
      if (item.facility < 0.2) item.flags.push("hard");
      if (item.facility > 0.9) item.flags.push("easy");
      if (item.discrimination !== null && item.discrimination < 0.2) item.flags.push("weak");
      if (item.options.some((o) => !o.correct && o.top !== null && o.bottom !== null && o.top > o.bottom)) item.flags.push("distractor");
      out.push(item);
    });
    return out;
  }

  // The candidates as a whole (a "group" elsewhere is a set of same-fact questions); a "place" is the k-th question of a topic in bank order (Moodle's random slot).
  function cohort(key, merged) {
    const graded = merged.graded;
    const scores = graded.map((a) => a.percent);
    if (!scores.length) return { attempts: 0, mean: null };
    const ordered = ascending(scores);
    const middle = Math.floor(ordered.length / 2);
    const median = ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
    const variance = covariance(scores, scores);
    const sd = variance === null ? null : Math.sqrt(variance);
    const rank = new Map(key.questions.map((q, n) => [q.id, n]));
    const places = new Map();
    let binary = true;
    graded.forEach((a) => {
      const seen = new Map();
      [...a.questions].sort((x, y) => rank.get(x.id) - rank.get(y.id)).forEach((q) => {
        const k = seen.get(q.topic) || 0;
        seen.set(q.topic, k + 1);
        const place = `${q.topic}\u0000${k}`;
        if (!places.has(place)) places.set(place, []);
        places.get(place).push((q.score * 100) / a.max_score);
        binary = binary && q.points === 1 && (q.score === 0 || q.score === 1);
      });
    });
    let alpha = null;
    let sem = null;
    const full = [...places.values()].filter((marks) => marks.length === graded.length);
    if (variance && full.length > 1) {
      const parts = sum(full.map((marks) => covariance(marks, marks) || 0));
      alpha = (full.length / (full.length - 1)) * (1 - parts / variance);
      sem = sd !== null && alpha <= 1 ? sd * Math.sqrt(1 - alpha) : null;
    }
    return { attempts: graded.length, mean: mean(scores), median, sd, alpha, kr20: binary, sem };
  }

  const perCent = (v) => (v === null ? "" : X.human(v * 100));
  const flagText = (say, f) => say(`item${f[0].toUpperCase()}${f.slice(1)}`);

  // Same columns and cells as items_csv() in macros/exam/stats.py.
  function itemsCsv(say, cfg, key, merged) {
    const topics = new Map(cfg.topics.map((t) => [t.id, t.name]));
    const rows = [say("itemColumns")];
    items(key, merged).forEach((item) => {
      const head = [item.id, topics.get(item.topic) ?? item.topic, item.text, item.attempts, perCent(item.facility),
        perCent(item.sd), perCent(item.discrimination), perCent(item.efficiency), item.flags.map((f) => flagText(say, f)).join("; ")];
      item.options.forEach((o, n) => rows.push([...head, n + 1, o.text, say(o.correct ? "yes" : "no"),
        perCent(o.picked), perCent(o.top), perCent(o.bottom)]));
    });
    return X.csv(rows);
  }

  function cohortLine(say, stat) {
    if (stat.mean === null) return say("noAttempts");
    const dash = (v) => (v === null ? "—" : X.human(v));
    const text = say("cohortLine", {
      n: stat.attempts, mean: X.human(stat.mean), median: X.human(stat.median), sd: dash(stat.sd),
      alphaName: say(stat.kr20 ? "kr20" : "alpha"), alpha: dash(stat.alpha), sem: dash(stat.sem),
    });
    return stat.attempts >= RELIABLE ? text : `${text} ${say("unreliable", { n: RELIABLE })}`;
  }

  return { RELIABLE, items, cohort, itemsCsv, cohortLine, perCent, flagText };
})();
