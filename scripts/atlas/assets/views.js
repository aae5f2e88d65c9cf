/* The atlas's views that need a browser, on the pages that carry their markup:
 *
 * - Faceted directories (hubs/, policies/, organisations/: form[data-atlas-facets]): ticked
 *   values filter the list, OR within a facet with data-all-of="false", AND within one
 *   with data-all-of="true", AND across facets. Each value shows how many items would be
 *   shown were it (also) ticked; a value that would show none is marked, not disabled.
 *   The ticks live in the URL (?kind=district&source=001&source=004) and on the language
 *   links, so a filtered list can be shared, reloaded and read in another language.
 * - The compare view (compare/: [data-atlas-compare]): ?ids=a,b,c (or ?id=a&with=b, what
 *   the "compare with…" form sends without JavaScript) picks two to four comparable records;
 *   their columns (compare/columns/<id>.json, one file each) join the page's hidden rows, in
 *   that order, into a table of their own.
 * - "Compare with…" on hub pages (form[data-atlas-compare-with]): its choices come from
 *   compare/hubs.json; it goes to compare/?ids=a,b.
 * - Print: links show their public address on paper; details[data-print-open] print open.
 *
 * Without JavaScript the forms stay hidden (or submit plainly) and the page is complete.
 * The DOM is built with createElement, textContent and cloneNode only; the compare view's
 * columns are the build's own HTML (record text escaped as on every page), parsed by
 * DOMParser into an inert document and moved from there.
 */
