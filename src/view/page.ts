/**
 * The viewer's page, stylesheet and script, served from the viewer's own
 * origin (the Content-Security-Policy allows nothing else). The script builds
 * every piece of model-written text as a text node: it never assigns HTML.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

function pageHtml(title: string, filters: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header><h1>Record viewer</h1><span id="dataset"></span></header>
<div id="banner" class="banner" hidden>SYNTHETIC sample: generated data, NOT the real BigCodeReward votes.</div>
<div id="layout">
<aside>
<form id="filters">
${filters}
</form>
<div id="pager"><button type="button" id="prev">&larr;</button><span id="range"></span><button type="button" id="next">&rarr;</button></div>
<ol id="list"></ol>
</aside>
<main id="record"><p class="muted">Pick a record on the left.</p></main>
</div>
</body>
</html>
`;
}

export const PAGE_HTML = pageHtml('BigCodeReward record viewer', `<label>Topic <select name="topic"></select></label>
<label>Language <select name="language"></select></label>
<label>Environment <select name="environment"></select></label>
<label>Human vote <select name="vote"></select></label>
<label class="check"><input type="checkbox" name="disagree"> judges disagree with the human</label>`);

/** The same page on arena records: one per prompt and candidate, filtered by model, environment, topic and verdict. */
export const ARENA_PAGE_HTML = pageHtml('AutoCodeArena record viewer', `<label>Model <select name="model"></select></label>
<label>Environment <select name="environment"></select></label>
<label>Topic <select name="topic"></select></label>
<label>Verdict (candidate as A) <select name="verdict"></select></label>`);

const OWN_STYLE = `
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 0; font-size: 14px; color: #1b1f24; }
header { display: flex; gap: 16px; align-items: baseline; padding: 8px 16px; border-bottom: 1px solid #d0d7de; }
header h1 { font-size: 18px; margin: 0; }
.banner { background: #fff4ce; color: #7a4d00; padding: 6px 16px; font-weight: bold; }
#layout { display: grid; grid-template-columns: 320px 1fr; min-height: calc(100vh - 50px); }
aside { border-right: 1px solid #d0d7de; padding: 8px; overflow-y: auto; max-height: calc(100vh - 50px); }
#filters label { display: block; margin: 4px 0; }
#filters select { width: 100%; }
#pager { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
#list { list-style: none; padding: 0; margin: 0; }
#list li a { display: block; padding: 4px 6px; border-bottom: 1px solid #eaeef2; color: inherit; text-decoration: none; }
#list li a.current { background: #ddf4ff; }
#list .meta { color: #57606a; font-size: 12px; }
main { padding: 8px 16px; overflow-x: auto; }
.muted { color: #57606a; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.side { min-width: 0; border: 1px solid #d0d7de; border-radius: 4px; padding: 8px; }
.side h3 { margin: 0 0 4px; font-size: 15px; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; padding: 6px; max-height: 420px; overflow: auto; margin: 4px 0 8px; }
pre.error { background: #ffebe9; }
.screenshot img { max-width: 100%; border: 1px solid #d0d7de; }
table.verdicts { border-collapse: collapse; width: 100%; }
table.verdicts td, table.verdicts th { border-bottom: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
.agree { color: #1a7f37; } .disagree { color: #cf222e; }
`;

let style: string | undefined;

/** Our styles plus highlight.js's GitHub theme (read from the installed package: no network). */
export function pageStyle(): string {
  if (style === undefined) {
    const theme = readFileSync(createRequire(import.meta.url).resolve('highlight.js/styles/github.css'), 'utf8');
    style = `${OWN_STYLE}\n${theme}`;
  }
  return style;
}

