/* The atlas's search box. The engine runs in a worker (assets/search-worker.js), off the
 * page's thread: this script sends the reader's query and shows the results that come
 * back, in the reader's language version, the snippet being the page's own text with the
 * match marked. The index is built at build time (scripts/atlas/search_shards.py); the
 * worker fetches only the parts of it a query needs.
 */
(function () {
  "use strict";

  var SNIPPET_LENGTH = 160;

  /* The worker, and the answers it owes: one promise per message. */
  function Engine(workerUrl, indexUrl) {
    var waiting = new Map(), next = 1;
    this.worker = new Worker(workerUrl);
    this.worker.onmessage = function (event) {
      var message = event.data, promise = waiting.get(message.id);
      if (message.id === 0) waiting.forEach(function (pending) { pending.reject(new Error(message.error)); });
      if (!promise) return;
      if (message.listed) { // the results, before their snippets: the answer follows
        if (promise.listed) promise.listed(message.listed);
        return;
      }
      waiting.delete(message.id);
      if (message.error) promise.reject(new Error(message.error));
      else promise.resolve(message.answer);
    };
    this.worker.postMessage({ type: "open", index: indexUrl });
    /* The worker's answer; `listed`, if given, hears a query's results before their
     * snippets. */
    this.ask = function (type, fields, listed) {
      var id = next++;
      return new Promise(function (resolve, reject) {
        waiting.set(id, { resolve: resolve, reject: reject, listed: listed });
        this.worker.postMessage(Object.assign({ type: type, id: id }, fields));
      }.bind(this));
    };
  }

  function mark(text, ranges, into) {
    var start = 0;
    if (ranges.length) start = Math.max(0, ranges[0][0] - 40);
    if (start > 0) start = Math.max(0, text.lastIndexOf(" ", start) + 1 || start);
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    var at = start;
    if (start > 0) into.appendChild(document.createTextNode("… "));
    for (var range of ranges) {
      if (range[1] <= at || range[0] >= end) continue;
      into.appendChild(document.createTextNode(text.slice(at, Math.max(at, range[0]))));
      var highlight = document.createElement("mark");
      highlight.textContent = text.slice(Math.max(at, range[0]), Math.min(end, range[1]));
      into.appendChild(highlight);
      at = Math.min(end, range[1]);
    }
    into.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
  }

  function setup(box) {
    var toggle = document.getElementById("__search");
    var input = box.querySelector(".atlas-search__input");
    var form = box.querySelector("form");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var base = new URL(box.dataset.atlasIndex, location.href);
    var root = new URL("../", base);
    var engine = null;

    function index() {
      if (!engine) engine = new Engine(new URL(box.dataset.atlasWorker, location.href).href, base.href);
      return engine;
    }
    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      index();
    }
    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }
    function count(number) {
      if (number === 0) return box.dataset.atlasNone;
      if (number === 1) return box.dataset.atlasOne;
      return box.dataset.atlasOther.replace("#", number);
    }
    function remember(query) {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      history.replaceState(history.state, "", url);
      document.querySelectorAll("a.atlas-language-link").forEach(function (link) {
        var target = new URL(link.href);
        target.search = url.search;
        link.href = target.href;
      });
    }
    var rendered = null; // the answer the list shows
    function render(found, query) {
      rendered = found;
      list.textContent = "";
      if (!query.trim()) {
        meta.textContent = box.dataset.atlasPlaceholder;
        return;
      }
      meta.textContent = count(found.count);
      for (var result of found.results) {
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var title = document.createElement("h1");
        title.textContent = result.t;
        article.appendChild(title);
        if (result.kind) {
          var label = document.createElement("span");
          label.className = "atlas-search__kind";
          label.textContent = result.kind;
          title.appendChild(document.createTextNode(" "));
          title.appendChild(label);
        }
        link.appendChild(article);
        item.appendChild(link);
        list.appendChild(item);
        complete(link, result);
      }
    }
    /* A listed result with its snippet: the link to the fact that matches, the text marked
     * (in place: a result the reader has reached with the arrow keys keeps its focus). */
    function complete(link, result) {
      link.href = new URL(result.u, root).href + (result.anchor ? "#" + result.anchor : "");
      var article = link.firstChild, text = article.querySelector("p");
      if (text) text.remove();
      if (result.text) {
        text = document.createElement("p");
        mark(result.text, result.ranges, text);
        article.appendChild(text);
      }
    }
    function run() {
      var query = input.value;
      remember(query);
      var listedFor = null;
      function listed(found) {
        if (input.value !== query) return;
        render(found, query);
        listedFor = found;
        box.dataset.atlasListed = query; // for tests and scripts: listed, snippets to come
      }
      var answer = query.trim() ? index().ask("query", { query: query }, listed) : Promise.resolve(null);
      answer.then(function (found) {
        if (input.value !== query) return;
        if (listedFor && rendered === listedFor) {
          var shown = links();
          found.results.forEach(function (result, place) { complete(shown[place], result); });
          rendered = found;
        } else render(found, query);
        box.dataset.atlasShown = query; // for tests and scripts: these results are for `query`
      }, function (error) {
        meta.textContent = String(error);
      });
    }
    function links() {
      return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = links()[0];
      if (first) first.click();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { run(); input.focus(); }, 0);
    });
    if (toggle) toggle.addEventListener("change", function () {
      if (toggle.checked) setTimeout(function () { input.focus(); }, 50);
    });
    box.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(all.length - 1, at + 1)].focus();
      } else if (event.key === "ArrowUp" && all.length) {
        event.preventDefault();
        if (at <= 0) input.focus();
        else all[at - 1].focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open();
        input.focus();
      }
    });

    var query = new URL(location.href).searchParams.get("q");
    if (query) {
      input.value = query;
      open();
      run();
    }
    // for tests and scripts: ask the worker (query, fold, tokens, nameKeys, buckets, mayBeNames)
    window.atlasSearch = {
      ask: function (type, fields, listed) { return index().ask(type, fields || {}, listed); },
    };
  }

  function start() {
    var box = document.querySelector(".atlas-search");
    if (box) setup(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
