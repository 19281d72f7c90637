// Live pages of a sitting (the room's projector, the delegates' page; the Chair's console is
// below): the part in [data-live] is replaced by what the server sends on its Server-Sent Events stream
// (data-stream) each time the sitting changes. EventSource reconnects by itself, sending the
// id of the last change it received (Last-Event-ID): the server then sends the state again
// only if it changed meanwhile.
//
// The speaker's clock ([data-clock]) counts from the time the server gave the floor
// (data-started, seconds since the epoch) on the server's clock: each message carries the
// server's time, which corrects this device's clock (data-now on the page when it loads).
(function () {
  "use strict";
  var offset = 0; // the server's time minus this device's, in seconds
  var RETRY_REFUSED_MS = 30000;
  function deviceNow() { return Date.now() / 1000; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(seconds) {
    var sign = seconds < 0 ? "−" : "";
    seconds = Math.abs(seconds);
    return sign + Math.floor(seconds / 60) + ":" + pad(seconds % 60);
  }
  function tick() {
    var now = deviceNow() + offset;
    document.querySelectorAll("[data-clock]").forEach(function (el) {
      var limit = Number(el.dataset.limit), warn = Number(el.dataset.warn || 30);
      var elapsed = Math.max(0, Math.floor(now - Number(el.dataset.started)));
      var value = limit ? limit - elapsed : elapsed;
      var out = el.querySelector("[data-clock-value]");
      if (out) { out.textContent = show(value); }
      el.classList.toggle("clock-warning", !!limit && value > 0 && value <= warn);
      el.classList.toggle("clock-over", !!limit && value <= 0);
    });
  }

  // The delegate's own part (#ask-section: their place, "Withdraw"): fetched again, from the
  // page itself, only when their own entries in the list changed.
  function mine(box, me) {
    return Array.prototype.map.call(box.querySelectorAll('[data-person="' + me + '"]'),
      function (row) { return row.textContent; }).join("|");
  }
  function refreshOwnPart() {
    var section = document.getElementById("ask-section");
    if (!section) { return; }
    fetch(window.location.href, {credentials: "same-origin"}).then(function (answer) {
      return answer.ok ? answer.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("ask-section");
      if (fresh && !section.contains(document.activeElement)) { section.replaceWith(fresh); }
    });
  }

  // The Chair's console ([data-live][data-fragment]): the stream only says that the sitting
  // changed; the console's own parts ([data-console-part]: its state and toolbar, the floor,
  // the list, the notes, the log) are fetched again from data-fragment, with the console's
  // own session and permission. What the clerk is typing or choosing is kept (a control whose
  // value differs from the one the page was served with keeps it), and so is the keyboard
  // focus (the same control in the new part, else the part's heading). Screen readers hear
  // that the console changed ([data-live-announce], aria-live polite).
  function focusKey(el) {
    if (!el || el === document.body) { return null; }
    if (el.id) { return "#" + CSS.escape(el.id); }
    if (el.dataset && el.dataset.focusKey) { return "[data-focus-key=\"" + el.dataset.focusKey + "\"]"; }
    if (el.name) { return "[name=\"" + el.name + "\"][value=\"" + (el.value || "") + "\"]"; }
    return null;
  }
  function dirty(control) {
    if (control.type === "checkbox" || control.type === "radio") {
      return control.checked !== control.defaultChecked;
    }
    if (control.tagName === "SELECT") {
      return Array.prototype.some.call(control.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    if (control.type === "hidden" || control.type === "submit" || control.type === "button") {
      return false;
    }
    return control.value !== control.defaultValue;
  }
  function keepTyping(old, fresh) {
    var unsaved = [];
    old.querySelectorAll("input[id], textarea[id], select[id]").forEach(function (control) {
      if (!dirty(control)) { return; }
      var twin = fresh.querySelector("#" + CSS.escape(control.id));
      if (!twin || twin.tagName !== control.tagName) { return; }
      if (control.type === "checkbox" || control.type === "radio") {
        twin.checked = control.checked;
      } else if (control.tagName === "SELECT") {
        if (twin.querySelector("option[value=\"" + CSS.escape(control.value) + "\"]")) {
          twin.value = control.value;
        }
      } else {
        // not saved yet (notes are saved as they are typed): the new box saves it
        if (twin.defaultValue !== control.value) { unsaved.push(twin); }
        twin.value = control.value;
      }
    });
    return unsaved;
  }
  function swapParts(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var active = document.activeElement, key = focusKey(active), selection = null;
    if (active && typeof active.selectionStart === "number") {
      try { selection = [active.selectionStart, active.selectionEnd]; } catch (e) { selection = null; }
    }
    var refocus = null;
    fresh.querySelectorAll("[data-console-part]").forEach(function (part) {
      var old = document.querySelector("[data-console-part=\"" + part.dataset.consolePart + "\"]");
      if (!old) { return; }
      var node = document.importNode(part, true);
      var unsaved = keepTyping(old, node);
      var hadFocus = active && old.contains(active);
      old.replaceWith(node);
      if (window.htmx) { window.htmx.process(node); }
      unsaved.forEach(function (control) {
        control.dispatchEvent(new Event("input", {bubbles: true}));
      });
      if (hadFocus) {
        refocus = (key && node.querySelector(key)) || node.querySelector("h2[tabindex]");
      }
    });
    if (refocus) {
      refocus.focus();
      if (selection && refocus.setSelectionRange) {
        try { refocus.setSelectionRange(selection[0], selection[1]); } catch (e) { /* not text */ }
      }
    }
    return fresh.querySelector("[data-console-version]");
  }
  function announce() {
    var region = document.querySelector("[data-live-announce]");
    if (!region) { return; }
    region.textContent = "";
    setTimeout(function () { region.textContent = region.dataset.text; }, 50);
  }
  function refreshConsole(box, version) {
    if (Number(version) <= Number(box.dataset.version || 0)) { return; }
    if (box.dataset.fetching) { box.dataset.wanted = version; return; }
    box.dataset.fetching = "true";
    fetch(box.dataset.fragment, {credentials: "same-origin"}).then(function (answer) {
      return answer.ok ? answer.text() : null;
    }).then(function (html) {
      if (html) {
        var root = swapParts(html);
        var shown = root ? Number(root.dataset.consoleVersion) : Number(version);
        box.dataset.version = Math.max(shown, Number(box.dataset.version || 0));
        tick();
        announce();
      }
    }).finally(function () {
      delete box.dataset.fetching;
      var wanted = box.dataset.wanted;
      delete box.dataset.wanted;
      if (wanted) { refreshConsole(box, wanted); }
    });
  }

  function connect(box) {
    var status = document.querySelector("[data-live-status] span");
    var section = document.getElementById("ask-section");
    var me = section ? section.dataset.me : "";
    var before = me ? mine(box, me) : "";
    var url = box.dataset.stream + (box.dataset.version ? "&since=" + box.dataset.version : "");
    var source = new EventSource(url);
    var lost = null;
    source.addEventListener("changed", function (event) {
      var message = JSON.parse(event.data);
      offset = message.now - deviceNow();
      if (box.dataset.fragment) { refreshConsole(box, message.version); return; }
      box.innerHTML = message.html; // rendered by the server's templates (escaped there)
      box.dataset.version = message.version;
      tick();
      if (me) {
        var after = mine(box, me);
        if (after !== before) { before = after; refreshOwnPart(); }
      }
    });
    source.addEventListener("open", function () {
      box.dataset.connected = "true";
      clearTimeout(lost);
      lost = null;
      if (status) { status.hidden = true; }
    });
    source.addEventListener("error", function () {
      delete box.dataset.connected;
      // a stream ends every few minutes and EventSource comes back by itself: say so only
      // if it has not within a few seconds
      if (lost === null) {
        lost = setTimeout(function () { if (status) { status.hidden = false; } }, 6000);
      }
      // Refused (this login holds the most live pages it may: 429), EventSource gives up
      // for good: try again later, when one of the others may have closed.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(function () { connect(box); }, RETRY_REFUSED_MS);
      }
    });
  }

  document.querySelectorAll("[data-live]").forEach(function (box) {
    if (box.dataset.now) { offset = Number(box.dataset.now) - deviceNow(); }
    if (window.EventSource) { connect(box); }
  });
  tick();
  setInterval(tick, 1000);
})();
