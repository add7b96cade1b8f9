// json-stable-stringify 1.3.0 for the app's bundle (scripts/cdktf-patches.mjs, patch 6): same bytes,
// tested against the original in test/reliability/stable-stringify.test.ts.
'use strict';
var EMPTY_OBJECT = '\u0000awsvpc-empty-object\u0000';
var EMPTY_ARRAY = '\u0000awsvpc-empty-array\u0000';
var PLACEHOLDER = /"\\u0000awsvpc-empty-(object|array)\\u0000"/g;
var INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;
var PLAIN_PATH = new Error('take the plain path');
function sortedCopy(node) {
  if (typeof node === 'string') {
    if (node.indexOf('\u0000') !== -1) {
      throw PLAIN_PATH;
    }
    return node;
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  if (typeof node.toJSON === 'function') {
    throw PLAIN_PATH;
  }
  var i;
  if (Array.isArray(node)) {
    if (node.length === 0) {
      return EMPTY_ARRAY;
    }
    var arr = new Array(node.length);
    for (i = 0; i < node.length; i++) {
      arr[i] = sortedCopy(node[i]);
    }
    return arr;
  }
  var keys = Object.keys(node).sort();
  var out = {};
  var members = 0;
  for (i = 0; i < keys.length; i++) {
    if (INDEX_LIKE.test(keys[i])) {
      throw PLAIN_PATH;
    }
    var value = node[keys[i]];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
      continue;
    }
    out[keys[i]] = sortedCopy(value);
    members += 1;
  }
  return members === 0 ? EMPTY_OBJECT : out;
}
function emptyContainer(match, kind, offset, text) {
  var lineStart = text.lastIndexOf('\n', offset) + 1;
  var end = lineStart;
  while (text.charCodeAt(end) === 32) {
    end += 1;
  }
  var indent = text.slice(lineStart, end);
  return kind === 'object' ? '{\n' + indent + '}' : '[\n' + indent + ']';
}
module.exports = function stableStringify(obj, opts) {
  if (
    opts !== undefined &&
    opts !== null &&
    typeof opts === 'object' &&
    opts.space === 2 &&
    Object.keys(opts).length === 1
  ) {
    var copy;
    // A cycle overflows the stack here; the plain path reports it as JSON.stringify does.
    try {
      copy = sortedCopy(obj);
    } catch (e) {
      if (e !== PLAIN_PATH && !(e instanceof RangeError)) {
        throw e;
      }
      copy = PLAIN_PATH;
    }
    if (copy !== PLAIN_PATH) {
      var text = JSON.stringify(copy, null, 2);
      return text === undefined ? text : text.replace(PLACEHOLDER, emptyContainer);
    }
  }
  return plainStableStringify(obj, opts);
};
function plainStableStringify(obj, opts) {
  if (opts !== undefined && (typeof opts !== 'object' || Object.keys(opts).some((k) => k !== 'space'))) {
    throw new Error('json-stable-stringify in the awsvpc-ecs app bundle supports the { space } option only');
  }
  var space = (opts && opts.space) || '';
  if (typeof space === 'number') {
    var s = '';
    for (var n = 0; n < space; n += 1) {
      s += ' ';
    }
    space = s;
  }
  var colonSeparator = space ? ': ' : ':';
  var indents = [];
  var seen = [];
  function indentOf(level) {
    var indent = indents[level];
    if (indent === undefined) {
      indent = space ? '\n' + space.repeat(level) : '';
      indents[level] = indent;
    }
    return indent;
  }
  function stringify(node, level) {
    if (node && node.toJSON && typeof node.toJSON === 'function') {
      node = node.toJSON();
    }
    if (node === undefined) {
      return;
    }
    if (typeof node !== 'object' || node === null) {
      return JSON.stringify(node);
    }
    var indent = indentOf(level);
    var out = '';
    var i;
    if (Array.isArray(node)) {
      for (i = 0; i < node.length; i++) {
        var item = stringify(node[i], level + 1) || 'null';
        out += (i > 0 ? ',' : '') + indent + space + item;
      }
      return '[' + out + indent + ']';
    }
    if (seen.indexOf(node) !== -1) {
      throw new TypeError('Converting circular structure to JSON');
    }
    seen.push(node);
    var keys = Object.keys(node).sort();
    var first = true;
    for (i = 0; i < keys.length; i++) {
      var value = stringify(node[keys[i]], level + 1);
      if (!value) {
        continue;
      }
      out += (first ? '' : ',') + indent + space + JSON.stringify(keys[i]) + colonSeparator + value;
      first = false;
    }
    seen.splice(seen.indexOf(node), 1);
    return '{' + out + indent + '}';
  }
  return stringify(obj, 0);
}
