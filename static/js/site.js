// The public site's only script (no inline handlers: the Content-Security-Policy forbids them).
// <select data-autosubmit> submits its form when the choice changes (the search page's sort).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  }
});