(function () {
  "use strict";

  var MIN_COMPARED = 2;
  var MAX_COMPARED = 4;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }
  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }
  function unique(values) {
    return values.filter(function (value, at) { return value && values.indexOf(value) === at; });
  }

  /* Give every language link this search string: the other language's page has the same
   * ids, so the same filter or comparison means the same there. */
  function followLanguage(search) {
    all(document, "a.atlas-language-link").forEach(function (link) {
      var target = new URL(link.href, location.href);
      target.search = search;
      link.href = target.href;
    });
  }

  // -- faceted directories --------------------------------------------------------------
  function setupFacets(form) {
    var status = form.querySelector("[data-atlas-status]");
    var facets = all(form, "fieldset[data-facet]").map(function (fieldset) {
      return {
        key: fieldset.getAttribute("data-facet"),
        allOf: fieldset.getAttribute("data-all-of") === "true",
        boxes: all(fieldset, "input[type=checkbox]"),
      };
    });
    var keys = facets.map(function (facet) { return facet.key; });
    var lists = all(document, "ul.atlas-directory");
    var items = [];
    lists.forEach(function (list) {
      all(list, ":scope > li").forEach(function (li) {
        var values = {};
        facets.forEach(function (facet) {
          values[facet.key] = words(li.getAttribute("data-" + facet.key));
        });
        items.push({ li: li, values: values });
      });
    });

    function ticked(facet) {
      return facet.boxes.filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    }
    function matches(facet, wanted, has) {
      if (!wanted.length) return true;
      var test = function (value) { return has.indexOf(value) >= 0; };
      return facet.allOf ? wanted.every(test) : wanted.some(test);
    }

    function apply() {
      var wanted = facets.map(ticked);
      // for each item, whether it passes each facet
      var passes = items.map(function (item) {
        return facets.map(function (facet, f) {
          return matches(facet, wanted[f], item.values[facet.key]);
        });
      });
      var shown = 0;
      items.forEach(function (item, i) {
        var visible = passes[i].every(Boolean);
        item.li.hidden = !visible;
        if (visible) shown += 1;
      });
      facets.forEach(function (facet, f) {
        // the items this facet's values are counted among: for an OR facet those passing
        // every other facet, for an AND facet those passing all of them
        var pool = items.filter(function (item, i) {
          return passes[i].every(function (pass, g) { return pass || (g === f && !facet.allOf); });
        });
        facet.boxes.forEach(function (box) {
          var count = pool.filter(function (item) {
            return item.values[facet.key].indexOf(box.value) >= 0;
          }).length;
          var label = box.closest("label");
          var number = label && label.querySelector("[data-count]");
          if (number) number.textContent = String(count);
          if (label) label.classList.toggle("atlas-facet-empty", count === 0 && !box.checked);
        });
      });
      lists.forEach(function (list) {
        var empty = all(list, ":scope > li").every(function (li) { return li.hidden; });
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = empty;
      });
      if (status) {
        var template = status.getAttribute("data-template") || "# / ##";
        status.textContent = template.replace("##", String(items.length))
          .replace("#", String(shown));
      }
    }

    /* The page's query with this form's keys replaced by the ticked values, in checkbox
     * order; other parameters (such as the search's q) are kept as they were written. */
    function query() {
      var pairs = location.search.slice(1).split("&").filter(function (pair) {
        var key = pair.split("=")[0].replace(/\+/g, " ");
        try { key = decodeURIComponent(key); } catch (error) { /* keep it as written */ }
        return pair && keys.indexOf(key) < 0;
      });
      facets.forEach(function (facet) {
        ticked(facet).forEach(function (value) {
          pairs.push(encodeURIComponent(facet.key) + "=" + encodeURIComponent(value));
        });
      });
      return pairs.length ? "?" + pairs.join("&") : "";
    }
    function remember() {
      history.replaceState(history.state, "", location.pathname + query() + location.hash);
      followLanguage(location.search);
    }

    var params = new URLSearchParams(location.search);
    facets.forEach(function (facet) {
      var values = params.getAll(facet.key);
      facet.boxes.forEach(function (box) { box.checked = values.indexOf(box.value) >= 0; });
    });
    form.addEventListener("change", function () { apply(); remember(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); remember(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
    if (location.search) followLanguage(location.search);
  }

  // -- the compare view -----------------------------------------------------------------
  /* The ids asked for: ?ids=a,b,c, repeated ids=, or ?id=a&with=b; in order, once each. */
  function requestedIds() {
    var params = new URLSearchParams(location.search);
    var ids = [];
    params.getAll("ids").forEach(function (value) { ids = ids.concat(value.split(",")); });
    ids = ids.concat(params.getAll("id"), params.getAll("with"));
    return unique(ids.map(function (id) { return id.trim(); }));
  }
  function idsSearch(ids) {
    return "?ids=" + ids.map(encodeURIComponent).join(",");
  }

  /* A copy of `table` with only the columns of `ids`, in that order, and without the body
   * rows that are empty for all of them. */
  function columns(table, ids) {
    var copy = table.cloneNode(true);
    all(copy, "tr").forEach(function (row) {
      var cells = {};
      var had = false;
      all(row, ":scope > [data-record]").forEach(function (cell) {
        cells[cell.getAttribute("data-record")] = cell;
        row.removeChild(cell);
        had = true;
      });
      ids.forEach(function (id) { if (cells[id]) row.appendChild(cells[id]); });
      var data = all(row, ":scope > td[data-record]");
      var empty = data.every(function (cell) { return cell.hasAttribute("data-empty"); });
      if (had && empty && row.parentNode && row.parentNode.tagName === "TBODY") {
        row.parentNode.removeChild(row);
      }
    });
    return copy;
  }

  /* The column of record `id` (compare/columns/<id>.json: the table with that one column),
   * as a table; null if there is none. */
  function fetchColumn(folder, id) {
    return fetch(new URL(folder + encodeURIComponent(id) + ".json", location.href))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (column) {
        if (!column) return null;
        return new DOMParser().parseFromString(column.table, "text/html").querySelector("table");
      })
      .catch(function () { return null; });
  }

  /* `rows` (the table's rows, no columns) with the columns of `tables` added, in order. */
  function joinColumns(rows, tables) {
    var joined = rows.cloneNode(true);
    var head = joined.querySelector("thead tr");
    var body = Object.create(null);
    all(joined, "tbody tr[data-row]").forEach(function (row) { body[row.getAttribute("data-row")] = row; });
    tables.forEach(function (table) {
      all(table, "thead th[data-record]").forEach(function (cell) { head.appendChild(cell); });
      all(table, "tbody tr[data-row]").forEach(function (row) {
        var into = body[row.getAttribute("data-row")];
        if (into) all(row, ":scope > td[data-record]").forEach(function (cell) { into.appendChild(cell); });
      });
    });
    return joined;
  }

  function setupCompare(box) {
    var pool = box.querySelector("[data-atlas-compare-pool]");
    var rows = pool && pool.querySelector("table");
    if (!rows) return; // a ready comparison: its table is the page's own
    var form = box.querySelector("[data-atlas-compare-form]");
    var offered = form ? all(form, "input[type=checkbox]").map(function (input) { return input.value; }) : [];
    var requested = requestedIds();
    var known = requested.filter(function (id) { return offered.indexOf(id) >= 0; });
    var unknown = requested.filter(function (id) { return offered.indexOf(id) < 0; });
    var chosen = known.slice(0, MAX_COMPARED);
    if (chosen.length < MIN_COMPARED) return showComparison(box, rows, form, known, unknown, chosen);
    var folder = pool.getAttribute("data-columns");
    Promise.all(chosen.map(function (id) { return fetchColumn(folder, id); })).then(function (tables) {
      // a column that cannot be fetched is named as unknown, the others compared
      var missing = chosen.filter(function (id, at) { return !tables[at]; });
      var found = chosen.filter(function (id, at) { return tables[at]; });
      showComparison(box, joinColumns(rows, tables.filter(Boolean)), form, known, unknown.concat(missing), found);
    });
  }

  function showComparison(box, master, form, known, unknown, chosen) {
    var message = box.querySelector("[data-atlas-compare-message]");
    var result = box.querySelector("[data-atlas-compare-result]");
    var headers = Object.create(null);
    all(master, "thead [data-record]").forEach(function (cell) {
      headers[cell.getAttribute("data-record")] = cell;
    });
    var notes = [];
    if (unknown.length) notes.push(box.getAttribute("data-unknown") + " " + unknown.join(", "));
    if (known.length < MIN_COMPARED || known.length > MAX_COMPARED) {
      notes.push(box.getAttribute("data-need"));
    }
    if (message) {
      message.textContent = notes.join(" ");
      message.hidden = !notes.length;
    }

    if (result) {
      result.textContent = "";
      if (chosen.length >= MIN_COMPARED) {
        var shown = columns(master, chosen);
        var caption = shown.querySelector("caption") || document.createElement("caption");
        caption.textContent = chosen.map(function (id) {
          var name = headers[id].querySelector("a") || headers[id]; // the name, not the kind
          return name.textContent.replace(/\s+/g, " ").trim();
        }).join(" · ");
        shown.insertBefore(caption, shown.firstChild);
        var wrap = document.createElement("div");
        wrap.className = "atlas-compare-wrap"; // atlas.css: scrolls sideways on a phone
        wrap.appendChild(shown);
        result.appendChild(wrap);
      }
    }
    if (chosen.length) followLanguage(idsSearch(chosen));

    if (!form) return;
    var order = chosen.slice(); // ticked ids in the order they were chosen
    all(form, "input[type=checkbox]").forEach(function (input) {
      input.checked = chosen.indexOf(input.value) >= 0;
      var details = input.closest("details");
      if (input.checked && details) details.open = true;
    });
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "checkbox") return;
      order = order.filter(function (id) { return id !== input.value; });
      if (input.checked) order.push(input.value);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ticked = all(form, "input[type=checkbox]:checked").map(function (input) {
        return input.value;
      });
      var ids = order.filter(function (id) { return ticked.indexOf(id) >= 0; });
      ids = unique(ids.concat(ticked));
      location.assign(location.pathname + idsSearch(ids));
    });
    form.hidden = false;
  }

  // -- "compare with…" on hub pages -------------------------------------------------------
  function setupCompareWith(form) {
    // the other hubs, from the one file every hub page shares (compare/hubs.json)
    var select = form.querySelector("select[data-atlas-choices]");
    var own = form.querySelector("input[name=id]");
    if (select) {
      fetch(new URL(select.dataset.atlasChoices, location.href).href)
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (choices) {
          choices.forEach(function (choice) {
            if (own && choice[0] === own.value) return;
            var option = document.createElement("option");
            option.value = choice[0];
            option.textContent = choice[1];
            select.appendChild(option);
          });
          form.hidden = false;
        });
    }
    form.addEventListener("submit", function (event) {
      var own = form.querySelector("input[name=id]");
      var other = form.querySelector("[name=with]");
      if (!own) return; // let the form submit as it is
      event.preventDefault();
      var target = new URL(form.getAttribute("action") || "", location.href);
      var ids = unique([own.value, other ? other.value : ""]);
      location.assign(target.pathname + idsSearch(ids));
    });
  }

  // -- print -------------------------------------------------------------------------------
  /* On paper a link shows where it leads: its public address (resolved against the page's
   * canonical URL, so a local copy prints the published one), written before printing into
   * data-print-href for print.css. The page's citation, closed on screen, prints open. */
  function setupPrint() {
    var canonical = document.querySelector("link[rel=canonical]");
    var base = canonical ? canonical.href : location.href;
    var opened = [];
    window.addEventListener("beforeprint", function () {
      all(document, ".md-content a[href]").forEach(function (link) {
        var href = link.getAttribute("href");
        if (!href || href.charAt(0) === "#") return;
        try { link.setAttribute("data-print-href", new URL(href, base).href); } catch (e) { /* keep href */ }
      });
      opened = all(document, "details[data-print-open]:not([open])");
      opened.forEach(function (details) { details.open = true; });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function start() {
    setupPrint();
    all(document, "form[data-atlas-facets]").forEach(setupFacets);
    all(document, "[data-atlas-compare]").forEach(setupCompare);
    all(document, "form[data-atlas-compare-with]").forEach(setupCompareWith);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
