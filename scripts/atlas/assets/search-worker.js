/* The atlas's search engine, in a worker: the page's thread only sends a query and shows
 * what comes back (assets/search.js).
 *
 * The index is built at build time (scripts/atlas/search_shards.py) and split into
 * fingerprinted files: a query fetches its terms' shards (which hold the name keys too),
 * or for a glossary term the file of its glossary entry, and lists the results it finds
 * (links, titles and kinds are fetched when the worker opens); then it fetches the snippets
 * of those results and sends them after the list. It keeps every file for the next query.
 * A Bloom filter of the name keys spares the files of candidate names that are none
 * (scripts/atlas/search_lookups.py).
 *
 * Index and query are treated alike: both are folded with the same table (the index's
 * "fold": Traditional, variant and regional spellings → mainland Simplified, full-width →
 * ASCII) by the same longest-match rule as atlas/fold.py, then cut into the same tokens
 * as atlas/search_tokens.py: overlapping bigrams for Chinese, words for Latin script.
 * Names and aliases weigh most, then the names of linked records, then the text; a query
 * that is a record's name or alias puts that record first. Scores are MiniSearch 7.2's
 * (BM25+, prefix and fuzzy weights), which the ranking was tuned on.
 */
"use strict";

importScripts("search-text.js");

var FIELDS = ["n", "r", "b"];
var BOOST = [8, 2, 1]; // names, linked records' names, text
var WEIGHTS = { fuzzy: 0.45, prefix: 0.375 }; // MiniSearch's
var MAX_RESULTS = 10;
var NAME_BONUS = 2; // every word of the query in the record's names
var GLOSSARY_WEIGHT = 0.4; // a glossary term the reader did not type, against 1
var KEPT_SCORES = 48; // empty Scored kept between queries, per width

// -- the index: fetched by shards -----------------------------------------------------------
function Index(entry, base) {
  this.entry = entry;
  this.folder = new Folder(entry.fold);
  this.glossary = new Glossary(entry.glossary || []);
  this.shards = new URL(entry.shards + "/", base);
  this.files = new Map(); // file name → promise of its parsed content
  this.terms = new Map(); // term file name → its terms, sorted (for prefix and fuzzy)
  this.loaded = new Map(); // file name → content, once fetched
  this.decoded = new Map(); // term → its postings per field, decoded (Int32Array)
  this.bundled = new Map(); // term → its postings as written, from a glossary entry's file
  this.near = new Map(); // term → the index's terms one edit from it, from the same files
  this.filter = null; // the name keys' Bloom filter, once fetched
  this.scores = new Scores(entry.documents);
}
Index.prototype.file = function (name) {
  if (!this.files.has(name)) {
    var url = new URL(name, this.shards).href, loaded = this.loaded, self = this;
    this.files.set(name, fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    }).then(function (content) {
      loaded.set(name, content);
      if (name[0] === "g") self.unbundle(content);
      return content;
    }));
  }
  return this.files.get(name);
};
/* A glossary entry's file: [postings, near] of its tokens, kept by term. */
Index.prototype.unbundle = function (content) {
  for (var term in content[0]) this.bundled.set(term, content[0][term]);
  for (var token in content[1]) this.near.set(token, content[1][token]);
};
/* Each document as a result lists it: [link, title, kind]. */
Index.prototype.cards = function () {
  return this.file("cards.json");
};
/* The name keys' Bloom filter, read once (this.filter once it is in). */
Index.prototype.nameFilter = function () {
  var self = this;
  if (!this.filtering)
    this.filtering = this.file("names.json").then(function (filter) { self.filter = new NameFilter(filter); });
  return this.filtering;
};
/* Whether `key` may be a name of the index: true until the filter is fetched. */
Index.prototype.mayBeName = function (key) {
  return !this.filter || this.filter.mayHold(key);
};
Index.prototype.termFile = function (term) { return "t" + bucket(term, this.entry.terms) + ".json"; };
Index.prototype.nameFile = Index.prototype.termFile; // names share the terms' files
Index.prototype.documentFile = function (number) {
  return "d" + Math.floor(number / this.entry.perFile) + ".json";
};
/* Each field's lengths and their average, and per document BM25's k × (1 − b + b ×
 * length / average), the part of a score that depends on the document alone (computed
 * once, as score() would compute it for each posting). */
