// The bank import status page: ask for the progress every second, reload when finished.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("import-bar");
  var text = document.getElementById("import-progress-text");
  var template = box.getAttribute("data-progress-text") || "";
  // The page polls by itself: the "reload this page" hint is for browsers without script.
  Array.prototype.forEach.call(box.querySelectorAll(".no-js-only"), function (hint) {
    hint.hidden = true;
  });

  function show(state) {
    if (state.total) {
      bar.max = state.total;
      bar.value = state.done;
      bar.textContent = state.done + " / " + state.total;
      if (template) {
        text.textContent = template.replace("%(done)s", state.done).replace("%(total)s", state.total);
      }
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (!state) {
          return;
        }
        if (state.finished) {
          window.location.reload();
          return;
        }
        show(state);
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 500);
})();
