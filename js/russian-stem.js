/* The stem of a Russian word: the Snowball algorithm for Russian (snowballstem.org), the
   one behind lunr's Russian stemmer. The search worker (search-worker.js) uses it under
   either builder: Material's worker has lunr and its stemmer, Zensical's has neither, and
   one stemmer for both keeps the search the same whichever builder made the site.
   The word comes in lower case with «е» for «ё» (normalise() in search-worker.js). */
const russianStem = (() => {
  "use strict";

  const VOWEL = /[аеиоуыэюя]/;
  // Ending lists, space-separated. Endings in the first list of a pair count only after «а»
  // or «я», which stay.
  const endings = (afterA, plain) => [afterA, plain].map((list) => (list ? list.split(" ") : []));
  const GERUND = endings("в вши вшись", "ив ивши ившись ыв ывши ывшись");
  const ADJECTIVE = endings("", "ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею");
  const PARTICIPLE = endings("ем нн вш ющ щ", "ивш ывш ующ");
  const REFLEXIVE = endings("", "ся сь");
  const VERB = endings("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно",
    "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю");
  const NOUN = endings("",
    "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я");

  // The word without its longest ending from either list, or null when none applies.
  // As in Snowball, only the longest matching ending is tried: if it needs «а»/«я» before
  // it and has none, nothing is cut.
  function cut(word, [afterA, plain]) {
    let best = "";
    let needsA = false;
    for (const ending of afterA) if (ending.length > best.length && word.endsWith(ending)) [best, needsA] = [ending, true];
    for (const ending of plain) if (ending.length > best.length && word.endsWith(ending)) [best, needsA] = [ending, false];
    if (!best) return null;
    const rest = word.slice(0, -best.length);
    return needsA && !/[ая]$/.test(rest) ? null : rest;
  }

  // Where a region starts: after the first vowel, then after the next consonant.
  const afterVowel = (word, from) => {
    for (let i = from; i < word.length; i++) if (VOWEL.test(word[i])) return i + 1;
    return word.length;
  };
  const afterConsonant = (word, from) => {
    for (let i = from; i < word.length; i++) if (!VOWEL.test(word[i])) return i + 1;
    return word.length;
  };

  return (word) => {
    // RV: after the first vowel; R2: the region after vowel-consonant twice. Only RV changes.
    const pv = afterVowel(word, 0);
    const p2 = afterConsonant(word, afterVowel(word, afterConsonant(word, pv)));
    const head = word.slice(0, pv);
    let rv = word.slice(pv);

    // Step 1: a gerund ending; else a reflexive one, then an adjectival, verb or noun ending.
    const gerund = cut(rv, GERUND);
    if (gerund !== null) rv = gerund;
    else {
      rv = cut(rv, REFLEXIVE) ?? rv;
      const adjective = cut(rv, ADJECTIVE);
      if (adjective !== null) rv = cut(adjective, PARTICIPLE) ?? adjective;
      else rv = cut(rv, VERB) ?? cut(rv, NOUN) ?? rv;
    }
    // Step 2: a final «и».
    if (rv.endsWith("и")) rv = rv.slice(0, -1);
    // Step 3: «ость», «ост» inside R2.
    const derived = rv.match(/ость?$/);
    if (derived && pv + rv.length - derived[0].length >= p2) rv = rv.slice(0, -derived[0].length);
    // Step 4: a superlative ending, then «нн» → «н»; or a final «ь».
    const superlative = rv.match(/ейше?$/);
    if (superlative) rv = rv.slice(0, -superlative[0].length);
    if (rv.endsWith("нн")) rv = rv.slice(0, -1);
    else if (!superlative && rv.endsWith("ь")) rv = rv.slice(0, -1);
    return head + rv;
  };
})();
