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
  // A confirmation step takes the focus to its heading, so the question is read first.
  const question = document.querySelector(".confirmation [data-focus]");
  if (question && !summary) question.focus();
  // A form marked data-working cannot be sent twice: its button says it is working and is
  // disabled once the browser has read its value (a disabled button would not be sent).
  document.body.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-working]");
    if (!form) return;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "true";
    form.setAttribute("aria-busy", "true");
    const button = event.submitter || form.querySelector("button[type=submit]");
    if (button) {
      button.classList.add("working");
      setTimeout(() => { button.disabled = true; }, 0);
    }
  });
  // A page brought back from the cache (the back button) has its forms usable again.
  window.addEventListener("pageshow", () => {
    for (const form of document.querySelectorAll("form[data-working][data-sent]")) {
      delete form.dataset.sent;
      form.removeAttribute("aria-busy");
      for (const button of form.querySelectorAll("button.working")) {
        button.disabled = false;
        button.classList.remove("working");
      }
    }
  });
  // The menu's groups: one open at a time; Escape or a click elsewhere closes it.
  const groups = document.querySelectorAll(".mainnav details.navgroup");
  for (const group of groups) {
    group.addEventListener("toggle", () => {
      if (!group.open) return;
      for (const other of groups) if (other !== group) other.open = false;
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = document.querySelector(".mainnav details.navgroup[open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
  document.addEventListener("click", (event) => {
    for (const group of groups) if (group.open && !group.contains(event.target)) group.open = false;
  });
  // A long multiple choice (countries, recipients) gets a search box above it: typing hides
  // the options that do not match (the chosen ones stay). Without JavaScript: the list alone.
  for (const select of document.querySelectorAll("select[multiple][data-search]")) {
    const search = document.createElement("input");
    search.type = "search";
    search.className = "select-search";
    search.setAttribute("aria-label", select.dataset.search);
    search.setAttribute("aria-controls", select.id);
    search.placeholder = select.dataset.search;
    const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    search.addEventListener("input", () => {
      const wanted = fold(search.value.trim());
      for (const option of select.options) {
        option.hidden = Boolean(wanted) && !option.selected && !fold(option.text).includes(wanted);
      }
    });
    select.before(search);
  }
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
});
