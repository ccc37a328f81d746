// Text size (ก- / ก / ก+ in the header): a class text-size-1..3 on <html>, kept in this
// browser's localStorage (no cookie, nothing sent to the server). Loaded in <head> without
// defer, so the stored size is applied before the page is drawn (no flash of small text);
// the buttons are wired once the document is parsed. An external file: the
// Content-Security-Policy forbids inline scripts.
(() => {
  const KEY = "kb-text-size";
  const SIZES = ["1", "2", "3"];
  const root = document.documentElement;

  const stored = () => {
    try {
      const value = window.localStorage.getItem(KEY);
      return SIZES.includes(value) ? value : "1";
    } catch {
      return "1"; // storage blocked (privacy settings): the default size
    }
  };

  const apply = (size) => {
    SIZES.forEach((s) => root.classList.toggle(`text-size-${s}`, s === size));
  };

  apply(stored());

  const wire = () => {
    const group = document.querySelector("[data-text-size-controls]");
    if (!group) return;
    const buttons = group.querySelectorAll("[data-text-size]");
    const show = (size) => {
      buttons.forEach((button) => {
        button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
      });
    };
    show(stored());
    group.hidden = false; // shown only when it works
    group.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-text-size]") : null;
      if (!button || !SIZES.includes(button.dataset.textSize)) return;
      const size = button.dataset.textSize;
      apply(size);
      show(size);
      try {
        if (size === "1") window.localStorage.removeItem(KEY);
        else window.localStorage.setItem(KEY, size);
      } catch {
        // not stored: the size holds for this page only
      }
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