Index.prototype.lengths = function () {
  if (!this.averaged) {
    var count = this.entry.documents, bm25 = this.entry.bm25;
    this.averaged = this.file("lengths.json").then(function (lengths) {
      var averages = lengths.map(function (field) {
        return field.reduce(function (sum, length) { return sum + length; }, 0) / Math.max(1, count);
      });
      return {
        lengths: lengths,
        averages: averages,
        norms: lengths.map(function (field, at) {
          return Float64Array.from(field, function (length) {
            return bm25.k * (1 - bm25.b + (bm25.b * length) / averages[at]);
          });
        }),
      };
    });
  }
  return this.averaged;
};
/* Fetch the files named (each once; a file already fetched is not asked for again). */
Index.prototype.fetchAll = function (names) {
  var self = this;
  var unique = Array.from(new Set(names));
  return Promise.all(unique.map(function (name) { return self.file(name); }));
};
Index.prototype.sortedTerms = function (name) {
  if (!this.terms.has(name)) this.terms.set(name, Object.keys(this.loaded.get(name)[0]).sort());
  return this.terms.get(name);
};
/* Terms of the index that start with `prefix`, from its file (sorted: a binary search). */
Index.prototype.startingWith = function (prefix) {
  var terms = this.sortedTerms(this.termFile(prefix)), low = 0, high = terms.length, found = [];
  while (low < high) {
    var middle = (low + high) >> 1;
    if (terms[middle] < prefix) low = middle + 1;
    else high = middle;
  }
  for (var i = low; i < terms.length && terms[i].indexOf(prefix) === 0; i++) found.push(terms[i]);
  return found;
};
/* A term file holds [terms, names]: a term's postings, a name key's documents. A term's
 * postings are one VLQ string per field (search_shards.py), decoded when a query first
 * needs them and kept. */
Index.prototype.postings = function (term) {
  if (this.decoded.has(term)) return this.decoded.get(term);
  var content = this.loaded.get(this.termFile(term)), written = null;
  if (content) written = Object.prototype.hasOwnProperty.call(content[0], term) ? content[0][term] : null;
  else if (this.bundled.has(term)) written = this.bundled.get(term);
  if (!written) return null;
  var lists = written.map(decodeVlq);
  // the documents holding the term in each field, for its idf (steps ≥ 0; < 0 are frequencies)
  lists.matching = lists.map(function (list) {
    var matching = 0;
    for (var i = 0; i < list.length; i++) if (list[i] >= 0) matching++;
    return matching;
  });
  this.decoded.set(term, lists);
  return lists;
};
var VLQ_VALUES = new Int8Array(128).fill(-1);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach(function (digit, value) {
  VLQ_VALUES[digit.charCodeAt(0)] = value;
});
/* Base-64 VLQ → numbers: five bits a digit, lowest first, bit 5 for "more", sign in bit 0. */
function decodeVlq(text) {
  var out = new Int32Array(text.length), count = 0, value = 0, shift = 0;
  for (var i = 0; i < text.length; i++) {
    var digit = VLQ_VALUES[text.charCodeAt(i)];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out[count++] = value & 1 ? -(value >>> 1) : value >>> 1;
    value = shift = 0;
  }
  return out.subarray(0, count);
}
/* The index's terms one edit from `term` that keep its first two characters, from its
 * term file, or else from the glossary entry's file that holds it. */
Index.prototype.nearTerms = function (term) {
  if (this.loaded.has(this.termFile(term))) return this.startingWith(firstTwo(term));
  return this.near.get(term) || [];
};
/* A Bloom filter (search_lookups.name_filter): `hashes` bits of `size` a key, by double
 * hashing FNV-1a and MurmurHash3's finaliser of it. */
