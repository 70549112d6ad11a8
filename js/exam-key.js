/* The exam's key (right answers, explanations, links): sealed for practice, locked with the
   trainer's passphrase for trainer marking (macros/exam/page.py and lock.py make them). */
window.bpKey = (() => {
  "use strict";
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const inflate = async (data) =>
    JSON.parse(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"))).text());
  // The inverse of seal() in macros/exam/page.py: base64, XOR with the bank version, then zlib.
  const unseal = (sealed, secret) => inflate(bytes(sealed).map((b, i) => b ^ secret.charCodeAt(i % secret.length)));
  // The inverse of Lock.lock() in macros/exam/lock.py; null when the passphrase is not the one.
  async function unlock(locked, passphrase) {
    const [, iterations, salt, nonce, data] = locked.split(".");
    const subtle = crypto.subtle;
    const base = await subtle.importKey("raw", new TextEncoder().encode(passphrase.trim().normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
    const key = await subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt: bytes(salt), iterations: +iterations },
      base, { name: "AES-GCM", length: 256 }, false, ["decrypt"],
    );
    let plain;
    try { plain = await subtle.decrypt({ name: "AES-GCM", iv: bytes(nonce) }, key, bytes(data)); } catch { return null; }
    return inflate(new Uint8Array(plain));
  }
  // The key's text in the widget, or fetched from the results page that data-bp-key-from
  // names (macros/render.py says why), read from the results widget's opening tag as text
  // rather than by parsing the whole page. Base64 holds no quote or '>'.
  async function carried(root, cfg, attr) {
    if (root.getAttribute(attr)) return [root.getAttribute(attr), location.href];
    const from = new URL(root.dataset.bpKeyFrom, location.href).href;
    const response = await fetch(from);
    if (!response.ok) throw new Error(String(response.status));
    const page = await response.text();
    const at = page.indexOf(` data-bp-results="${cfg.bank}"`);
    const found = at < 0 ? null : new RegExp(` ${attr}="([A-Za-z0-9+/=.-]+)"`).exec(page.slice(at, page.indexOf(">", at)));
    if (!found) throw new Error("no key");
    return [found[1], from];
  }
  // Links in the key are relative to the page that carried it. Explanations are parsed only
  // when they hold a link, which few do.
  const absolute = (key, base) => {
    const at = (href) => new URL(href, base).href;
    key.questions.forEach((q) => {
      if (q.link) q.link = at(q.link);
      if (!q.explanation.includes("href=")) return;
      const html = document.createElement("template");
      html.innerHTML = q.explanation;
      html.content.querySelectorAll("a[href]").forEach((a) => a.setAttribute("href", at(a.getAttribute("href"))));
      q.explanation = html.innerHTML;
    });
    return key;
  };
  // The sealed key of a practice exam or its results page, or null once the widget's
  // no-script note says why not: no DecompressionStream; not fetched; did not open.
  async function open(root, cfg) {
    const note = root.querySelector("[data-bp-nojs]");
    const say = window.bp.words(root);
    if (!window.DecompressionStream) {
      note.textContent = say("cannotOpen");
      return null;
    }
    try {
      if (!root.dataset.bpKey) note.textContent = say("keyLoading");
      const [sealed, base] = await carried(root, cfg, "data-bp-key");
      return absolute(await unseal(sealed, cfg.version), base);
    } catch {
      note.textContent = say("keyMissing");
      return null;
    }
  }
  // The locked key opened with a passphrase: {key} when it opens, {problem} (a word of the
  // widget) when it does not: a wrong passphrase, a browser without WebCrypto, no key.
  async function openLocked(root, cfg, passphrase) {
    if (!passphrase.trim()) return { problem: "unlockEmpty" };
    if (!window.DecompressionStream || !(window.crypto && crypto.subtle)) return { problem: "cannotUnlock" };
    let locked;
    try { locked = await carried(root, cfg, "data-bp-locked"); } catch { return { problem: "keyMissing" }; }
    try {
      const key = await unlock(locked[0], passphrase);
      return key ? { key: absolute(key, locked[1]) } : { problem: "unlockWrong" };
    } catch {
      return { problem: "unlockWrong" };
    }
  }
  // The passphrase form of a widget (exam.html, exam-results.html include unlock.html):
  // says what is wrong in its status line, or hands the opened key to done().
  function unlockWith(form, root, cfg, done) {
    const say = window.bp.words(root);
    const status = form.querySelector("[data-bp-unlock-status]");
    const field = form.querySelector("[data-bp-pass]");
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      status.textContent = say("unlocking");
      const opened = await openLocked(root, cfg, field.value);
      field.value = "";
      if (!opened.key) { status.textContent = say(opened.problem); field.focus(); return; }
      status.textContent = "";
      done(opened.key);
    });
  }
  return { open, openLocked, unlockWith };
})();
