// The speaker's clock: counted from the time the server gave the floor (data-started, in
// seconds since the epoch, with the server's "now" in data-now to correct this device's
// clock), against the time limit (data-limit, seconds; 0 for none). Reloading shows the same
// time: nothing is counted on this device but the seconds since the page was served.
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(seconds) {
    var sign = seconds < 0 ? "−" : "";
    seconds = Math.abs(seconds);
    return sign + Math.floor(seconds / 60) + ":" + pad(seconds % 60);
  }
  document.querySelectorAll("[data-clock]").forEach(function (el) {
    var started = Number(el.dataset.started), served = Number(el.dataset.now);
    var limit = Number(el.dataset.limit), warn = Number(el.dataset.warn || 30);
    var loaded = Date.now() / 1000;
    var out = el.querySelector("[data-clock-value]");
    function tick() {
      var elapsed = Math.floor(served + (Date.now() / 1000 - loaded) - started);
      var value = limit ? limit - elapsed : elapsed;
      out.textContent = show(value);
      el.classList.toggle("clock-warning", !!limit && value > 0 && value <= warn);
      el.classList.toggle("clock-over", !!limit && value <= 0);
    }
    tick();
    setInterval(tick, 1000);
  });
})();