function NameFilter(filter) {
  this.size = filter.size;
  this.hashes = filter.hashes;
  this.bits = atob(filter.bits);
}
NameFilter.prototype.mayHold = function (key) {
  var first = fnv1a(key), second = secondHash(first);
  for (var i = 0; i < this.hashes; i++) {
    var position = ((first + Math.imul(i, second)) >>> 0) % this.size;
    if (!(this.bits.charCodeAt(position >> 3) & (1 << (position & 7)))) return false;
  }
  return true;
};
function secondHash(first) {
  var value = first ^ (first >>> 16);
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return (value | 1) >>> 0;
}
Index.prototype.names = function (key) {
  var content = this.loaded.get(this.nameFile(key));
  return content && Object.prototype.hasOwnProperty.call(content[1], key) ? content[1][key] : null;
};

// -- scoring: MiniSearch 7.2's, over the shards ---------------------------------------------
/* Documents a part of the query matched, dense over the index's documents (MiniSearch's
 * RawResult, in typed arrays: at 100× our data a common word is in tens of thousands of
 * documents). Per document: its score, the query's terms it matched and those it matched in
 * its names, as bit sets of `words` 32-bit words. */
function Scored(count, words) {
  this.words = words;
  this.docs = []; // members, in the order they came (ties keep it, as MiniSearch's Map)
  this.member = new Uint8Array(count);
  this.score = new Float64Array(count);
  this.terms = new Uint32Array(count * words);
  this.named = new Uint32Array(count * words);
}
/* Back to empty, touching only its members (cheaper than a new one: a query at 100× makes
 * dozens, each a few hundred kilobytes). */
Scored.prototype.clear = function () {
  var words = this.words;
  for (var number of this.docs) {
    this.member[number] = 0;
    this.score[number] = 0;
    for (var w = 0, at = number * words; w < words; w++) this.terms[at + w] = this.named[at + w] = 0;
  }
  this.docs = [];
};
/* The Scored a query uses, lent and given back all together when it is ranked. */
function Scores(count) {
  this.count = count;
  this.free = new Map(); // words → empty Scored of that width
  this.lent = [];
}
Scores.prototype.take = function (words) {
  var free = this.free.get(words);
  var scored = free && free.length ? free.pop() : new Scored(this.count, words);
  this.lent.push(scored);
  return scored;
};
Scores.prototype.giveBack = function () {
  for (var scored of this.lent) {
    var free = this.free.get(scored.words) || [];
    this.free.set(scored.words, free);
    scored.clear();
    if (free.length < KEPT_SCORES) free.push(scored);
  }
  this.lent = [];
};
Scored.prototype.join = function (number) {
  if (!this.member[number]) {
    this.member[number] = 1;
    this.docs.push(number);
  }
};
Scored.prototype.take = function (other, number) {
  this.score[number] += other.score[number];
  for (var w = 0, at = number * this.words; w < this.words; w++) {
    this.terms[at + w] |= other.terms[at + w];
    this.named[at + w] |= other.named[at + w];
  }
};
function unite(a, b) {
  for (var number of b.docs) {
    a.join(number);
    a.take(b, number);
  }
  return a;
}
function intersect(scores, a, b) {
  var both = scores.take(a.words);
  for (var number of b.docs) {
    if (!a.member[number]) continue;
    both.join(number);
    both.take(a, number);
    both.take(b, number);
  }
  return both;
}
function combine(sets, how, scores, words) {
  if (!sets.length) return scores.take(words);
  return sets.reduce(how === "AND" ? function (a, b) { return intersect(scores, a, b); } : unite);
}