export const CLIENT_SCRIPT = String.raw`'use strict';
(function () {
  const PAGE = 50;
  const state = { offset: 0, total: 0, current: null };
  const $ = (id) => document.getElementById(id);
  const form = $('filters');

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) node.append(child);
    return node;
  }
  const text = (t) => document.createTextNode(t == null ? '' : String(t));
  const recordLink = (id) => '#/record/' + encodeURIComponent(id);

  async function getJson(url) {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(url + ': ' + res.status);
    return res.json();
  }

  function query() {
    const params = new URLSearchParams();
    for (const select of form.querySelectorAll('select')) {
      if (select.value !== '') params.set(select.name, select.value);
    }
    if (form.elements.disagree && form.elements.disagree.checked) params.set('disagree', '1');
    params.set('offset', String(state.offset));
    params.set('limit', String(PAGE));
    return params;
  }

  async function loadFacets() {
    const info = await getJson('/api/info');
    $('dataset').textContent = info.dataset + ' (' + info.records + ' records, ' + info.verdicts + ' verdicts)';
    $('banner').hidden = !info.synthetic;
    for (const [name, values] of Object.entries(info.facets)) {
      const select = form.elements[name];
      if (!select) continue;
      select.append(el('option', { value: '', text: 'all' }));
      for (const { value, count } of values) select.append(el('option', { value: value, text: value + ' (' + count + ')' }));
    }
  }

  async function loadList() {
    const page = await getJson('/api/records?' + query().toString());
    state.total = page.total;
    const list = $('list');
    list.replaceChildren();
    for (const r of page.records) {
      const a = el('a', { href: recordLink(r.id), 'data-id': r.id }, r.kind === 'arena' ? [
        el('div', { text: r.model + ' vs ' + r.baseline }),
        el('div', { class: 'meta', text: r.uid + ' · ' + r.topic + ' · ' + r.environment + ' · AB: ' + (r.verdicts.AB || 'none') + ' · BA: ' + (r.verdicts.BA || 'none') }),
      ] : [
        el('div', { text: r.modelA + ' vs ' + r.modelB }),
        el('div', { class: 'meta', text: r.topic + ' · ' + r.language + ' · ' + r.environment + ' · human: ' + r.vote + (r.disagree ? ' · judges disagree' : '') }),
      ]);
      if (r.id === state.current) a.classList.add('current');
      list.append(el('li', {}, [a]));
    }
    const end = Math.min(page.offset + page.records.length, page.total);
    $('range').textContent = page.total === 0 ? 'no records' : (page.offset + 1) + '–' + end + ' of ' + page.total;
    $('prev').disabled = page.offset === 0;
    $('next').disabled = end >= page.total;
  }

  function section(title, body) {
    return [el('h4', { text: title }), body];
  }

  function codeBlock(highlighted) {
    const code = el('code', { class: 'hljs language-' + highlighted.language });
    for (const [cls, t] of highlighted.tokens) code.append(cls ? el('span', { class: cls }, [text(t)]) : text(t));
    return el('pre', {}, [code]);
  }

  function sideView(label, s, id, key) {
    const parts = [
      el('h3', { text: label + ': ' + s.model }),
      el('div', { class: 'muted', text: s.language + ' · ' + s.environment + ' · run: ' + s.status + ' (' + s.source + ')' }),
      ...section('Answer', el('pre', { class: 'answer', text: s.answer })),
      ...section('Code', codeBlock(s.highlighted)),
      ...section('Output', s.output ? el('pre', { class: 'output', text: s.output }) : el('p', { class: 'muted', text: 'none' })),
      ...section('Error', s.error ? el('pre', { class: 'error', text: s.error }) : el('p', { class: 'muted', text: 'none' })),
    ];
    if (s.hasScreenshot) {
      const img = el('img', { alt: 'screenshot of side ' + label, loading: 'lazy', src: '/api/records/' + encodeURIComponent(id) + '/screenshot/' + key });
      parts.push(...section('Screenshot', el('div', { class: 'screenshot' }, [img])));
    } else parts.push(...section('Screenshot', el('p', { class: 'muted', text: 'none' })));
    return el('div', { class: 'side side-' + key }, parts);
  }

  function verdictTable(verdicts) {
    if (verdicts.length === 0) return el('p', { class: 'muted', text: 'No judge verdicts for this record.' });
    const head = el('tr', {}, ['judge', 'mode', 'order', 'verdict', 'reasoning'].map((h) => el('th', { text: h })));
    const rows = verdicts.map((v) => el('tr', { class: 'verdict' }, [
      el('td', { text: v.judge }), el('td', { text: v.mode }), el('td', { text: v.order }),
      el('td', { class: v.agreesWithHuman === null ? '' : v.agreesWithHuman ? 'agree' : 'disagree', text: v.verdict }),
      el('td', { class: 'reasoning', text: v.reasoning || v.error || '' }),
    ]));
    return el('table', { class: 'verdicts' }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function arenaVerdictTable(verdicts) {
    if (verdicts.length === 0) return el('p', { class: 'muted', text: 'No verdicts for this prompt.' });
    const head = el('tr', {}, ['judge', 'order', 'as shown', 'candidate as A', 'reasoning'].map((h) => el('th', { text: h })));
    const rows = verdicts.map((v) => el('tr', { class: 'verdict' }, [
      el('td', { text: v.judge }), el('td', { text: v.order + (v.order === 'AB' ? ' (candidate shown as A)' : ' (baseline shown as A)') }),
      el('td', { text: v.shown || 'unparseable' }), el('td', { class: 'label', text: v.label || 'unparseable' }),
      el('td', {}, [el('pre', { class: 'reasoning', text: v.reasoning || v.error || '' })]),
    ]));
    return el('table', { class: 'verdicts' }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function arenaSide(label, s, id, key) {
    return s ? sideView(label, s, id, key) : el('div', { class: 'side side-' + key }, [el('h3', { text: label }), el('p', { class: 'muted', text: 'No answer.' })]);
  }

  function showArena(r) {
    return [
      el('h2', { text: 'Prompt ' + r.uid }),
      el('p', {}, [el('a', { href: recordLink(r.id), text: 'link to this record' })]),
      el('div', { class: 'muted', text: 'topic: ' + r.topic }),
      ...section('Instruction', el('pre', { class: 'instruction', text: r.instruction })),
      el('div', { class: 'sides' }, [arenaSide('Candidate', r.a, r.id, 'a'), arenaSide('Baseline', r.b, r.id, 'b')]),
      ...section('Verdicts (five-point, both orders)', arenaVerdictTable(r.verdicts)),
    ];
  }

  async function showRecord(id) {
    state.current = id;
    for (const a of document.querySelectorAll('#list a')) a.classList.toggle('current', a.getAttribute('data-id') === id);
    const main = $('record');
    let r;
    try {
      r = await getJson('/api/records/' + encodeURIComponent(id));
    } catch (err) {
      main.replaceChildren(el('p', { class: 'muted', text: 'No record ' + id }));
      return;
    }
    if (r.kind === 'arena') {
      main.replaceChildren(...showArena(r));
      return;
    }
    main.replaceChildren(
      el('h2', { text: 'Record ' + r.id }),
      el('p', {}, [el('a', { href: recordLink(r.id), text: 'link to this record' })]),
      el('div', { class: 'muted', text: 'topic: ' + r.topic }),
      el('p', { class: 'vote' }, [text('Human vote: '), el('strong', { id: 'human-vote', text: r.vote })]),
      ...section('Instruction', el('pre', { class: 'instruction', text: r.instruction })),
      el('div', { class: 'sides' }, [sideView('A', r.a, r.id, 'a'), sideView('B', r.b, r.id, 'b')]),
      ...section('Judge verdicts', verdictTable(r.verdicts)),
    );
  }

  function route() {
    const m = /^#\/record\/(.+)$/.exec(location.hash);
    const id = m ? decodeURIComponent(m[1]) : new URLSearchParams(location.search).get('id');
    if (id) showRecord(id);
  }

  form.addEventListener('change', () => { state.offset = 0; loadList(); });
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadList(); });
  $('next').addEventListener('click', () => { state.offset += PAGE; loadList(); });
  window.addEventListener('hashchange', route);
  loadFacets().then(loadList).then(route);
})();
`;
