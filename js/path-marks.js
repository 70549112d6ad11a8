/* «Прочитано» at the end of each page of the route, a line at its top for a page already
   read (or changed since), and marks in the navigation: read, changed since read, unread —
   a sign and words for screen readers, never colour alone. The pages' fingerprints come
   from the page (data-bp-route); pages without them use the last ones seen. */
(() => {
  "use strict";
  const { store, $, $$, words, reveal, mount, notice } = window.bp;
  const P = window.bpPath;
  const CACHE = "bp:route-pages";
  const SIGN = { read: "✓", changed: "↻", unread: "○" };

  // A page's address as the navigation's links have it: no «index.html», no query or hash.
  const address = (url) => {
    const u = new URL(url, location.href);
    return u.origin + u.pathname.replace(/index\.html$/, "");
  };

  // The route's pages here (address -> {src, hash}) and the navigation's words, from this
  // page or as the last page holding them left them.
  function routePages() {
    const holder = $(document, "[data-bp-route]");
    let kept = null;
    if (holder) {
      try {
        const route = JSON.parse(holder.dataset.bpRoute);
        const list = route.pages ? Object.entries(route.pages).map(([src, [url, hash]]) => [src, url, hash])
          : route.stages.flatMap((s) => s.pages.map((p) => [p.src, p.url, p.hash]));
        const say = words(holder);
        kept = { pages: list.map(([src, url, hash]) => [address(url), src, hash]),
          names: { read: say("navRead"), changed: say("navChanged"), unread: say("navUnread") } };
        store.set(CACHE, kept); // if it cannot be kept, pages without a route show no marks
      } catch { kept = null; }
    }
    if (!kept) kept = store.get(CACHE);
    const pages = new Map();
    const list = kept && Array.isArray(kept.pages) ? kept.pages : [];
    list.forEach((p) => {
      if (Array.isArray(p) && p.length === 3 && p.every((x) => typeof x === "string")) pages.set(p[0], { src: p[1], hash: p[2] });
    });
    const names = kept && kept.names && typeof kept.names === "object" ? kept.names : {};
    return { pages, names: (state) => (typeof names[state] === "string" ? names[state] : "") };
  }

  function navMarks() {
    const { pages, names } = routePages();
    $$(document, ".bp-nav-state").forEach((el) => el.remove());
    if (!pages.size) return;
    const marks = P.marks();
    $$(document, ".md-nav__link[href]").forEach((link) => {
      // A link to a section of a page (its table of contents) is not the page.
      const page = new URL(link.href).hash ? null : pages.get(address(link.href));
      if (!page) return;
      const state = P.pageState(marks.get(page.src), page.hash);
      const mark = Object.assign(document.createElement("span"), { className: `bp-nav-state bp-nav-state--${state}` });
      const sign = Object.assign(document.createElement("span"), { textContent: SIGN[state] });
      sign.setAttribute("aria-hidden", "true");
      mark.append(sign, Object.assign(document.createElement("span"), { className: "bp-sr", textContent: ` (${names(state)})` }));
      (link.querySelector(".md-ellipsis") || link).append(mark);
    });
  }

  function readMark(root) {
    const say = words(root);
    const src = root.dataset.bpRead;
    const hash = root.dataset.bpHash;
    const button = $(root, "[data-bp-mark]");
    const status = $(root, "[data-bp-read-status]");
    reveal(root);

    // The line under the page's title: when it was read, or that it changed since.
    function top(mark, state) {
      let note = $(document, "[data-bp-read-state]");
      if (state === "unread") { if (note) note.remove(); return; }
      if (!note) {
        note = Object.assign(document.createElement("p"), { className: "bp-read-state" });
        note.dataset.bpReadState = "";
        note.setAttribute("role", "note");
        const title = $(document, ".md-content h1");
        if (title) title.after(note); else root.before(note);
      }
      note.classList.toggle("bp-read-state--changed", state === "changed");
      note.textContent = say(state === "read" ? "readOn" : "changed", { date: P.spoken(mark.at) });
    }

    function show() {
      const mark = P.marks().get(src);
      const state = P.pageState(mark, hash);
      button.setAttribute("aria-pressed", String(state === "read"));
      button.textContent = state === "read" ? say("read") : state === "changed" ? say("markAgain") : say("markRead");
      button.title = state === "read" ? say("unmark") : "";
      top(mark, state);
      if (P.setAside()) notice(root, "aside", say("setAside"));
      return state;
    }

    button.addEventListener("click", () => {
      const wasRead = show() === "read";
      const kept = P.setMark(src, wasRead ? null : hash);
      const state = show();
      status.textContent = !kept ? say("notSaved") : state === "read" ? say("marked", { date: P.spoken(P.day()) }) : "";
      navMarks();
    });
    show();
  }

  mount("[data-bp-read]", readMark);
  // Every page, on load and after each page swap: the navigation is drawn anew each time.
  mount("body", navMarks);
})();