/* The query's tokens as bits: token → [word, bit]. */
function Bits(tokens) {
  this.of = new Map();
  for (var token of tokens) if (!this.of.has(token)) this.of.set(token, [this.of.size >> 5, 1 << (this.of.size & 31)]);
  this.words = Math.max(1, Math.ceil(this.of.size / 32));
}
Bits.prototype.mask = function (tokens) {
  var mask = new Uint32Array(this.words);
  for (var token of tokens) {
    var bit = this.of.get(token);
    mask[bit[0]] |= bit[1];
  }
  return mask;
};
function holds(array, at, mask) {
  for (var w = 0; w < mask.length; w++) if ((array[at + w] & mask[w]) >>> 0 !== mask[w] >>> 0) return false;
  return true;
}
function count(array, at, words) {
  var total = 0;
  for (var w = 0; w < words; w++) {
    var value = array[at + w];
    while (value) {
      value &= value - 1;
      total++;
    }
  }
  return total;
}

/* A term's postings scored into `results` (MiniSearch's termResults): `source` is the
 * query's term, `derived` the index's (itself, or a prefix or fuzzy match of it). */
Index.prototype.score = function (source, derived, weight, boost, scale, bits, results) {
  var data = this.postings(derived);
  if (!data) return;
  var bm25 = this.entry.bm25, documents = this.entry.documents, words = bits.words;
  var sourceBit = bits.of.get(source), derivedBit = bits.of.get(derived);
  var sourceWord = sourceBit[0], sourceMask = sourceBit[1];
  var member = results.member, docs = results.docs, score = results.score;
  var terms = results.terms, named = results.named, k1 = bm25.k + 1, d = bm25.d;
  for (var field = 0; field < FIELDS.length; field++) {
    var list = data[field], count = list.length;
    if (!count) continue;
    var matching = data.matching[field];
    var idf = Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
    var norms = scale.norms[field];
    var factor = weight * boost * BOOST[field] * idf;
    var number = 0, frequency = 1, inNames = field === 0 && derivedBit;
    var namedWord = inNames ? derivedBit[0] : 0, namedMask = inNames ? derivedBit[1] : 0;
    for (var i = 0; i < count; i++) { // this loop is most of a query's time
      var step = list[i];
      if (step < 0) {
        frequency = -step;
        continue;
      }
      number += step;
      if (!member[number]) { // results.join(number), inline
        member[number] = 1;
        docs.push(number);
      }
      score[number] += factor * (d + (frequency * k1) / (frequency + norms[number]));
      terms[number * words + sourceWord] |= sourceMask;
      // the names field holds this query term (MiniSearch's match[term] includes "n")
      if (inNames) named[number * words + namedWord] |= namedMask;
      frequency = 1;
    }
  }
};
/* One term of the query: exact, then its prefix and fuzzy matches (MiniSearch's
 * executeQuerySpec; a fuzzy match keeps the term's first two characters). */
Index.prototype.termResults = function (term, options, scale, bits) {
  var results = this.scores.take(bits.words), boost = options.boost(term);
  this.score(term, term, 1, boost, scale, bits, results);
  var prefixed = new Set();
  if (options.prefix(term)) {
    for (var other of this.startingWith(term)) {
      var distance = other.length - term.length;
      if (!distance) continue;
      prefixed.add(other);
      var weight = (WEIGHTS.prefix * other.length) / (other.length + 0.3 * distance);
      this.score(term, other, weight, boost, scale, bits, results);
    }
  }
  if (options.fuzzy(term)) {
    for (var near of this.nearTerms(term)) {
      if (near === term || prefixed.has(near) || !levenshteinAtMostOne(term, near)) continue;
      var nearWeight = (WEIGHTS.fuzzy * near.length) / (near.length + 1);
      this.score(term, near, nearWeight, boost, scale, bits, results);
    }
  }
  return results;
};

/* The query's units, OR'ed; a unit's alternatives, OR'ed; an alternative's tokens, AND'ed
 * (MiniSearch's combinators). Then what the atlas ranks by: MiniSearch's score times the
 * number of query terms matched, divided by that number again, times the number of units
 * matched and the square of their share (a record whose name holds two words of three can
 * still come first); doubled when the record's names hold every unit. Records that match
 * fewer than half of the units are left out. Returns them best first, and how many. */
