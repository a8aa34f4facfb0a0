// The posting rows of a transaction: add one, remove one. Without this script the form still
// works with the rows it was given; unused rows are ignored by the server.
(function () {
  "use strict";

  function setup(container) {
    const prefix = container.dataset.prefix;
    const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    const template = document.getElementById("posting-template");
    const add = document.querySelector("[data-posting-add]");
    if (!total || !template || !add) {
      return;
    }

    function rowCount() {
      return container.querySelectorAll("[data-posting-row]").length;
    }

    function refreshRemoveButtons() {
      const many = rowCount() > 2;
      container.querySelectorAll("[data-posting-remove]").forEach(function (button) {
        button.hidden = !many;
      });
    }

    container.addEventListener("click", function (event) {
      const button = event.target.closest("[data-posting-remove]");
      if (!button) {
        return;
      }
      const row = button.closest("[data-posting-row]");
      const next = row.nextElementSibling || row.previousElementSibling;
      // The row's index stays unused: the server skips a row with no data.
      row.remove();
      refreshRemoveButtons();
      const focusable = next && next.querySelector("select, input");
      if (focusable) {
        focusable.focus();
      }
    });

    add.addEventListener("click", function () {
      const index = parseInt(total.value, 10);
      const html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(rowCount() + 1));
      container.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      refreshRemoveButtons();
      const first = container.lastElementChild.querySelector("select, input");
      if (first) {
        first.focus();
      }
    });

    add.hidden = false;
    refreshRemoveButtons();
  }

  document.querySelectorAll("[data-postings]").forEach(setup);
})();
