/* The atlas's search: one index per language version (search/atlas-index.json, written by
 * scripts/atlas/search.py), searched with MiniSearch (assets/vendor/minisearch.min.js).
 *
 * Index and query are treated alike: both are folded with the same table (the index's
 * "fold": Traditional, variant and regional spellings → mainland Simplified, full-width →
 * ASCII) by the same longest-match rule as atlas/fold.py, then cut into the same tokens:
 * overlapping bigrams for Chinese (as Lucene's CJK analyzer does), words for Latin script.
 * Names and aliases weigh most, then the names of linked records, then the text; a query
 * that is a record's name or alias puts that record first. Results stay in the reader's
 * language version; the snippet is the page's own text with the match marked.
 */
(function () {
  "use strict";

  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;
  // Chinese function words end a bigram run on both sides ("硅谷的创新" ~ "硅谷创新").
  var CJK_BREAK = /[的了和与及或]/g;
  var STOPWORDS = new Set(
    "a an and are as at by for from in is it of on or the to with what which how".split(" "));
  var BOOST = { n: 8, r: 2, b: 1 };
  var MAX_RESULTS = 10;

  // -- folding and tokens: must stay in step with atlas/fold.py ------------------------
  function Folder(table) {
    this.table = new Map(Object.entries(table));
    this.longest = new Map();
    for (var key of this.table.keys()) {
      var first = key[0];
      this.longest.set(first, Math.max(this.longest.get(first) || 0, key.length));
    }
  }
  /* Fold `text`; with `offsets`, also return for each folded character the index of the
   * original character it came from (to mark a match in the original text). */
  Folder.prototype.fold = function (text, offsets) {
    var out = "", map = offsets ? [] : null, i = 0;
    while (i < text.length) {
      var longest = Math.min(this.longest.get(text[i]) || 0, text.length - i), done = false;
      for (var length = longest; length > 0; length--) {
        var value = this.table.get(text.substr(i, length));
        if (value !== undefined) {
          out += value;
          if (map) for (var k = 0; k < value.length; k++) map.push(i + Math.min(k, length - 1));
          i += length;
          done = true;
          break;
        }
      }
      if (!done) {
        out += text[i];
        if (map) map.push(i);
        i += 1;
      }
    }
    return offsets ? { text: out, offsets: map } : out;
  };

  function stem(word) {
    if (word.length <= 4 || !/^[a-z]+$/.test(word)) return word;
    if (/ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/(ss|us|is)$/.test(word)) return word;
    return word.replace(/s$/, "");
  }

  /* Folded text → tokens, each with where it starts and ends in the folded text. */
  function tokensWithPlaces(text) {
    var tokens = [], match;
    text = text.toLowerCase();
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var run = match[0], start = match.index;
      if (!CJK.test(run[0])) {
        if (!STOPWORDS.has(run)) tokens.push({ term: stem(run), start: start, end: start + run.length });
        continue;
      }
      var pieces = run.split(CJK_BREAK), offset = start;
      for (var piece of pieces) {
        if (piece.length === 1) tokens.push({ term: piece, start: offset, end: offset + 1 });
        for (var j = 0; j + 1 < piece.length; j++)
          tokens.push({ term: piece.substr(j, 2), start: offset + j, end: offset + j + 2 });
        offset += piece.length + 1;
      }
    }
    return tokens;
  }
  function tokenize(text) {
    return tokensWithPlaces(text).map(function (token) { return token.term; });
  }
  function nameKey(text) {
    return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
  }

  // -- the index ------------------------------------------------------------------------
  function Index(data, MiniSearch) {
    var folder = new Folder(data.fold);
    var fold = folder.fold.bind(folder);
    var docs = data.docs, kinds = data.kinds;
    this.folder = folder;
    this.docs = docs;
    this.kindLabels = data.kindLabels;
    this.names = new Map(); // name key → doc numbers
    var fields = docs.map(function (doc, number) {
      var names = doc.n.map(function (name) { return fold(name); });
      for (var name of names) {
        var key = nameKey(name);
        if (!this.names.has(key)) this.names.set(key, []);
        this.names.get(key).push(number);
      }
      var related = (kinds[doc.k] || []).slice();
      for (var other of doc.l) related.push(docs[other].n[0], docs[other].n[1]);
      var body = doc.s.map(function (snippet) { return snippet[1]; }).concat(doc.x);
      return { id: number, n: names.join(" \n "), r: fold(related.join(" \n ")), b: fold(body.join(" \n ")) };
    }, this);
    this.search = new MiniSearch({
      fields: ["n", "r", "b"],
      tokenize: tokenize,
      processTerm: function (term) { return term; },
    });
    this.search.addAll(fields);
  }

  Index.prototype.query = function (query) {
    var folded = this.folder.fold(query.trim());
    var terms = tokenize(folded);
    if (!terms.length) return { terms: [], results: [] };
    var last = terms[terms.length - 1];
    var options = {
      boost: BOOST,
      tokenize: tokenize,
      processTerm: function (term) { return term; },
      prefix: function (term) { return term === last && !CJK.test(term) && term.length >= 2; },
      fuzzy: function (term) { return !CJK.test(term) && term.length >= 6 ? 1 : false; },
    };
    var results = this.search.search(folded, Object.assign({ combineWith: "AND" }, options));
    if (!results.length && terms.length > 2) {
      var needed = Math.ceil((terms.length * 2) / 3);
      results = this.search.search(folded, Object.assign({ combineWith: "OR" }, options))
        .filter(function (result) { return result.queryTerms.length >= needed; });
    }
    var exact = this.names.get(nameKey(folded)) || [];
    var first = results.filter(function (result) { return exact.indexOf(result.id) >= 0; });
    var rest = results.filter(function (result) { return exact.indexOf(result.id) < 0; });
    var missing = exact.filter(function (number) {
      return !first.some(function (result) { return result.id === number; });
    }).map(function (number) { return { id: number, queryTerms: terms }; });
    return { terms: terms, results: first.concat(missing, rest) };
  };

  /* The snippet of a result: the page's own text that matches best, with the matches. */
  Index.prototype.snippet = function (doc, terms) {
    var best = null;
    var wanted = new Set(terms);
    for (var snippet of doc.s) {
      var folded = this.folder.fold(snippet[1], true);
      var marks = tokensWithPlaces(folded.text).filter(function (token) {
        return wanted.has(token.term) || terms.some(function (term) {
          return !CJK.test(term) && term.length >= 2 && token.term.indexOf(term) === 0;
        });
      });
      var hits = new Set(marks.map(function (mark) { return mark.term; })).size;
      if (!best || hits > best.hits) best = { hits: hits, snippet: snippet, folded: folded, marks: marks };
    }
    if (!best) return null;
    var ranges = best.marks.map(function (mark) {
      return [best.folded.offsets[mark.start], best.folded.offsets[mark.end - 1] + 1];
    });
    return { anchor: best.snippet[0], text: best.snippet[1], ranges: merge(ranges) };
  };

  function merge(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    for (var range of ranges) {
      var last = out[out.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else out.push(range.slice());
    }
    return out;
  }

  // -- the page -------------------------------------------------------------------------
  var SNIPPET_LENGTH = 160;

  function load(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }
  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      if (window.MiniSearch) return resolve(window.MiniSearch);
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { resolve(window.MiniSearch); };
      script.onerror = function () { reject(new Error(url)); };
      document.head.appendChild(script);
    });
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
    var ready = null;

    function index() {
      if (!ready) {
        ready = Promise.all([load(base.href), loadScript(box.dataset.atlasLibrary)])
          .then(function (loaded) { return new Index(loaded[0], loaded[1]); });
        ready.catch(function (error) { meta.textContent = String(error); });
      }
      return ready;
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
    function render(atlas, query) {
      list.textContent = "";
      if (!query.trim()) {
        meta.textContent = box.dataset.atlasPlaceholder;
        return;
      }
      var found = atlas.query(query);
      var results = found.results.slice(0, MAX_RESULTS);
      meta.textContent = count(found.results.length);
      for (var result of results) {
        var doc = atlas.docs[result.id];
        var snippet = atlas.snippet(doc, found.terms);
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = new URL(doc.u, root).href + (snippet && snippet.anchor ? "#" + snippet.anchor : "");
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var title = document.createElement("h1");
        title.textContent = doc.t;
        article.appendChild(title);
        var kind = atlas.kindLabels[doc.k];
        if (kind) {
          var label = document.createElement("span");
          label.className = "atlas-search__kind";
          label.textContent = kind;
          title.appendChild(document.createTextNode(" "));
          title.appendChild(label);
        }
        if (snippet) {
          var text = document.createElement("p");
          mark(snippet.text, snippet.ranges, text);
          article.appendChild(text);
        }
        link.appendChild(article);
        item.appendChild(link);
        list.appendChild(item);
      }
    }
    function run() {
      var query = input.value;
      remember(query);
      index().then(function (atlas) {
        if (input.value !== query) return;
        render(atlas, query);
        box.dataset.atlasShown = query; // for tests and scripts: these results are for `query`
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
    window.atlasSearch = { index: index }; // the loaded index, for tests and scripts
  }

  function start() {
    var box = document.querySelector(".atlas-search");
    if (box) setup(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
