// newslint HTML report: filters, details on hover and focus, keyboard navigation, the sortable
// index, and (for a large report) showing one article at a time from its data block.
// The only markup the script parses is what the formatter wrote into those blocks, with every
// string from the input escaped; otherwise it moves, clones and hides elements the page has.
(function () {
  "use strict";
  var body = document.body;
  var viewer = document.getElementById("viewer");
  var popover = document.getElementById("popover");
  var lazy = body.getAttribute("data-lazy") === "1";
  var shownFor = null;
  var showRowOf = function () {};
  var hideTimer = 0;

  // --- filters ---------------------------------------------------------------------------
  function isHidden(mark) {
    var classes = mark.classList;
    for (var i = 0; i < classes.length; i++) {
      if (body.classList.contains("hide-" + classes[i])) return true;
    }
    return false;
  }

  function updateTabStops(root) {
    var marks = (root || viewer).querySelectorAll("mark.f[id]");
    for (var i = 0; i < marks.length; i++) {
      marks[i].tabIndex = isHidden(marks[i]) ? -1 : 0;
    }
  }

  document.querySelectorAll("input[data-hide]").forEach(function (box) {
    box.addEventListener("change", function () {
      body.classList.toggle("hide-" + box.getAttribute("data-hide"), !box.checked);
      if (shownFor && isHidden(shownFor)) hide();
      updateTabStops();
    });
  });

  // --- details of a finding: the popover -------------------------------------------------
  function entryOf(mark) {
    return document.getElementById(mark.getAttribute("data-f") + "d");
  }

  function light(key, on) {
    document.querySelectorAll('[data-f="' + key + '"], [data-rel="' + key + '"]')
      .forEach(function (el) { el.classList.toggle("lit", on); });
  }

  function show(mark) {
    var first = document.getElementById(mark.getAttribute("data-f"));
    var entry = first && entryOf(first);
    if (!entry || isHidden(first)) return;
    clearTimeout(hideTimer);
    if (shownFor) light(shownFor.getAttribute("data-f"), false);
    shownFor = first;
    light(first.getAttribute("data-f"), true);
    popover.replaceChildren();
    entry.childNodes.forEach(function (node) { popover.appendChild(node.cloneNode(true)); });
    popover.hidden = false;
    var box = mark.getClientRects()[0] || mark.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    popover.style.left = left + window.scrollX + "px";
    popover.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shownFor) light(shownFor.getAttribute("data-f"), false);
    shownFor = null;
    popover.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  document.addEventListener("mouseover", function (event) {
    var mark = event.target.closest && event.target.closest("mark.f");
    if (mark) show(mark);
    else if (event.target.closest && event.target.closest("#popover")) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    var from = event.target.closest && event.target.closest("mark.f, #popover");
    if (from) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("mark.f")) show(event.target);
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.matches("mark.f") && !popover.contains(event.relatedTarget)) hideSoon();
  });

  // --- moving between findings and articles ----------------------------------------------
  function visibleMarks() {
    return Array.prototype.filter.call(viewer.querySelectorAll("mark.f[id]"), function (m) {
      return !isHidden(m);
    });
  }

  function step(direction) {
    var marks = visibleMarks();
    if (!marks.length) return;
    var at = marks.indexOf(document.activeElement);
    if (at === -1 && shownFor) at = marks.indexOf(shownFor);
    var next = at === -1 ? (direction > 0 ? 0 : marks.length - 1) : at + direction;
    next = Math.max(0, Math.min(marks.length - 1, next));
    marks[next].focus({ preventScroll: true });
    marks[next].scrollIntoView({ block: "center" });
    show(marks[next]);
  }

  // The index's rows in their current order, those the search box lets through.
  var rows = [];

  function rowOrder() {
    return rows.map(function (row) { return +row.getAttribute("data-a"); });
  }

  function currentArticle() {
    var shown = viewer.querySelector("article.article");
    if (lazy) return shown ? +shown.id.slice(1) : 0;
    var articles = viewer.querySelectorAll("article.article");
    for (var i = 0; i < articles.length; i++) {
      if (articles[i].getBoundingClientRect().bottom > 80) return +articles[i].id.slice(1);
    }
    return 0;
  }

  function stepArticle(direction) {
    var order = rowOrder();
    if (!order.length) return;
    var at = order.indexOf(currentArticle());
    var next = order[Math.max(0, Math.min(order.length - 1, at + direction))];
    location.hash = "#a" + next;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.matches("input, textarea, select")) return;
    var key = event.key;
    if (key === "n" || key === "j") { step(1); event.preventDefault(); }
    else if (key === "p" || key === "k") { step(-1); event.preventDefault(); }
    else if (key === "]") stepArticle(1);
    else if (key === "[") stepArticle(-1);
    else if (key === "Escape") hide();
    else if (key === "Enter" && target.matches("mark.f")) {
      var entry = entryOf(target);
      var link = entry && entry.querySelector("a");
      if (link) { link.focus(); entry.scrollIntoView({ block: "nearest" }); hide(); }
      event.preventDefault();
    }
  });

  popover.addEventListener("mouseleave", hideSoon);

  // Related spans lead back to their finding.
  document.addEventListener("click", function (event) {
    var related = event.target.closest && event.target.closest("span.rel");
    if (related && !event.target.closest("mark.f")) {
      var mark = document.getElementById(related.getAttribute("data-rel"));
      if (mark) { mark.focus(); mark.scrollIntoView({ block: "center" }); }
    }
  });

  // --- articles: all in the page, or one at a time from data blocks ---------------------
  function mount(number) {
    var article = document.getElementById("a" + number);
    if (article) return article;
    var block = document.getElementById("t" + number);
    if (!block) return null;
    hide();
    var parsed = document.createElement("template");
    parsed.innerHTML = block.textContent;
    viewer.replaceChildren(parsed.content);
    article = document.getElementById("a" + number);
    updateTabStops(article);
    var where = document.getElementById("where");
    if (where) {
      var order = rowOrder();
      var total = body.getAttribute("data-articles");
      where.textContent = "Article " + (order.indexOf(number) + 1 || number + 1) + " of " +
        (order.length || total);
    }
    rows.forEach(function (row) {
      row.classList.toggle("current", +row.getAttribute("data-a") === number);
    });
    showRowOf(number);
    return article;
  }

  function route() {
    var match = /^#a(\d+)/.exec(location.hash);
    if (!match) {
      if (lazy && !viewer.firstElementChild) mount(0);
      return;
    }
    var article = mount(+match[1]);
    if (!article) return;
    var target = document.getElementById(location.hash.slice(1)) || article;
    target.scrollIntoView({ block: target === article ? "start" : "center" });
    if (target.matches("mark.f")) target.focus({ preventScroll: true });
  }

  window.addEventListener("hashchange", route);
  var prev = document.getElementById("prev-article");
  var next = document.getElementById("next-article");
  if (prev) prev.addEventListener("click", function () { stepArticle(-1); });
  if (next) next.addEventListener("click", function () { stepArticle(1); });

  // --- the index: sort, find, and show a page of rows at a time ---------------------------
  // Every row is made by the page; the script keeps them all and puts one page of them in
  // the table, so sorting or searching thousands of articles lays out only a page of rows.
  var table = document.getElementById("index-table");
  var showPage = function () {};
  if (table) {
    var tbody = table.tBodies[0];
    var rowsBlock = document.getElementById("index-rows");
    var allRows;
    if (rowsBlock) {
      var parsedRows = document.createElement("template");
      parsedRows.innerHTML = rowsBlock.textContent;
      allRows = Array.prototype.slice.call(parsedRows.content.children);
    } else {
      allRows = Array.prototype.slice.call(tbody.rows);
    }
    var pageSize = +table.getAttribute("data-page-size");
    var page = 0;
    var pageInfo = document.getElementById("rows-shown");
    var prevRows = document.getElementById("prev-rows");
    var nextRows = document.getElementById("next-rows");
    rows = allRows;
    showPage = function (wanted) {
      var pages = Math.max(1, Math.ceil(rows.length / pageSize));
      page = Math.max(0, Math.min(pages - 1, wanted));
      var first = page * pageSize;
      var shown = rows.slice(first, first + pageSize);
      tbody.replaceChildren.apply(tbody, shown);
      pageInfo.textContent = rows.length
        ? "Rows " + (first + 1) + "\u2013" + (first + shown.length) + " of " + rows.length
        : "No article matches.";
      prevRows.disabled = page === 0;
      nextRows.disabled = page >= pages - 1;
    };
    prevRows.addEventListener("click", function () { showPage(page - 1); });
    nextRows.addEventListener("click", function () { showPage(page + 1); });
    showRowOf = function (number) {
      var at = rowOrder().indexOf(number);
      if (at !== -1 && Math.floor(at / pageSize) !== page) showPage(Math.floor(at / pageSize));
    };

    var find = document.getElementById("find");
    var filterRows = function () {
      var needle = find.value.toLowerCase();
      rows = allRows.filter(function (row) {
        return row.cells[1].getAttribute("data-v").toLowerCase().indexOf(needle) !== -1;
      });
    };
    table.querySelectorAll("th button").forEach(function (button) {
      button.addEventListener("click", function () {
        var column = +button.getAttribute("data-sort");
        var numeric = button.getAttribute("data-type") === "num";
        var th = button.parentNode;
        var descending = th.getAttribute("aria-sort") === "ascending" ||
          (th.getAttribute("aria-sort") === "none" && numeric && column > 0);
        table.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var keyed = allRows.map(function (row) {
          var value = row.cells[column].getAttribute("data-v");
          return { row: row, key: numeric ? +value : value, n: +row.getAttribute("data-a") };
        });
        keyed.sort(function (a, b) {
          var order = a.key < b.key ? -1 : a.key > b.key ? 1 : a.n - b.n;
          return descending ? -order : order;
        });
        allRows = keyed.map(function (item) { return item.row; });
        filterRows();
        showPage(0);
      });
    });
    find.addEventListener("input", function () {
      filterRows();
      showPage(0);
    });
    showPage(0);
  }

  updateTabStops();
  route();
})();
