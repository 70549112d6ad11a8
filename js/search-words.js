/* Reading a search query as a new hire types it (search-worker.js applies it under either
   builder). The index the theme hands its worker is read once, and the query is then taken
   word by word:
   - a word becomes its stem (russian-stem.js), with «ё» as «е» and Cyrillic look-alikes in
     Latin abbreviations (В2В, ТАМ) made Latin;
   - words that tell pages apart stay; small words («что», «это», «в») and, in a longer
     query, words found in most sections of the site («клиент», «аккаунт») go, so that
     «Аккаунт это продавец?» searches for «продавец» and a whole sentence still finds its page;
   - a word brings its family: the stems of the index that differ from it only by a
     noun-making suffix, a final vowel or «ч» for «т» («уважение» — «уважают», «отвечает» —
     «ответ», «сдать» — «сдачи»), a numeral its other forms and digit («восемь» — «восьми» —
     «8»), and a few verbs that change inside (хочет — хотят) all their forms;
   - rank() orders either builder's answers by score(): how many of the query's words a
     section holds, the rarer the more, in its title most of all (search-worker.js).
   The families come from the site's own words, so new pages need no list to be kept. */
const searchWords = (() => {
  "use strict";

  const LOOKALIKE = { а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x" };
  // The site's abbreviations that read as Russian words and would otherwise be dropped.
  const ABBREVIATIONS = { там: "tam" };
  const CYRILLIC = /[а-яё]/;
  const LATIN_OR_DIGIT = /[a-z0-9]/;
  const WORD = /[\p{L}\p{N}]+/gu;
  // Words that never tell one page from another, as people put them into a question.
  const SMALL = new Set(("а и в во на с со к ко о об от до по за из у же ли не ни да но или что как кто это " +
    "этот эта эти то такой такое такая такие какой какая какое какие каких чем чего чём мне меня мой моя мои " +
    "я ты вы он она оно они его её ее их ему ей им нам нас вас сам сама само сами себя свой своя своё свои бы " +
    "был была было были быть есть нет ну вот тут где когда зачем почему нужно надо можно для при про под над " +
    "всё все весь вся очень если так уже ещё еще the a an of to is").split(" "));
  // A word in more than this share of the index's sections says little about which one is meant.
  const COMMON = 0.12;
  // Verbs whose stem changes inside the word (хочет — хотят): one key for all their forms.
  const IRREGULAR = ["хот хочу хочешь хочет хотим хотите хотят хотеть хотел хотела хотели",
    "мог могу может можешь можем можете могут мочь могла могли", "дад дам дашь даст дадим дадите дадут"];
  const NUMERALS = ["1 один одна одного одной", "2 два две двух", "3 три трёх", "4 четыре четырёх",
    "5 пять пяти", "6 шесть шести", "7 семь семи", "8 восемь восьми", "9 девять девяти", "10 десять десяти"];

  // One word as the index and the query both see it: lower case, «е» for «ё», and Latin
  // letters for Cyrillic look-alikes inside words that are written partly in Latin or with
  // digits (В2В, KРI).
  function normalise(word) {
    // Edges first, as Material's trimmer would do later: «(ТАМ)» is the word «там».
    let w = word.toLowerCase().replace(/ё/g, "е").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (Object.hasOwn(ABBREVIATIONS, w)) return ABBREVIATIONS[w];
    if (CYRILLIC.test(w) && LATIN_OR_DIGIT.test(w) && [...w].every((c) => !CYRILLIC.test(c) || LOOKALIKE[c])) {
      w = [...w].map((c) => LOOKALIKE[c] || c).join("");
    }
    return w;
  }

  // Short words stay whole: a stem of two letters would match half the site.
  const stems = new Map();
  function stem(word) {
    if (!CYRILLIC.test(word) || word.length < 4) return word;
    if (!stems.has(word)) {
      const stemmed = russianStem(word);
      stems.set(word, stemmed.length >= 3 ? stemmed : word);
    }
    return stems.get(word);
  }

  // Where a stem's family meets: without a noun-making «-ени», «-ани», «-ен», «-ан» or a
  // final vowel, never shorter than four letters (уважен, уважа -> уваж).
  function root(s) {
    let r = s;
    for (const suffix of ["ени", "ани", "ен", "ан"]) {
      if (r.endsWith(suffix) && r.length - suffix.length >= 4) {
        r = r.slice(0, -suffix.length);
        break;
      }
    }
    if (r === s && /[аеиоуыэюя]$/.test(r) && r.length > 4) r = r.slice(0, -1);
    // «ч» that alternates with «т» at the end of a root: отвечать — ответ, сдача — сдать.
    return r.length >= 4 ? r.replace(/ч$/, "т") : r;
  }

  const numeral = new Map();
  for (const line of NUMERALS) {
    const [digit, ...words] = line.split(" ");
    numeral.set(digit, digit);
    for (const w of words) numeral.set(stem(normalise(w)), digit);
  }
  const irregular = new Map();
  for (const line of IRREGULAR) {
    const [lemma, ...forms] = line.split(" ");
    for (const w of forms) irregular.set(stem(w), lemma);
  }
  // The family key of a stem: a numeral's digit, an irregular verb's lemma, or its root.
  const key = (s) => numeral.get(s) || irregular.get(s) || root(s);

  let sections = 0;
  const titles = new Map(); // location -> the stems of its title and of its page's title
  const texts = new Map(); // location -> its words' family keys, in order, joined by spaces
  const spread = new Map(); // family key -> sections it occurs in
  const family = new Map(); // family key -> the index's stems in it

  // Reads the index once: which families occur where. Each item has a title and a text
  // (HTML). Returns, for each item, the item of the section it belongs to: a subsection
  // whose title its page repeats («Что это», «Что произошло») belongs to the section before
  // it with a title of its own («Лицензии», «Ситуация 17…»), which is what a reader looks
  // for and what a result should show; that section's text then includes its subsections'.
  // A section with a title of its own (a glossary term) is itself.
  function learn(items) {
    sections = items.length;
    const pageOf = (item) => String(item.location).split("#")[0];
    const pages = new Map();
    for (const item of items) {
      if (!pages.has(pageOf(item)) || !String(item.location).includes("#")) pages.set(pageOf(item), item.title || "");
    }
    const stems = (text) => wordsOf(text).map((w) => stem(normalise(w)));
    const repeated = new Map(); // page and title -> how many sections of the page have it
    const titleOnPage = (item) => `${pageOf(item)}\n${item.title}`;
    items.forEach((item) => repeated.set(titleOnPage(item), (repeated.get(titleOnPage(item)) || 0) + 1));
    const owners = [];
    let section = -1;
    items.forEach((item, i) => {
      const own = repeated.get(titleOnPage(item)) === 1 || !String(item.location).includes("#");
      if (own) section = String(item.location).includes("#") ? i : -1;
      owners.push(!own && section >= 0 && pageOf(items[section]) === pageOf(item) ? section : i);
    });
    items.forEach((item, i) => {
      titles.set(item.location, { own: stems(item.title || ""), page: stems(pages.get(pageOf(item)) || "") });
      const seen = new Set();
      const text = `${item.title || ""} ${String(item.text || "").replace(/<[^>]*>/g, " ")}`;
      const keys = [];
      for (const raw of wordsOf(text)) {
        const s = stem(normalise(raw));
        const k = key(s);
        if (!family.has(k)) family.set(k, new Set());
        family.get(k).add(s);
        seen.add(k);
        keys.push(k);
      }
      texts.set(item.location, ` ${keys.join(" ")} `);
      const owner = items[owners[i]].location;
      if (owner !== item.location) texts.set(owner, `${texts.get(owner)}${keys.join(" ")} `);
      seen.forEach((k) => spread.set(k, (spread.get(k) || 0) + 1));
    });
    return owners;
  }

  const wordsOf = (text) => text.match(WORD) || [];

  // The family keys of the words a query is about (small words left out), once each.
  const keysOf = (query) => [...new Set(wordsOf(query).map(normalise).filter((w) => w && !SMALL.has(w))
    .map((w) => key(stem(w))))];

  // Whether a title holds a word of the family: the same key, or one stem the start of the
  // other (сдать — сдачи).
  const inTitle = (title, k) => title.some((t) => key(t) === k ||
    (Math.min(t.length, k.length) >= 5 && (t.startsWith(k) || k.startsWith(t))));

  // How much a word tells: the rarer on the site, the more (a word in every section, nothing).
  const weight = (k) => Math.log(1 + sections / Math.max(1, spread.get(k) || 0));

  // How well a result answers a query: each word it holds counts by its weight, once in the
  // text, three times more in the section's title (titles say what a section is about) and
  // once more in its page's title.
  function score(said, location) {
    const text = texts.get(location) || "";
    const { own = [], page = [] } = titles.get(location) || {};
    let total = 0;
    for (const k of said) {
      if (text.includes(` ${k} `)) total += weight(k);
      if (inTitle(own, k)) total += weight(k) * 3;
      if (inTitle(page, k)) total += weight(k);
    }
    // Words side by side, as typed: each pair counts as its rarer word once more.
    for (let i = 1; i < said.length; i += 1) {
      if (text.includes(` ${said[i - 1]} ${said[i]} `)) total += Math.max(weight(said[i - 1]), weight(said[i]));
    }
    return total;
  }

  // Results ordered by score(), the builder's order among equals. A result may stand for
  // several locations (Material's page with its sections): its best one counts.
  function rank(query, results, locationOf) {
    const said = keysOf(query);
    const scored = results.map((result, i) => {
      const best = Math.max(0, ...[].concat(locationOf(result)).map((location) => score(said, location)));
      return [best, i, result];
    });
    return scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]).map((entry) => entry[2]);
  }

  // The words of a query worth searching for, each with the stems of its family in the index.
  function read(query) {
    const words = [];
    for (const raw of query.match(WORD) || []) {
      const w = normalise(raw);
      if (!w || SMALL.has(w)) continue;
      const s = stem(w);
      const k = key(s);
      const alike = new Set([s, ...(family.get(k) || [])]);
      if (numeral.has(s)) numeral.forEach((digit, other) => digit === numeral.get(s) && alike.add(other));
      // A prefix search for a stem finds every stem it begins: only the shortest are kept.
      const cover = [...alike].filter((t) => ![...alike].some((o) => o !== t && t.startsWith(o)));
      words.push({ raw, stem: s, key: k, alike: cover, share: sections ? (spread.get(k) || 0) / sections : 0 });
    }
    // In a longer query, words the index lacks or has everywhere go, while anything is left.
    const telling = words.filter((w) => w.share > 0 && w.share <= COMMON);
    return words.length > 1 && telling.length ? telling : words;
  }

  return { normalise, stem, key, learn, read, rank };
})();