Index.prototype.ranked = function (found, options, scale, bits, keep) {
  var self = this, documents = this.entry.documents, words = bits.words, scores = this.scores;
  var all = combine(found.map(function (unit) {
    return combine(unit.tokens.map(function (tokens) { // each alternative, as units() cut it
      return combine(tokens.map(function (term) {
        return self.termResults(term, options, scale, bits);
      }), "AND", scores, words);
    }), "OR", scores, words);
  }), "OR", scores, words);
  var masks = found.map(function (unit) { return unit.tokens.map(function (tokens) { return bits.mask(tokens); }); });
  var needed = found.length > 1 ? Math.ceil(found.length / 2) : 1;
  var best = [], total = 0, passed = new Uint8Array(documents);
  all.docs.forEach(function (number, place) {
    var at = number * words, matched = 0, named = true;
    for (var unit of masks) {
      var got = false, inNames = false;
      for (var mask of unit) {
        if (holds(all.terms, at, mask)) got = true;
        if (holds(all.named, at, mask)) inNames = true;
      }
      if (got) matched++;
      if (!inNames) named = false;
    }
    if (matched < needed) return;
    total++;
    passed[number] = 1;
    var share = matched / found.length;
    // MiniSearch's score × terms matched, then ÷ terms matched: the raw score
    var score = all.score[number] * matched * share * share * (named ? NAME_BONUS : 1);
    keepBest(best, { id: number, score: score, place: place }, keep);
  });
  scores.giveBack();
  return { best: best, total: total, passed: passed };
};
/* `best` holds the `keep` best results, best first (ties in the order they came). */
function keepBest(best, result, keep) {
  var at = best.length;
  while (at > 0 && better(result, best[at - 1])) at--;
  if (at >= keep) return;
  best.splice(at, 0, result);
  if (best.length > keep) best.pop();
}
function better(a, b) {
  return a.score > b.score || (a.score === b.score && a.place < b.place);
}

// -- a query ---------------------------------------------------------------------------------
/* A query's answer: {count, terms, results}. `listed`, if given, hears the results before
 * their snippets are fetched (links without a fact's anchor, no text), as the page may
 * show them at once. */
Index.prototype.query = function (query, listed) {
  var self = this;
  var folded = this.folder.fold(query.trim());
  var found = units(this.glossary, folded);
  if (!found.length) return Promise.resolve({ count: 0, terms: [], results: [] });
  var terms = [];
  found.forEach(function (unit) { unit.tokens.forEach(function (tokens) { terms.push.apply(terms, tokens); }); });
  var exactKey = nameKey(folded), candidates = nameCandidates(folded);
  var files = [];
  found.forEach(function (unit) {
    if (unit.glossary) files.push("g" + unit.entry + ".json");
    else files.push(self.termFile(unit.alternatives[0]));
  });
  var keys = [exactKey].concat(candidates).filter(function (key) { return key && self.mayBeName(key); });
  files = files.concat(keys.map(function (key) { return self.nameFile(key); }));
  return Promise.all([this.lengths(), this.cards(), this.fetchAll(files)]).then(function (loaded) {
    var ordered = self.order(found, terms, exactKey, candidates, loaded[0]);
    var shown = ordered.shown, cards = loaded[1];
    var results = shown.map(function (number) { return self.listed(cards[number]); });
    if (listed) listed({ count: ordered.count, terms: terms, results: results });
    return self.fetchAll(shown.map(function (number) { return self.documentFile(number); })).then(function () {
      shown.forEach(function (number, place) {
        var snippet = self.snippet(self.loaded.get(self.documentFile(number))[number % self.entry.perFile], terms);
        if (snippet) Object.assign(results[place], snippet);
      });
      return { count: ordered.count, terms: terms, results: results };
    });
  });
};
/* The documents a query finds, best first: the record the query names, the best match,
 * records named inside the query, then the rest by score. */
