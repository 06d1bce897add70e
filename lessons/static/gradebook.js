/* The teacher's gradebook in the browser (teacher/gradebook.html): no Python, no server, no network.
   It mirrors lessons/assessment/gradebook.py and grading.py rule for rule: every file is untrusted (size first,
   UTF-8 only, bounded depth and answer length, lone surrogates and control characters replaced), every mark is
   recomputed from the answers (a stored "correct" is ignored), and whether a question is solved is decided by
   the course's one rule, window.gsVerdict (lessons/static/verdict.js, from core.verdict) with D.rule. The limits come from the page's JSON (written from gradebook.py). */
var D = JSON.parse(root.querySelector('script.gs-gradebook-data').textContent), LIM = D.limits, Q = D.questions;
var PYSPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
var UNSAFE = /[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
function isObj(x) { return x !== null && typeof x === 'object' && !Array.isArray(x); }
function cps(s) { return Array.from(s); }
function cut(s, n) { var a = cps(s); return a.length > n ? a.slice(0, n).join('') : s; }
function pyStrip(s) { return s.replace(new RegExp('^' + PYSPACE.source), '').replace(new RegExp(PYSPACE.source + '$'), ''); }
function words(s) { return s.split(PYSPACE).filter(function (w) { return w !== ''; }).join(' '); }
/* lone surrogates: JavaScript strings may hold them; the gradebook shows U+FFFD, like Python's _clean */
function fixSurrogates(s) {
  var out = '', i, c, d;
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { d = s.charCodeAt(i + 1); if (d >= 0xdc00 && d <= 0xdfff) { out += s[i] + s[i + 1]; i++; continue; } }
    out += (c >= 0xd800 && c <= 0xdfff) ? '\ufffd' : s[i];
  }
  return out;
}
function pyStr(v) {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True'; if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return '[' + v.map(function (x) { return typeof x === 'string' ? "'" + x + "'" : pyStr(x); }).join(', ') + ']';
  return '{…}';
}
function describeValue(v) {
  if (Array.isArray(v)) return '[' + v.slice(0, 10).map(function (x) { return (x !== null && typeof x === 'object') ? '…' : clean(x, 20); }).join(', ') + (v.length > 10 ? ', …]' : ']');
  if (isObj(v)) return '{…}';
  return typeof v;
}
function clean(value, limit) {
  limit = limit || 80; var text;
  if (typeof value === 'string') text = cut(value, limit * 4);
  else if (value === null || value === undefined) text = '';
  else if (typeof value === 'number' || typeof value === 'boolean') text = (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e30) ? '(a very long number)' : pyStr(value);
  else text = describeValue(value);
  text = fixSurrogates(text).replace(UNSAFE, '\ufffd');
  return cut(words(text), limit);
}
/* ---- grading.py ---- */
function nt(s) { return String(s).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(); }
/* Python reads a decimal digit of any script ("６", "٣") as its value. Every script's digits 0-9 are ten code
   points in a row, so a digit's value is how many digits come just before it in code-point order (mod 10). */
