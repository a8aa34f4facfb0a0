// Counterparty fields: suggestions from the server as the treasurer types (the datalist); without
// script, the typed name or slug is found by the server when the form is sent.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("input[data-search-url]"), function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-search-url");
    var timer = null;
    var asked = "";
    if (!list || !url) {
      return;
    }
    function fill(names) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    }
    function suggest() {
      var text = input.value.trim();
      window.clearTimeout(timer);
      if (text.length < 2 || text === asked) {
        return;
      }
      timer = window.setTimeout(function () {
        asked = text;
        fetch(url + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            fill(data.results.map(function (item) { return item.label; }));
          })
          .catch(function () {});
      }, 200);
    }
    input.addEventListener("input", suggest);
    // Typed before this script ran (a slow page): suggest for what is already there.
    if (document.activeElement === input) {
      suggest();
    }
  });
})();
