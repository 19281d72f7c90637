// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // A page that comes back with errors takes the focus to their summary, so it is read first.
  const summary = document.getElementById("error-summary-title");
  if (summary) {
    summary.focus();
    // A page reached at a fragment (the form's action ends in #add) moves the focus to the
    // fragment's target, or drops it to the body, after this ran: take it back once loaded,
    // unless the user has already moved it.
    window.addEventListener("load", () => {
      if (document.activeElement === document.body) summary.focus();
    });
  }
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) event.detail.headers["X-CSRFToken"] = token.value;
  });
  // After an htmx swap, the element the answer marks with data-focus takes the focus (the
  // ballot's row heading or its error), so keyboard and screen reader users land on the news.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target.querySelector("[data-focus]");
    if (target) target.focus();
  });
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
});