function asciiDigits(s) {
  return s.replace(/\p{Nd}/gu, function (ch) {
    var cp = ch.codePointAt(0), n = 0;
    while (n < 60 && /^\p{Nd}$/u.test(String.fromCodePoint(cp - n - 1))) n++;
    return String(n % 10);
  });
}
function asIndex(v) {
  if (typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string') { var s = pyStrip(v); return /^\p{Nd}+$/u.test(s) ? parseInt(asciiDigits(s), 10) : null; }
  return null;
}
function parseNumber(v) {
  if (typeof v === 'boolean') return null;
  if (typeof v === 'number') return isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  var t = pyStrip(v).replace(/\u2212|\u2013/g, '-');
  t = t.replace(new RegExp('(?:' + PYSPACE.source.slice(0, -1) + ')*(%|[a-zA-Z][a-zA-Z .]*)$'), '');
  t = asciiDigits(t).replace(/,(?=\d{3}(?!\d))/g, '').replace(/ /g, '');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? parseFloat(t) : null;
}
/* [correct, counted] like grading.grade's Result */
function grade(q, a) {
  var t = q.type, k = q.answer, i;
  if (t === 'single') {
    if (a === null || a === undefined || a === '') return [false, false];
    var idx = asIndex(a);
    if (idx === null && typeof a === 'string') { var w = nt(a); for (i = 0; i < q.options.length; i++) { if (nt(q.options[i]) === w) { idx = i; break; } } }
    if (idx === null || idx < 0 || idx >= q.options.length) return [false, false];
    return [idx === k, true];
  }
  if (t === 'multiple') {
    if (a === null || a === undefined || (Array.isArray(a) && !a.length)) return [false, false];
    if (!Array.isArray(a)) return [false, false];
    var chosen = {}, n = 0;
    for (i = 0; i < a.length; i++) { var x = asIndex(a[i]); if (x === null || x < 0 || x >= q.options.length) return [false, false]; if (!chosen[x]) { chosen[x] = 1; n++; } }
    return [n === k.length && k.every(function (y) { return chosen[y]; }), true];
  }
  if (t === 'truefalse') {
    if (a === null || a === undefined || a === '') return [false, false];
    if (typeof a === 'string') { var wd = nt(a); if (wd === 'true') a = true; else if (wd === 'false') a = false; }
    if (typeof a !== 'boolean') return [false, false];
    return [a === k, true];
  }
  if (t === 'ordering' || t === 'matching') {
    var slots = k.length;
    if (!Array.isArray(a)) return [false, false];
    var vals = [];
    for (i = 0; i < a.length; i++) { if (a[i] === null || a[i] === '') { vals.push(null); continue; } var v2 = asIndex(a[i]); if (v2 === null) return [false, false]; vals.push(v2); }
    while (vals.length < slots) vals.push(null);
    var nChoices = t === 'ordering' ? q.options.length : q.options.right.length;
    if (vals.length !== slots || vals.some(function (v3) { return v3 !== null && (v3 < 0 || v3 >= nChoices); })) return [false, false];
    var missing = vals.filter(function (v4) { return v4 === null; }).length;
    if (missing) return [false, false];
    if (t === 'ordering' && new Set(vals).size !== vals.length) return [false, false];
    return [vals.every(function (v5, j) { return v5 === k[j]; }), true];
  }
  if (t === 'numeric') {
    if (a === null || a === undefined || (typeof a === 'string' && !pyStrip(a))) return [false, false];
    var num = parseNumber(a); if (num === null) return [false, false];
    return [Math.abs(num - k) <= q.tol + 1e-9, true];
  }
  if (t === 'text') {
    if (a === null || a === undefined || (typeof a === 'string' && !pyStrip(a))) return [false, false];
    if (typeof a !== 'string') return [false, false];
    var g = nt(a); if (!g) return [false, false];
    return [q.alts.some(function (y) { return nt(y) === g; }), true];
  }
  throw new Error('unknown type');
}
function short(s) { var a = cps(s); return a.length <= 40 ? s : a.slice(0, 39).join('').replace(/\s+$/, '') + '…'; }
function pick(list, a) { var i = asIndex(a); if (i === null) throw new Error('index'); if (i < 0) i += list.length; if (i < 0 || i >= list.length) throw new Error('index'); return list[i]; }
function describe(q, a) {
  var t = q.type;
  try {
    if (t === 'single') { var i = asIndex(a); return i !== null ? pick(q.options, i) : pyStr(a); }
    if (t === 'multiple') return a.slice().sort(function (x, y) { x = pyStr(x); y = pyStr(y); return x < y ? -1 : x > y ? 1 : 0; }).map(function (x) { return pick(q.options, x); }).join('; ');
    if (t === 'truefalse') return a === true ? 'True' : a === false ? 'False' : pyStr(a);
    if (t === 'ordering') return a.map(function (x) { return x === null ? '?' : pick(q.options, x); }).join(' → ');
    if (t === 'matching') { var L = q.options.left, R = q.options.right, out = []; for (var j = 0; j < Math.min(L.length, a.length); j++) out.push(short(L[j]) + ' = ' + (a[j] === null ? '?' : pick(R, a[j]))); return out.join('; '); }
  } catch (e) { /* like Python: fall back to the answer as text */ }
  return pyStrip(pyStr(a));
}
/* ---- reading a file (gradebook.read_results) ---- */
function depthOk(doc, limit) {
  var stack = [[doc, 1]];
  while (stack.length) {
    var top = stack.pop(), v = top[0], d = top[1];
    if (v !== null && typeof v === 'object') {
      if (d > limit) return false;
      var vals = Array.isArray(v) ? v : Object.keys(v).map(function (k) { return v[k]; });
      for (var i = 0; i < vals.length; i++) stack.push([vals[i], d + 1]);
    }
  }
  return true;
}
function bounded(v, kind) {
  if (typeof v === 'string') return cps(v).length <= (kind === 'numeric' ? LIM.MAX_NUMBER_CHARS : LIM.MAX_ANSWER_CHARS);
  if (typeof v === 'number' && Number.isInteger(v)) return Math.abs(v) < 1e30;
  if (Array.isArray(v)) return v.length <= LIM.MAX_ANSWER_ITEMS && v.every(function (x) { return !(x !== null && typeof x === 'object') && bounded(x, ''); });
  if (isObj(v)) return false;
  return true;
}
function readDoc(bytes) {
  var text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); }
  catch (e) { return [null, has(LIM, 'MAX_DEPTH') ? 'it is not UTF-8 text (it may be damaged, or saved in another encoding)' : 'it is not a readable JSON file (it may be damaged or only partly copied)']; }
  var doc;
  try { doc = JSON.parse(text); }
  catch (e) { return [null, e instanceof RangeError ? 'it is nested far too deeply to be a results file' : 'it is not a readable JSON file (it may be damaged or only partly copied)']; }
  if (has(LIM, 'MAX_DEPTH') && !depthOk(doc, LIM.MAX_DEPTH)) return [null, 'it is nested far too deeply to be a results file'];
  if (!isObj(doc) || D.formats.indexOf(doc.format) < 0) return [null, 'it is not a results file of this course (it has no "format": "gsomia-results")'];
  if (!(doc.version === 1 || doc.version === true)) return [null, 'it is a results file of an unknown version (' + clean(doc.version, 20) + ')'];
  if (!Array.isArray(doc.answers)) return [null, 'its "answers" are missing or not a list'];
  return [doc, null];
}
/* ---- the class (gradebook.build + classbook.summary) ---- */
function markStudent(file, doc) {
  var st = { file: file, name: clean(doc.name) || clean(file.replace(/\.[^.]*$/, '')), group: clean(doc.group),
             solved: {}, order: [], first: {}, unknown: 0, too_long: 0, wrong: {} };
  var answers = doc.answers, logs = {};
  if (has(LIM, 'MAX_ANSWERS') && answers.length > LIM.MAX_ANSWERS) { st.too_long += answers.length - LIM.MAX_ANSWERS; answers = answers.slice(0, LIM.MAX_ANSWERS); }
  answers.forEach(function (e) {
    if (!isObj(e) || typeof e.question !== 'string') return;
    var qid = e.question, q = has(Q, qid) ? Q[qid] : null, a = has(e, 'answer') ? e.answer : null;
    if (!q) { st.unknown++; return; }
    if (has(LIM, 'MAX_ANSWER_CHARS') && !bounded(a, q.type)) { st.too_long++; return; }
    var r; try { r = grade(q, a); } catch (err) { return; }
    if (!r[1]) return;
    if (!has(logs, qid)) { logs[qid] = []; st.order.push(qid); }
    logs[qid].push({ correct: r[0] });
    if (!r[0]) { var txt; try { txt = clean(describe(q, a), 120); } catch (err2) { txt = clean(a, 120); } (st.wrong[qid] = st.wrong[qid] || []).push(txt); }
  });
  /* the one rule (core.verdict, verdict.js): each question's counted attempts, in file order */
  st.order.forEach(function (qid) { var v = window.gsVerdict(logs[qid], D.rule.max_tries); st.solved[qid] = v.solved; st.first[qid] = v.first_try; });
  return st;
}
function pct(r, t) { return t ? Math.floor((200 * r + t) / (2 * t)) : 0; }
function summarise(students, skipped) {
  var lessons = {}, totals = {}, ids = Object.keys(Q), total = ids.length, items = {};
  ids.forEach(function (id) { var l = id.slice(0, 2); totals[l] = (totals[l] || 0) + 1; lessons[l] = 1; });
  var ls = Object.keys(lessons).sort();
  var out = students.map(function (s) {
    var per = {}, correct = 0;
    ls.forEach(function (l) { var qs = s.order.filter(function (q) { return q.slice(0, 2) === l; }); per[l] = [qs.length, qs.filter(function (q) { return s.solved[q]; }).length, totals[l]]; });
    s.order.forEach(function (q) { if (s.solved[q]) correct++; });
    s.order.forEach(function (q) {
      var it = items[q] || (items[q] = { id: q, students: 0, solved: 0, first_try: 0, wrong: {} });
      it.students++; if (s.solved[q]) it.solved++; if (s.first[q]) it.first_try++;
      Array.from(new Set(s.wrong[q] || [])).forEach(function (w) { it.wrong[w] = (it.wrong[w] || 0) + 1; });
    });
    return { file: s.file, name: s.name, group: s.group, answered: s.order.length, correct: correct, total: total,
             percent: pct(correct, total), unknown: s.unknown, too_long: s.too_long, lessons: per };
  });
  var ranked = Object.keys(items).map(function (k) {
    var it = items[k], best = ['', 0];
    Object.keys(it.wrong).forEach(function (w) { var n = it.wrong[w]; if (n > best[1] || (n === best[1] && w < best[0])) best = [w, n]; });
    return { id: it.id, students: it.students, solved: it.solved, first_try: it.first_try, wrong: best[0], wrong_n: best[1],
             p: 100 * it.solved / it.students, f: 100 * it.first_try / it.students };
  });
  ranked.sort(function (a, b) { return a.p - b.p || a.f - b.f || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
  var ident = {}, dups = [];
  students.forEach(function (s) { var key = JSON.stringify([words(s.name.toLowerCase()), words(s.group.toLowerCase())]); (ident[key] = ident[key] || []).push(s); });
  if (has(LIM, 'MAX_DEPTH')) Object.keys(ident).forEach(function (k) { var g = ident[k]; if (g.length > 1) dups.push([g[0].name, g[0].group, g.map(function (s) { return s.file; }).sort()]); });
  dups.sort(function (a, b) { var x = JSON.stringify(a), y = JSON.stringify(b); return x < y ? -1 : x > y ? 1 : 0; });
  return { students: out, items: ranked.map(function (r) { return { id: r.id, students: r.students, solved: r.solved, first_try: r.first_try, wrong: r.wrong, wrong_n: r.wrong_n }; }),
           skipped: skipped.map(function (s) { return s[0]; }).sort(), duplicates: dups, lessons: ls, totals: totals };
}
function textOf(v, limit) { var t = typeof v === 'string' ? cut(v, limit || 4000) : ''; return pyStrip(fixSurrogates(t).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '\ufffd')); }
function extras(doc) {
  var d = isObj(doc.decision) ? doc.decision : null, dec = null;
  if (d) dec = { choice: textOf(d.choice, 40), label: textOf(d.choice_label, 200), role: textOf(d.role, 60), rationale: textOf(d.rationale) };
  var refl = [];
  (Array.isArray(doc.reflections) ? doc.reflections : []).forEach(function (r) { if (isObj(r) && textOf(r.text)) refl.push({ id: textOf(r.id, 60), text: textOf(r.text) }); });
  var charts = Array.isArray(doc.sourcing) ? doc.sourcing.filter(isObj).length : 0;
  return { decision: dec, reflections: refl.slice(0, 20), sourcing: charts };
}
/* ---- CSV (classbook.class_csv) ---- */
function csvCell(v) { v = String(v); if (/^[=+\-@\t\r]/.test(v)) v = "'" + v; return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
function toCsv(sum, work) {
  var head = ['name', 'group', 'file', 'answered', 'right', 'questions', 'percent'].concat(sum.lessons.map(function (l) { return 'lesson ' + l + ' right (of ' + sum.totals[l] + ')'; }), ['decision']);
  var rows = [head.join(',')];
  sum.students.forEach(function (s) {
    var d = (work[s.file] || {}).decision || {};
    rows.push([csvCell(s.name), csvCell(s.group), csvCell(s.file), s.answered, s.correct, s.total, s.percent].concat(sum.lessons.map(function (l) { return s.lessons[l][1]; }), [csvCell(d.choice || '')]).join(','));
  });
  return rows.join('\r\n') + '\r\n';
}
/* ---- the page ---- */
function el(tag, text, attrs) { var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = text; if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); return e; }
function table(caption, head, rows) {
  var t = el('table'), th = el('thead'), tr = el('tr'), tb = el('tbody');
  t.appendChild(el('caption', caption));
  head.forEach(function (h) { tr.appendChild(el('th', h, { scope: 'col' })); }); th.appendChild(tr); t.appendChild(th);
  rows.forEach(function (r) { var row = el('tr'); r.forEach(function (c, i) { row.appendChild(el(i ? 'td' : 'th', c, i ? null : { scope: 'row' })); }); tb.appendChild(row); });
  t.appendChild(tb); var wrap = el('div', null, { 'class': 'gs-table-wrap', 'tabindex': '0', 'role': 'region', 'aria-label': 'Table (scrolls sideways)' }); wrap.appendChild(t); return wrap;
}
var out = root.querySelector('.gs-gb-out'), status = root.querySelector('.gs-gb-status'), csvText = '', csvName = 'class.csv';
function render(sum, work, skipped) {
  out.textContent = '';
  var P = D.prompts || {};
  out.appendChild(el('p', sum.students.length + ' file(s) read, ' + skipped.length + ' skipped. Scores count a question as right when it was answered correctly within ' + D.rule.max_tries + ' tries, out of every question of the course (' + Object.keys(Q).length + '); unanswered questions count as not yet.'));
  if (skipped.length) { out.appendChild(el('h2', 'Skipped files')); var ul = el('ul'); skipped.forEach(function (s) { ul.appendChild(el('li', 'Skipped ' + s[0] + ': ' + s[1] + '.')); }); out.appendChild(ul); }
  if (sum.duplicates.length) { out.appendChild(el('h2', 'Duplicates')); var ud = el('ul'); sum.duplicates.forEach(function (d) { ud.appendChild(el('li', 'Duplicate: ' + d[0] + ' (' + d[1] + ') is in ' + d[2].length + ' files: ' + d[2].join(', ') + '.')); }); out.appendChild(ud); }
  out.appendChild(el('h2', 'Students × lessons'));
  out.appendChild(table('Right within ' + D.rule.max_tries + ' tries, per lesson (of the lesson\'s questions)', ['Name', 'Group'].concat(sum.lessons.map(function (l) { return 'Lesson ' + l; }), ['Course', 'Score']),
    sum.students.slice().sort(function (a, b) { var x = [a.group.toLowerCase(), a.name.toLowerCase(), a.file], y = [b.group.toLowerCase(), b.name.toLowerCase(), b.file]; return x < y ? -1 : x > y ? 1 : 0; })
      .map(function (s) { return [s.name, s.group].concat(sum.lessons.map(function (l) { var c = s.lessons[l]; return c[0] ? c[1] + ' of ' + c[2] : 'not yet'; }), [s.correct + ' of ' + s.total, s.percent + ' %']); })));
  out.appendChild(el('h2', 'Questions, hardest first (item analysis)'));
  out.appendChild(table('Difficulty: percent of the students who answered a question and got it right', ['Question', 'Prompt', 'Students', 'Right', 'Right first try', 'Most common wrong answer'],
    sum.items.map(function (i) { return [i.id, Q[i.id].prompt, String(i.students), pct(i.solved, i.students) + ' %', pct(i.first_try, i.students) + ' %', i.wrong_n ? i.wrong + ' (' + i.wrong_n + ')' : '—']; })));
  out.appendChild(el('h2', 'Decisions, memos and reflections'));
  var files = Object.keys(work).sort();
  if (!files.length) out.appendChild(el('p', 'No work files (gsomia-work-….json) among these, so there is nothing to read here.'));
  files.forEach(function (f) {
    var s = sum.students.filter(function (x) { return x.file === f; })[0], w = work[f], sec = el('section');
    sec.appendChild(el('h3', s.name + ' (' + s.group + ', ' + f + ')'));
    sec.appendChild(el('p', w.decision ? 'Decision: ' + (w.decision.label || w.decision.choice) + '. Reasons: ' + w.decision.rationale : 'No decision recorded.'));
    w.reflections.forEach(function (r) { sec.appendChild(el('p', (P[r.id] || r.id) + ': ' + r.text)); });
    out.appendChild(sec);
  });
}
function run(fileList) {
  var files = Array.prototype.slice.call(fileList).sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
  status.textContent = 'Reading ' + files.length + ' file(s)…';
  var students = [], skipped = [], work = {}, t0 = performance.now();
  function one(i) {
    if (i >= files.length) {
      var sum = summarise(students, skipped); sum.work = {}; Object.keys(work).sort().forEach(function (k) { sum.work[k] = work[k]; });
      csvText = toCsv(sum, work); render(sum, work, skipped);
      root.gsResult = { summary: sum, csv: csvText, ms: performance.now() - t0 };
      root.querySelector('.gs-gb-csv').disabled = false;
      status.textContent = 'Marked ' + students.length + ' file(s), skipped ' + skipped.length + '.';
      root.setAttribute('data-gs-done', String(files.length)); return;
    }
    var f = files[i], label = clean(f.name, 200);
    if (has(LIM, 'MAX_BYTES') && f.size > LIM.MAX_BYTES) { skipped.push([label, 'it is larger than 1 MB (' + (f.size / 1e6).toFixed(1) + ' MB); a results file is much smaller, so this is not one']); return one(i + 1); }
    f.arrayBuffer().then(function (buf) {
      var r = readDoc(new Uint8Array(buf));
      if (!r[0]) skipped.push([label, r[1]]);
      else { students.push(markStudent(label, r[0])); if (r[0].format === D.formats[1]) work[label] = extras(r[0]); }
    }, function () { skipped.push([label, 'it could not be read']); }).then(function () { one(i + 1); });
  }
  one(0);
}
var input = root.querySelector('.gs-gb-files'), drop = root.querySelector('.gs-gb-drop');
input.addEventListener('change', function () { run(input.files); });
drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('gs-over'); });
drop.addEventListener('dragleave', function () { drop.classList.remove('gs-over'); });
drop.addEventListener('drop', function (e) { e.preventDefault(); drop.classList.remove('gs-over'); run(e.dataTransfer.files); });
root.querySelector('.gs-gb-csv').addEventListener('click', function () {
  var a = document.createElement('a'); a.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent('\ufeff' + csvText); a.download = csvName;
  root.appendChild(a); a.click(); root.removeChild(a);
});
root.querySelector('.gs-js').hidden = false; var ns = root.querySelector('.gs-noscript'); if (ns) ns.hidden = true;
