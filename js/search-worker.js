/* The builder's search worker, taught Russian word forms. The page loads this file instead
   of the theme's worker (overrides/main.html); it loads that worker and adjusts it:
   - words are cut to their stems (russian-stem.js), so that a query finds every form:
     подтипы, подтипа, подтипов;
   - «ё» and «е» are one letter, and abbreviations written with Cyrillic look-alikes (В2В,
     SМM, ТАМ) match their Latin spelling, on the index and on the query alike.
   Material's worker (lunr): its index keeps whole words (its Russian pipeline has no
   stemmer, since its prefix queries would skip one), so the query's words are stemmed and
   Material's prefix search («подтип*») meets every form. Zensical's worker has no lunr: it
   passes every word of the index and of the query through one transform, which starts with
   word.normalize("NFKD"); that call, in this worker only, returns the normalised stem. */
(() => {
  "use strict";

  const LOOKALIKE = { а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x" };
  // The site's abbreviations that the Russian stop word list would otherwise drop.
  const ABBREVIATIONS = { там: "tam" };
  const CYRILLIC = /[а-яё]/;
  const LATIN_OR_DIGIT = /[a-z0-9]/;

  // One word as the index and the query both see it: lower case, «е» for «ё», and Latin
  // letters for Cyrillic look-alikes inside words that are written partly in Latin or with
  // digits (В2В, KРI).
  function normalise(word) {
    // Edges first, as Material's trimmer would do later: «(ТАМ)» is the word «там».
    let w = word.toLowerCase().replace(/ё/g, "е").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (ABBREVIATIONS[w]) return ABBREVIATIONS[w];
    if (CYRILLIC.test(w) && LATIN_OR_DIGIT.test(w) && [...w].every((c) => !CYRILLIC.test(c) || LOOKALIKE[c])) {
      w = [...w].map((c) => LOOKALIKE[c] || c).join("");
    }
    return w;
  }

  // Short words stay whole: a stem of two letters would match half the site.
  function stem(word) {
    if (!CYRILLIC.test(word) || word.length < 4) return word;
    const stemmed = russianStem(word);
    return stemmed.length >= 3 ? stemmed : word;
  }

  // Stop words go: Material turns every query word into a prefix («о*»), which would match
  // half the site. Query words keep Material's own markup: quotes, +, -, ^, ~ and *.
  function stopWord(word) {
    const { lunr } = self;
    const filters = [lunr.stopWordFilter, lunr.ru && lunr.ru.stopWordFilter].filter(Boolean);
    return filters.some((filter) => filter(new lunr.Token(word)) === undefined);
  }
  const rewrite = (query) => {
    const words = query.replace(/[\p{L}\p{N}]+/gu, (word) => {
      const w = normalise(word);
      return stopWord(w) ? "" : stem(w);
    });
    // A query of stop words alone is left as typed, so the reader still sees results.
    return words.trim() ? words : query;
  };

  // Registered before Material's worker, so it sees each message first and may edit it.
  self.addEventListener("message", (event) => {
    const message = event.data;
    // Zensical's worker is not lunr-based and speaks its own messages: leave them alone.
    if (!self.lunr) return;
    if (message && message.type === 2 && typeof message.data === "string") message.data = rewrite(message.data);
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
      return normal ? stem(normal) : nativeNormalize.call(word, form);
    };
  };
  const teach = () => (self.lunr ? teachLunr(self.lunr) : teachZensical());
  if (loaded && loaded.then) loaded.then(teach);
  else teach();
})();
