/* The atlas's search: how a text becomes tokens, the same for the index and the query
 * (the index side is atlas/search_tokens.py, held against this one by tests/test_search.py).
 * Loaded by assets/search-worker.js.
 */
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

// -- folding and tokens: must stay in step with atlas/fold.py and atlas/search_tokens.py --
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
 * `across`, also the bigram that spans a connector inside a Chinese name (巴黎-萨克雷),
 * as the index holds it. */
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
function tokenize(text, across) {
  return tokensWithPlaces(text, across).map(function (token) { return token.term; });
}
function nameKey(text) {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
}
/* FNV-1a, 32 bits, over the code points of `text` (atlas/search_lookups.py's fnv1a). */
function fnv1a(text) {
  var hash = 0x811c9dc5;
  for (var point of text) hash = Math.imul(hash ^ point.codePointAt(0), 0x01000193) >>> 0;
  return hash;
}
/* The file a term or name key is in: FNV-1a over its first two code points. */
function bucket(key, count) {
  return fnv1a(firstTwo(key)) % count;
}
function firstTwo(term) {
  return Array.from(term).slice(0, 2).join("");
}

// -- the glossary -------------------------------------------------------------------------
/* Sets of terms that mean the same for a search (atlas/glossary.yml), folded and lower-case:
 * a query's term from a set matches any term of the set. */
function Glossary(entries) {
  this.starting = new Map(); // first character → [term, its entry, its number], longest first
  entries.forEach(function (entry, number) {
    for (var term of entry) {
      if (!this.starting.has(term[0])) this.starting.set(term[0], []);
      this.starting.get(term[0]).push([term, entry, number]);
    }
  }, this);
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
    if (!LATIN.test(term[term.length - 1])) return { entry: candidate[1], number: candidate[2], term: term, end: end };
    for (var ending of ["", "s", "es"]) {
      var stop = end + ending.length;
      if (text.substr(end, ending.length) === ending && !LATIN.test(text[stop] || ""))
        return { entry: candidate[1], number: candidate[2], term: term, end: stop };
    }
  }
  return null;
};

/* The query as units: a glossary term is one unit whose alternatives are its entry's
 * terms; every other token is a unit of its own. */
function units(glossary, folded) {
  var text = folded.toLowerCase(), found = [], rest = "", i = 0;
  function flush() {
    var tokens = tokenize(rest), alone = !found.length && i >= text.length;
    for (var token of tokens) {
      // a lone Chinese character left between two glossary terms (占 in 研发开支占GDP)
      if (token.length === 1 && CJK.test(token) && !alone) continue;
      found.push({ alternatives: [token], tokens: [[token]] });
    }
    rest = "";
  }
  while (i < text.length) {
    var match = glossary.at(text, i);
    if (!match) {
      rest += text[i];
      i += 1;
      continue;
    }
    i = match.end;
    flush();
    var alternatives = match.entry.filter(function (term) { return tokenize(term).length; });
    if (alternatives.length)
      found.push({
        alternatives: alternatives,
        tokens: alternatives.map(function (term) { return tokenize(term); }),
        typed: tokenize(match.term),
        glossary: true,
        entry: match.number, // its file holds the postings of all its tokens
      });
  }
  flush();
  return found;
}

/* Name keys the query may hold beside other words ("Boston biotech", "深圳 芯片"): runs of
 * whole words, or three characters or more inside a Chinese word. */
function nameCandidates(folded) {
  var words = folded.toLowerCase().split(WORD_BREAK).filter(Boolean), keys = [];
  for (var i = 0; i < words.length; i++) {
    for (var j = i + 1; j <= Math.min(words.length, i + 6); j++) {
      var key = words.slice(i, j).join("");
      if (key.length >= 2) keys.push(key);
    }
    var word = words[i];
    if (!CJK.test(word)) continue;
    // inside a longer Chinese word, names from three characters (政府 in 政府建 is no name)
    for (var start = 0; start < word.length; start++)
      for (var end = start + 3; end <= word.length; end++) {
        var part = word.slice(start, end);
        if (CJK.test(part)) keys.push(part);
      }
  }
  return keys;
}

function levenshteinAtMostOne(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  var i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

