// The public site's only script (no inline handlers: the Content-Security-Policy forbids them).
// <select data-autosubmit> submits its form when the choice changes (the search page's sort).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  }
});

// Legal units (templates/blocks/legal_unit.html): <button data-copy-link="#มาตรา-26" hidden>
// copies the address of that มาตรา/ข้อ (this page + the fragment), says "คัดลอกแล้ว" for 2 s
// and announces it in a polite live region. The buttons are hidden until this script runs,
// so a page without JavaScript shows no button that does nothing.
(() => {
  const buttons = document.querySelectorAll("[data-copy-link]");
  if (!buttons.length) return;
  buttons.forEach((button) => {
    button.hidden = false;
  });

  // The live region exists before the first announcement (some screen readers ignore a
  // region that appears together with its text).
  let status = document.querySelector("[data-copy-status]");
  if (!status) {
    status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-copy-status", "");
    document.body.append(status);
  }
  const announce = (message) => {
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message; // re-set, so the same message is read again
    }, 100);
  };

  const copyWithSelection = (text, returnFocusTo) => {
    const input = document.createElement("input");
    input.className = "copy-buffer";
    input.value = text;
    input.setAttribute("readonly", "");
    input.setAttribute("aria-hidden", "true");
    input.tabIndex = -1;
    document.body.append(input);
    input.select();
    input.setSelectionRange(0, text.length);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    input.remove();
    returnFocusTo.focus({ preventScroll: true });
    return copied;
  };

  const copy = async (text, button) => {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // permission refused, or no user activation left: try the old way
      }
    }
    return copyWithSelection(text, button);
  };

  const timers = new WeakMap();
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-copy-link]");
    if (!button) return;
    const id = button.getAttribute("data-copy-link").replace(/^#/, "");
    // Encoded: a Thai fragment pasted into mail or chat then stays part of the link.
    const url = location.origin + location.pathname + location.search + "#" + encodeURIComponent(id);
    const copied = await copy(url, button);
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = copied ? "คัดลอกแล้ว" : "คัดลอกไม่สำเร็จ";
    // "คัดลอกลิงก์ไปยังมาตรา ๒๖ แล้ว": the unit's name is the button's aria-label.
    const name = button.getAttribute("aria-label") || "คัดลอกลิงก์";
    announce(copied ? `${name} แล้ว` : `${name} ไม่สำเร็จ`);
    window.clearTimeout(timers.get(button));
    timers.set(
      button,
      window.setTimeout(() => {
        button.textContent = button.dataset.label;
      }, 2000),
    );
  });
})();
