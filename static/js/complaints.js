// The complaint form: the contact fields step aside when "anonymous" is ticked (the server
// drops them anyway), and an error summary or result takes the focus so it is read first.
(function () {
  "use strict";
  var anonymous = document.getElementById("id_anonymous");
  var contact = document.querySelector("[data-complaint-contact]");
  function sync() {
    if (!anonymous || !contact) return;
    contact.hidden = anonymous.checked;
    contact.querySelectorAll("input, textarea").forEach(function (input) {
      input.disabled = anonymous.checked;
    });
  }
  if (anonymous && contact) {
    anonymous.setAttribute("aria-controls", contact.id);
    anonymous.addEventListener("change", sync);
    sync();
  }
  var first = document.getElementById("error-summary") || document.getElementById("too-many") ||
    document.getElementById("status-not-found") || document.getElementById("status-result");
  if (first) {
    if (!first.hasAttribute("tabindex")) first.setAttribute("tabindex", "-1");
    first.focus();
  }
})();
