// Client suggestions for the order entry form (/orders/new): as the user types, the name
// field's list is filled from /orders/accounts, and the id of a picked name is kept in the hidden
// account_id field. Without JavaScript the server resolves the typed name itself (a search step
// when several clients match), so this script only saves a round trip.
(function () {
  "use strict";
  var input = document.getElementById("account");
  var hidden = document.getElementById("account_id");
  var list = document.getElementById("account-list");
  if (!input || !hidden || !list) return;
  var timer = null;
  var asked = "";
  function pick() {
    var matches = Array.prototype.filter.call(list.options, function (o) {
      return o.value === input.value;
    });
    // Two clients of the same name: leave the choice to the server's search step.
    hidden.value = matches.length === 1 ? matches[0].getAttribute("data-id") : "";
  }
  input.addEventListener("input", function () {
    pick();
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || q === asked) return;
    timer = setTimeout(function () {
      asked = q;
      fetch("/orders/accounts?q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(function (res) { return res.ok ? res.json() : []; })
        .then(function (items) {
          var options = items.map(function (item) {
            var o = document.createElement("option");
            o.value = item.name;
            o.setAttribute("data-id", item.id);
            return o;
          });
          list.replaceChildren.apply(list, options);
          pick();
        })
        .catch(function () {});
    }, 150);
  });
})();