Index.prototype.order = function (found, terms, exactKey, candidates, scale) {
  var lastUnit = found[found.length - 1];
  var last = lastUnit.glossary ? null : lastUnit.alternatives[0];
  // the reader's own words weigh more than the glossary's other terms for them
  var weights = new Map();
  found.forEach(function (unit) {
    unit.tokens.forEach(function (tokens) {
      tokens.forEach(function (token) { if (!weights.has(token)) weights.set(token, GLOSSARY_WEIGHT); });
    });
  });
  found.forEach(function (unit) {
    (unit.typed || unit.alternatives).forEach(function (token) { weights.set(token, 1); });
  });
  var options = {
    boost: function (term) { return weights.get(term) || 1; },
    prefix: function (term) { return term === last && !CJK.test(term) && term.length >= 2; },
    fuzzy: function (term) { return !CJK.test(term) && term.length >= 6; },
  };
  var exact = (exactKey && this.names(exactKey)) || [];
  var named = this.namedIn(candidates).filter(function (number) { return exact.indexOf(number) < 0; });
  var bits = new Bits(terms);
  var ranking = this.ranked(found, options, scale, bits, MAX_RESULTS + exact.length + named.length + 1);
  var results = ranking.best.map(function (result) { return result.id; });
  var order = Array.from(new Set(exact.concat(results.slice(0, 1), named, results)));
  var extra = new Set(exact.concat(named).filter(function (number) { return !ranking.passed[number]; }));
  return { shown: order.slice(0, MAX_RESULTS), count: ranking.total + extra.size };
};
/* Of the candidate keys, the names of the index; the longest only. */
Index.prototype.namedIn = function (candidates) {
  var self = this;
  var keys = candidates.filter(function (key) { return self.names(key) !== null; });
  keys.sort(function (a, b) { return b.length - a.length; });
  var kept = [], numbers = [];
  for (var candidate of keys)
    if (!kept.some(function (longer) { return longer.indexOf(candidate) >= 0; })) kept.push(candidate);
  kept.forEach(function (name) { numbers.push.apply(numbers, self.names(name)); });
  return numbers;
};
/* A result as the page lists it, from its card: link, title, kind; its snippet to come. */
Index.prototype.listed = function (card) {
  return { u: card[0], t: card[1], kind: this.entry.kindLabels[card[2]] || "", anchor: "", text: "", ranges: [] };
};
/* The snippet of a result, of its `snippets` ([anchor, text]): the page's own text that
 * matches best, with the matches. */
Index.prototype.snippet = function (snippets, terms) {
  var best = null;
  var wanted = new Set(terms);
  for (var snippet of snippets) {
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

// -- the page's messages -----------------------------------------------------------------
var ready = null;
var ANSWERS = {
  query: function (index, message) {
    return index.query(message.query, function (answer) {
      self.postMessage({ id: message.id, listed: answer });
    });
  },
  // for tests: the worker's fold, tokens and name keys, to hold against atlas/*.py
  fold: function (index, message) {
    return message.texts.map(function (text) { return index.folder.fold(text); });
  },
  tokens: function (index, message) {
    return message.texts.map(function (text) { return tokenize(text, message.across); });
  },
  nameKeys: function (index, message) { return message.texts.map(nameKey); },
  buckets: function (index, message) {
    return message.texts.map(function (text) { return bucket(text, message.count); });
  },
  mayBeNames: function (index, message) {
    return index.nameFilter().then(function () { return message.texts.map(function (key) { return index.mayBeName(key); }); });
  },
  postings: function (index, message) {
    return message.texts.map(function (text) { return Array.from(decodeVlq(text)); });
  },
};
self.onmessage = function (event) {
  var message = event.data;
  if (message.type === "open") {
    ready = fetch(message.index).then(function (response) {
      if (!response.ok) throw new Error(message.index + ": " + response.status);
      return response.json();
    }).then(function (entry) {
      var index = new Index(entry, message.index);
      index.lengths();
      index.cards();
      index.nameFilter();
      return index;
    });
    ready.catch(function (error) { self.postMessage({ id: 0, error: String(error) }); });
    return;
  }
  ready.then(function (index) { return ANSWERS[message.type](index, message); })
    .then(function (answer) { self.postMessage({ id: message.id, answer: answer }); })
    .catch(function (error) { self.postMessage({ id: message.id, error: String(error) }); });
};
