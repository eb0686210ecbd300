// policykg workbench: click a fact to mark its words in the source; collect review corrections.
// Document text is only ever read and written as text (textContent, form values), never as HTML.
(function () {
  "use strict";
  var source = document.getElementById("source");

  function show(key) {
    document.querySelectorAll("#source .hit").forEach(function (el) { el.classList.remove("hit"); });
    document.querySelectorAll(".measure.active").forEach(function (el) { el.classList.remove("active"); });
    if (!source) return;
    var pieces = source.querySelectorAll('[data-f~="' + CSS.escape(key) + '"]');
    pieces.forEach(function (el) { el.classList.add("hit"); });
    if (pieces.length) pieces[0].scrollIntoView({block: "center"});
  }

  document.querySelectorAll("button.fact").forEach(function (button) {
    button.addEventListener("click", function () {
      show(button.dataset.key);
      var measure = button.closest(".measure");
      if (measure) measure.classList.add("active");
    });
  });

  // a click in the source shows the innermost measure it belongs to in the tree
  if (source) source.addEventListener("click", function (event) {
    var piece = event.target.closest("[data-f]");
    if (!piece || window.getSelection().toString()) return;
    var keys = piece.dataset.f.split(" ").filter(function (k) { return /^m\d+$/.test(k); });
    var measure = keys.length && document.getElementById("measure-" + keys[keys.length - 1]);
    if (measure) {
      show(keys[keys.length - 1]);
      measure.classList.add("active");
      measure.scrollIntoView({block: "center"});
    }
  });

  // review: targets added from a selection in the source
  var added = [];
  var form = document.getElementById("add-target");
  var list = document.getElementById("added-targets");
  if (source && form) {
    source.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      var text = selection.toString().trim();
      if (!text || !source.contains(selection.anchorNode)) return;
      var piece = selection.anchorNode.parentElement.closest("[data-f]");
      var keys = piece ? piece.dataset.f.split(" ").filter(function (k) { return /^m\d+$/.test(k); }) : [];
      var measure = keys.length && document.getElementById("measure-" + keys[keys.length - 1]);
      form.elements.indicator.value = text;
      form.elements.scope.value = measure ? measure.dataset.scope : "";
      var year = text.match(/(20\d\d)年/);
      var number = text.replace(/20\d\d年/g, "").match(/\d+(?:\.\d+)?/);
      form.elements.year.value = year ? year[1] : "";
      form.elements.value.value = number ? number[0] : "";
      form.hidden = false;
      form.elements.value.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var e = form.elements;
      var target = {scope: e.scope.value, year: parseInt(e.year.value, 10), indicator: e.indicator.value,
                    value: parseFloat(e.value.value), unit: e.unit.value, comparator: e.comparator.value,
                    direction: e.direction.value};
      added.push(target);
      var item = document.createElement("li");
      item.textContent = list.dataset.label + list.dataset.year.replace("{year}", target.year) + " " +
        target.indicator + " " + target.value + target.unit;
      list.appendChild(item);
      form.reset();
      form.hidden = true;
    });
    document.getElementById("add-cancel").addEventListener("click", function () { form.hidden = true; });
  }

  function names(text) {
    return text.split(/[、,，;；\s]+/).filter(function (x) { return x; });
  }

  var gold = document.getElementById("gold-form");
  if (gold) gold.addEventListener("submit", function () {
    var corrections = {measures: {}, targets: {}, added_targets: added};
    function fix(id) { return corrections.measures[id] = corrections.measures[id] || {}; }
    document.querySelectorAll(".fix-wrong:checked").forEach(function (el) { fix(el.dataset.measure).wrong = true; });
    document.querySelectorAll(".fix-units, .fix-lead").forEach(function (el) {
      if (el.value.trim() === el.dataset.original) return;
      fix(el.dataset.measure)[el.classList.contains("fix-units") ? "units" : "lead"] = names(el.value);
    });
    document.querySelectorAll(".fix-target-wrong:checked").forEach(function (el) {
      corrections.targets[el.dataset.target] = {wrong: true};
    });
    document.getElementById("corrections").value = JSON.stringify(corrections);
  });
})();
