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
  var FUNCTION_WORDS = "的了和与及或";
  var CJK_BREAK = new RegExp("[" + FUNCTION_WORDS + "]", "g");
  var CJK_BREAK_CHAR = new RegExp("[" + FUNCTION_WORDS + "]");
  var WORD_BREAK = new RegExp("[\\s\\p{P}\\p{S}" + FUNCTION_WORDS + "]+", "u");
  // What may stand between the parts of a Chinese name: hyphens, dashes, middle dots, space.
  var CONNECTOR = /^[\s\-\u2010-\u2015\u00b7\u30fb\u2027\u2022]+$/;
  var POSSESSIVE = /['\u2019]s$/;
  var LATIN = /[a-z0-9]/;
  var STOPWORDS = new Set(
    "a an and are as at by for from in is it of on or the to with what which how".split(" "));
  var BOOST = { n: 8, r: 2, b: 1 };
  var MAX_RESULTS = 10;
  var NAME_BONUS = 2; // every word of the query in the record's names
  var GLOSSARY_WEIGHT = 0.4; // a glossary term the reader did not type, against 1

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

  /* Folded text → tokens, each with where it starts and ends in the folded text. With
   * `across`, also the bigram that spans a connector inside a Chinese name (巴黎-萨克雷,
   * 理查德·佛罗里达, a line break in a PDF text), so that the index holds the name both
   * ways and a reader finds it written with or without the connector. */
  function tokensWithPlaces(text, across) {
    var tokens = [], match, previous = null;
    text = text.toLowerCase();
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var run = match[0], start = match.index;
      if (!CJK.test(run[0])) {
        previous = null;
        run = run.replace(POSSESSIVE, "");
        if (!STOPWORDS.has(run)) tokens.push({ term: stem(run), start: start, end: start + run.length });
        continue;
      }
      if (across && previous !== null && CONNECTOR.test(text.slice(previous, start))) {
        var pair = text[previous - 1] + run[0];
        if (!CJK_BREAK_CHAR.test(pair)) tokens.push({ term: pair, start: previous - 1, end: start + 1 });
      }
      previous = start + run.length;
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
    return tokensWithPlaces(text, false).map(function (token) { return token.term; });
  }
  function tokenizeIndex(text) {
    return tokensWithPlaces(text, true).map(function (token) { return token.term; });
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
    this.glossary = new Glossary(data.glossary || []);
    this.search = new MiniSearch({
      fields: ["n", "r", "b"],
      tokenize: tokenizeIndex,
      processTerm: function (term) { return term; },
    });
    this.search.addAll(fields);
  }

  // -- the query ------------------------------------------------------------------------
  /* The glossary (atlas/glossary.yml): sets of terms that mean the same for a search, folded
   * and lower-case. A query's term from a set matches any term of the set. */
  function Glossary(entries) {
    this.starting = new Map(); // first character → [term, its entry], longest first
    for (var entry of entries) {
      for (var term of entry) {
        if (!this.starting.has(term[0])) this.starting.set(term[0], []);
        this.starting.get(term[0]).push([term, entry]);
      }
    }
    for (var list of this.starting.values()) list.sort(function (a, b) { return b[0].length - a[0].length; });
  }
  /* The entry whose term starts at `at` in `text`, and where the term ends; Latin terms
   * match whole words, with a plural -s or -es. */
  Glossary.prototype.at = function (text, at) {
    var candidates = this.starting.get(text[at]) || [];
    if (LATIN.test(text[at]) && at > 0 && LATIN.test(text[at - 1])) return null;
    for (var candidate of candidates) {
      var term = candidate[0];
      if (text.substr(at, term.length) !== term) continue;
      var end = at + term.length;
      if (!LATIN.test(term[term.length - 1])) return { entry: candidate[1], term: term, end: end };
      for (var ending of ["", "s", "es"]) {
        var stop = end + ending.length;
        if (text.substr(end, ending.length) === ending && !LATIN.test(text[stop] || ""))
          return { entry: candidate[1], term: term, end: stop };
      }
    }
    return null;
  };

  /* The query as units that must all match: a glossary term is one unit whose alternatives
   * are its entry's terms; every other token is a unit of its own. */
  Index.prototype.units = function (folded) {
    var text = folded.toLowerCase(), units = [], rest = "", i = 0;
    function flush() {
      var tokens = tokenize(rest), alone = !units.length && i >= text.length;
      for (var token of tokens) {
        // a lone Chinese character left between two glossary terms (占 in 研发开支占GDP)
        if (token.length === 1 && CJK.test(token) && !alone) continue;
        units.push({ alternatives: [token], tokens: [[token]] });
      }
      rest = "";
    }
    while (i < text.length) {
      var found = this.glossary.at(text, i);
      if (!found) {
        rest += text[i];
        i += 1;
        continue;
      }
      i = found.end;
      flush();
      var alternatives = found.entry.filter(function (term) { return tokenize(term).length; });
      if (alternatives.length)
        units.push({
          alternatives: alternatives,
          tokens: alternatives.map(tokenize),
          typed: tokenize(found.term),
          glossary: true,
        });
    }
    flush();
    return units;
  };

  function unitQuery(unit) {
    return {
      combineWith: "OR",
      queries: unit.alternatives.map(function (term) { return { combineWith: "AND", queries: [term] }; }),
    };
  }

  /* Records whose name or alias the query holds beside other words ("Boston biotech",
   * "深圳 芯片"): whole words, or three characters or more inside a Chinese word; the
   * longest names only. */
  Index.prototype.namedIn = function (folded) {
    var words = folded.toLowerCase().split(WORD_BREAK).filter(Boolean);
    var keys = [];
    for (var i = 0; i < words.length; i++) {
      for (var j = i + 1; j <= Math.min(words.length, i + 6); j++) {
        var key = words.slice(i, j).join("");
        if (key.length >= 2 && this.names.has(key)) keys.push(key);
      }
      var word = words[i];
      if (!CJK.test(word)) continue;
      // inside a longer Chinese word, names from three characters (政府 in 政府建 is no name)
      for (var start = 0; start < word.length; start++)
        for (var end = start + 3; end <= word.length; end++) {
          var part = word.slice(start, end);
          if (CJK.test(part) && this.names.has(part)) keys.push(part);
        }
    }
    keys.sort(function (a, b) { return b.length - a.length; });
    var kept = [];
    for (var candidate of keys)
      if (!kept.some(function (longer) { return longer.indexOf(candidate) >= 0; })) kept.push(candidate);
    var names = this.names, numbers = [];
    kept.forEach(function (name) { numbers.push.apply(numbers, names.get(name)); });
    return numbers;
  };

  Index.prototype.query = function (query) {
    var folded = this.folder.fold(query.trim());
    var units = this.units(folded);
    var terms = [];
    units.forEach(function (unit) { unit.tokens.forEach(function (tokens) { terms.push.apply(terms, tokens); }); });
    if (!units.length) return { terms: [], results: [] };
    var lastUnit = units[units.length - 1];
    var last = lastUnit.glossary ? null : lastUnit.alternatives[0];
    // the reader's own words weigh more than the glossary's other terms for them
    var weights = new Map();
    units.forEach(function (unit) {
      unit.tokens.forEach(function (tokens) {
        tokens.forEach(function (token) { if (!weights.has(token)) weights.set(token, GLOSSARY_WEIGHT); });
      });
    });
    units.forEach(function (unit) {
      (unit.typed || unit.alternatives).forEach(function (token) { weights.set(token, 1); });
    });
    var options = {
      boost: BOOST,
      boostTerm: function (term) { return weights.get(term) || 1; },
      tokenize: tokenize,
      processTerm: function (term) { return term; },
      prefix: function (term) { return term === last && !CJK.test(term) && term.length >= 2; },
      fuzzy: function (term) { return !CJK.test(term) && term.length >= 6 ? 1 : false; },
    };
    var results = this.ranked(units, options);
    var exact = this.names.get(nameKey(folded)) || [];
    var named = this.namedIn(folded).filter(function (number) { return exact.indexOf(number) < 0; });
    var order = exact.concat(results.slice(0, 1).map(function (result) { return result.id; }), named);
    results.forEach(function (result) { order.push(result.id); });
    var seen = new Set(), byId = new Map(results.map(function (result) { return [result.id, result]; }));
    var merged = [];
    for (var number of order) {
      if (seen.has(number)) continue;
      seen.add(number);
      merged.push(byId.get(number) || { id: number, queryTerms: terms });
    }
    return { terms: terms, results: merged };
  };

  /* Records that match at least half of the query's units, ranked by how well they match
   * and by how many units: MiniSearch multiplies a score by the number of query terms that
   * matched, which counts a glossary entry's every term; this counts units instead, and
   * weighs a record that misses some of them down by the square of the share it matches
   * (a record whose name holds two words of three can still come first). A record whose
   * names hold every unit ranks above those that have them only in their text. */
  Index.prototype.ranked = function (units, options) {
    var needed = units.length > 1 ? Math.ceil(units.length / 2) : 1;
    return this.search.search({ combineWith: "OR", queries: units.map(unitQuery) }, options)
      .map(function (result) {
        var got = new Set(result.queryTerms);
        var matched = units.filter(function (unit) {
          return unit.tokens.some(function (tokens) {
            return tokens.every(function (token) { return got.has(token); });
          });
        }).length;
        var share = matched / units.length;
        var named = units.every(function (unit) {
          return unit.tokens.some(function (tokens) {
            return tokens.every(function (token) { return (result.match[token] || []).indexOf("n") >= 0; });
          });
        });
        var score = (result.score / Math.max(1, result.queryTerms.length)) * matched * share * share;
        return {
          id: result.id,
          queryTerms: result.queryTerms,
          units: matched,
          score: named ? score * NAME_BONUS : score,
        };
      })
      .filter(function (result) { return result.units >= needed; })
      .sort(function (a, b) { return b.score - a.score; });
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
