/* The builder's search worker, taught to read Russian queries as people type them. The page
   loads this file instead of the theme's worker (overrides/main.html); it loads that worker
   and adjusts it with search-words.js:
   - words are cut to their stems (russian-stem.js), so that a query finds every form:
     подтипы, подтипа, подтипов; a stem brings its family (уважение, уважают; восемь, восьми);
   - «ё» and «е» are one letter, and abbreviations written with Cyrillic look-alikes (В2В,
     SМM, ТАМ) match their Latin spelling, on the index and on the query alike;
   - small words and, in a longer query, words found everywhere are left out, so that a
     whole question still finds its page.
   Material's worker (lunr): its index keeps whole words (its Russian pipeline has no
   stemmer, since its prefix queries would skip one), so the query's words become their
   family's stems and Material's prefix search («подтип*») meets every form. Zensical's
   worker has no lunr: it passes every word of the index and of the query through one
   transform, which starts with word.normalize("NFKD"); that call, in this worker only,
   returns the word's family key. Zensical wants every word of a query in one section, so a
   question is also asked word by word, and everything found is ranked by search-words.js. */
(() => {
  "use strict";

  const { normalise, stem, key, learn, read, rank } = searchWords;
  // Zensical's answers name items by their place in the index; Material's carry locations.
  let items = [];
  let owners = []; // item -> the item of the section it belongs to (see learn())
  // Material's query syntax, kept as typed: quotes, +, -, ^, ~, * and field:.
  const SYNTAX = /["+\-^~*:]/;

  // Stop words of lunr's pipelines too, where lunr is loaded (Material).
  function stopWord(word) {
    const { lunr } = self;
    const filters = [lunr.stopWordFilter, lunr.ru && lunr.ru.stopWordFilter].filter(Boolean);
    return filters.some((filter) => filter(new lunr.Token(word)) === undefined);
  }
  // Material: each word as the alternatives of its family; a query with Material's own
  // syntax only has its words stemmed in place.
  const rewrite = (query) => {
    if (SYNTAX.test(query)) {
      const words = query.replace(/[\p{L}\p{N}]+/gu, (word) => {
        const w = normalise(word);
        return stopWord(w) ? "" : stem(w);
      });
      return words.trim() ? words : query;
    }
    const words = read(query).filter((w) => !stopWord(normalise(w.raw)));
    // A query of small words alone is left as typed, so the reader still sees results.
    return words.length ? words.map((w) => w.alike.join(" ")).join(" ") : query;
  };

  // Zensical: the query's words together, then each word alone. Zensical wants every word
  // of a query in one section, so a question whose page words it differently finds little;
  // the sections holding any of its words are then ranked by how much of it they hold
  // (rank()). Its worker answers a query at once, by postMessage, which is caught here to
  // merge the answers.
  function askZensical(event) {
    const words = read(event.data.data.input);
    const post = self.postMessage;
    const ask = (input) => {
      let reply = null;
      self.postMessage = (message) => { reply = message; };
      try {
        self.onmessage({ data: { ...event.data, data: { ...event.data.data, input } } });
      } finally {
        self.postMessage = post;
      }
      return reply;
    };
    const answer = ask(words.map((w) => w.raw).join(" ") || event.data.data.input);
    for (const word of words.length > 1 ? words : []) {
      const more = ask(word.raw);
      if (!answer || answer.type !== 3 || !more || more.type !== 3) break;
      const ids = new Set(answer.data.items.map((item) => item.id));
      answer.data.items.push(...more.data.items.filter((item) => !ids.has(item.id)));
    }
    if (answer && answer.type === 3) {
      const query = event.data.data.input;
      // Each subsection found stands for its section, once.
      const found = new Set();
      const sectionsFound = [];
      for (const item of answer.data.items) {
        const id = owners[item.id] ?? item.id;
        if (!found.has(id)) sectionsFound.push({ ...item, id }) && found.add(id);
      }
      const ranked = rank(query, sectionsFound, (item) => (items[item.id] || {}).location);
      // One page once among the first results, as Material groups them: its other sections
      // follow the best section of every page found.
      const page = (item) => String((items[item.id] || {}).location).split("#")[0];
      const seen = new Set();
      const first = ranked.filter((item) => !seen.has(page(item)) && seen.add(page(item)));
      answer.data.items = [...first, ...ranked.filter((item) => !first.includes(item))];
    }
    post.call(self, answer);
  }

  // Material answers by postMessage with one group of results per page. Each subsection
  // found stands for its section (see learn()), the sections of a group and then the groups
  // are put in rank()'s order for the query as the reader typed it.
  let asked = "";
  let byLocation = new Map();
  const sectionOf = (doc) => {
    const i = byLocation.get(doc.location);
    const owner = owners[i];
    return owner === undefined || owner === i ? doc : { ...items[owner], score: doc.score, terms: doc.terms };
  };
  function rankMaterial(groups) {
    const ranked = groups.map((group) => {
      const seen = new Set();
      const sections = group.map(sectionOf).filter((doc) => !seen.has(doc.location) && seen.add(doc.location));
      return rank(asked, sections, (doc) => doc.location);
    });
    return rank(asked, ranked, (group) => group[0] && group[0].location);
  }
  const materialPost = self.postMessage;
  self.postMessage = function postMessage(message, ...rest) {
    if (self.lunr && message && message.type === 3 && message.data && Array.isArray(message.data.items)) {
      message.data.items = rankMaterial(message.data.items);
    }
    return materialPost.call(this, message, ...rest);
  };

  // Registered before the builder's worker, so it sees each message first and may edit it.
  self.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || typeof message !== "object") return;
    // Set-up: the index, read once for the words it holds (Material: docs; Zensical: items).
    if (message.type === 0 && message.data) {
      items = message.data.docs || message.data.items || [];
      owners = learn(items);
      byLocation = new Map(items.map((item, i) => [item.location, i]));
    }
    if (message.type !== 2) return;
    if (self.lunr && typeof message.data === "string") {
      asked = message.data;
      message.data = rewrite(message.data);
    }
    else if (!self.lunr && message.data && typeof message.data.input === "string" && self.onmessage) {
      event.stopImmediatePropagation();
      askZensical(event);
    }
  });

  // The offline copy opened from file:// runs this file in an iframe instead (Material's
  // offline plugin and the iframe-worker shim): there the file's own address is its
  // <script> element's, importScripts returns a promise, and Material looks for its lunr
  // folder beside the frame's first script[src], which must be its own worker: this one leaves.
  const script = self.document && self.document.currentScript;
  const here = script ? script.src : self.location.href;
  if (script) script.remove();
  const material = new URL(here).searchParams.get("worker").split("?")[0];
  const loaded = self.importScripts(new URL(`../workers/${material}`, here).href);

  // The index side under Material: it builds its index with lunr.multiLanguage(), loaded
  // on setup. Wrapping it puts the normaliser first in the indexing pipeline.
  const teachLunr = (lunr) => {
    const indexWord = (token) => token.update((word) => normalise(word));
    lunr.Pipeline.registerFunction(indexWord, "bp-normalise");
    let multi;
    Object.defineProperty(lunr, "multiLanguage", {
      configurable: true,
      set(fn) { multi = fn; },
      get() {
        return multi && ((...langs) => {
          const plugin = multi(...langs);
          return function (builder) {
            plugin.call(this, builder);
            this.pipeline._stack.unshift(indexWord);
            this.searchPipeline._stack.unshift(indexWord);
          };
        });
      },
    });
  };
  // Both sides under Zensical: its one word transform is word.normalize("NFKD").toLowerCase(),
  // for the index and the query alike. A word made only of punctuation keeps its own form.
  const teachZensical = () => {
    const nativeNormalize = String.prototype.normalize;
    String.prototype.normalize = function normalize(form) {
      const word = String(this);
      if (form !== "NFKD") return nativeNormalize.call(word, form);
      const normal = normalise(nativeNormalize.call(word, "NFC"));
      return normal ? key(stem(normal)) : nativeNormalize.call(word, form);
    };
  };
  const teach = () => (self.lunr ? teachLunr(self.lunr) : teachZensical());
  if (loaded && loaded.then) loaded.then(teach);
  else teach();
})();
