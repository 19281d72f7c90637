// The check-in page: send each scan in the background with its own request id, show the
// answer, and get ready for the next one. Scans with the camera where the browser can read
// QR codes (BarcodeDetector); hand scanners type the code and press Enter. Without
// JavaScript the form still works (a full page answers).
(() => {
  "use strict";
  const DOOR_KEY = "tripartite.checkin.door";
  const SAME_CODE_PAUSE_MS = 3000;

  function newRequestId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function setup(form) {
    const token = form.querySelector("input[name=token]");
    const door = form.querySelector("input[name=door]");
    const requestId = form.querySelector("input[name=request_id]");
    const result = document.getElementById("scan-result");
    let busy = false;

    try {
      const saved = window.localStorage.getItem(DOOR_KEY);
      if (saved && !door.value) door.value = saved;
    } catch (e) { /* storage may be disabled */ }
    door.addEventListener("change", () => {
      try { window.localStorage.setItem(DOOR_KEY, door.value.trim()); } catch (e) { /* ignore */ }
    });

    function show(html) {
      result.innerHTML = html;
      const panel = result.firstElementChild;
      if (panel) {
        panel.classList.add("flash");
        result.dataset.result = panel.dataset.result || "";
      }
    }

    function showError(message) {
      const panel = document.createElement("div");
      panel.className = "scan-panel scan-error";
      panel.dataset.result = "error";
      panel.setAttribute("role", "alert");
      const text = document.createElement("p");
      text.className = "scan-status";
      text.textContent = message;
      panel.appendChild(text);
      result.replaceChildren(panel);
      result.dataset.result = "error";
    }

    async function send(body, attempt) {
      try {
        return await fetch(form.action, {
          method: "POST", body, credentials: "same-origin",
          headers: { "X-Requested-With": "fetch" },
        });
      } catch (error) {
        // A network hiccup: try once more with the same request id, which the server
        // answers as the first time if the first attempt did arrive.
        if (attempt < 2) return send(body, attempt + 1);
        throw error;
      }
    }

    async function submit() {
      if (!door.value.trim()) {
        // Say why nothing happened, and take the previous answer away so that it is not
        // mistaken for the answer to this scan.
        showError(form.dataset.doorMissing);
        door.setAttribute("aria-invalid", "true");
        door.focus();
        return;
      }
      door.removeAttribute("aria-invalid");
      if (busy || !token.value.trim()) return;
      busy = true;
      requestId.value = newRequestId();
      const body = new FormData(form);
      try {
        const response = await send(body, 1);
        show(await response.text());
      } catch (error) {
        showError(form.dataset.networkError);
      } finally {
        busy = false;
        token.value = "";
        token.focus();
      }
    }

    // The browser's own "fill in this field" bubble is not read by every screen reader and
    // leaves the last answer on screen: this page says what is missing itself.
    form.noValidate = true;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });
    form.dataset.ready = "true";

    setupCamera(form, token, submit);
  }

  function setupCamera(form, token, submit) {
    const button = document.getElementById("camera-toggle");
    const video = document.getElementById("camera");
    if (!button || !video || !("BarcodeDetector" in window)
        || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return; // typing or a hand scanner only
    }
    let detector;
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (e) {
      return;
    }
    let stream = null;
    let lastCode = "";
    let lastAt = 0;
    button.hidden = false;

    async function loop() {
      if (!stream) return;
      try {
        const codes = await detector.detect(video);
        const now = Date.now();
        if (codes.length && (codes[0].rawValue !== lastCode || now - lastAt > SAME_CODE_PAUSE_MS)) {
          lastCode = codes[0].rawValue;
          lastAt = now;
          token.value = lastCode;
          submit();
        }
      } catch (e) { /* a frame that could not be read */ }
      window.setTimeout(loop, 200);
    }

    function stop() {
      if (stream) stream.getTracks().forEach((track) => track.stop());
      stream = null;
      video.hidden = true;
      button.textContent = form.dataset.cameraStart;
    }

    button.addEventListener("click", async () => {
      if (stream) { stop(); token.focus(); return; }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment" }, audio: false });
        video.srcObject = stream;
        video.hidden = false;
        await video.play();
        button.textContent = form.dataset.cameraStop;
        loop();
      } catch (e) {
        stop();
        const message = form.dataset.cameraError;
        const panel = document.getElementById("scan-result");
        panel.textContent = message;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("checkin-form");
    if (form) setup(form);
  });
})();
