// MedLoom viewer: a small single-page app over the JSON API. Every value from the API is put into
// the page as text (textContent / attributes), never as HTML.
'use strict';

const state = { review: false, datasets: [], lastGrid: '#/grid' };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}
function q(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined && v !== null) u.set(k, v);
  return u.toString();
}
function main(...nodes) { const m = document.getElementById('main'); m.replaceChildren(...nodes); return m; }
function imageUrl(id, ds) { return '/api/samples/' + encodeURIComponent(id) + '/image.png?' + q({ dataset: ds }); }

// ---------- overview ----------
async function overview() {
  const ds = state.datasets;
  const nodes = [];
  for (const d of ds) {
    const charts = el('div', { class: 'charts' });
    const counts = d.counts || {};
    nodes.push(el('section', { class: 'panel' },
      el('h2', {}, d.title + ' (' + d.name + ')'),
      el('p', {}, `${d.samples} samples · read ${counts.read} = accepted ${counts.accepted} + rejected ${counts.rejected}`),
      el('p', {}, el('a', { href: '#/grid?' + q({ dataset: d.name }) }, 'Browse samples →')),
      charts));
    const series = [['split', 'Samples per split', d.split], ['modality', 'Per modality', d.modality],
      ['source', 'Per source', d.source], ['roi_origin', 'Samples with ROIs, by origin', d.roi_origin]];
    // One chart per task: the class distribution, which is what a user checks for imbalance.
    const byTask = {};
    for (const [k, v] of Object.entries(d.labels || {})) {
      const cut = k.indexOf('=');
      (byTask[k.slice(0, cut)] = byTask[k.slice(0, cut)] || {})[k.slice(cut + 1)] = v;
    }
    for (const [task, classes] of Object.entries(byTask)) series.push(['task-' + task, 'Labels: ' + task, classes]);
    for (const [key, title, data] of series) {
      const entries = Object.entries(data || {});
      const box = el('div', { class: 'chart', 'data-chart': key });
      box.style.height = Math.max(160, 40 + 22 * entries.length) + 'px';
      charts.append(el('div', {}, el('h3', {}, title), box));
      requestAnimationFrame(() => {
        if (!window.echarts) { box.textContent = entries.map(([k, v]) => k + ': ' + v).join(', '); return; }
        const c = echarts.init(box);
        c.setOption({
          animation: false, grid: { left: 150, right: 30, top: 10, bottom: 30 }, tooltip: {},
          xAxis: { type: 'value' }, yAxis: { type: 'category', data: entries.map(e => e[0]) },
          series: [{ type: 'bar', data: entries.map(e => e[1]), itemStyle: { color: '#3f6fd8' },
            label: { show: true, position: 'right' } }],
        });
      });
    }
  }
  main(...nodes);
}

// ---------- grid ----------
function gridParams() {
  const h = location.hash.split('?')[1] || '';
  return Object.fromEntries(new URLSearchParams(h));
}
async function grid() {
  const p = gridParams();
  if (!p.dataset && state.datasets.length) p.dataset = state.datasets[0].name;
  state.lastGrid = location.hash;
  const d = state.datasets.find(x => x.name === p.dataset) || state.datasets[0];
  const tasks = (d && d.tasks || []).map(t => t.name);
  const field = (name, label, input) => el('label', {}, label, input);
  const select = (name, options) => {
    const s = el('select', { name, id: 'f-' + name });
    for (const o of options) s.append(el('option', { value: o, selected: (p[name] || '') === o }, o || 'any'));
    return s;
  };
  const form = el('form', { class: 'filters', id: 'filters' },
    field('dataset', 'dataset', select('dataset', state.datasets.map(x => x.name))),
    field('split', 'split', select('split', ['', 'train', 'val', 'test'])),
    field('modality', 'modality', select('modality', [''].concat(Object.keys(d ? d.modality : {})))),
    field('task', 'task', select('task', [''].concat(tasks))),
    field('label', 'label', el('input', { name: 'label', id: 'f-label', value: p.label || '', size: 12 })),
    field('has_roi', 'has ROI', select('has_roi', ['', 'true', 'false'])),
    field('origin', 'ROI origin', select('origin', ['', 'mask', 'atlas', 'model', 'box', 'annotator'])),
    field('q', 'text search', el('input', { name: 'q', id: 'f-q', value: p.q || '', size: 18 })),
    d && d.search_model ? field('mode', 'by', select('mode', ['words', 'meaning'])) : null,
    el('button', { type: 'submit', id: 'apply' }, 'Apply'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const f = Object.fromEntries(new FormData(form));
    location.hash = '#/grid?' + q(f);
  });
  const status = el('p', { class: 'muted', id: 'grid-status' }, 'Loading…');
  const cards = el('div', { class: 'grid', id: 'grid' });
  const pager = el('div', { class: 'pager' });
  main(el('h2', {}, 'Samples'), form, status, cards, pager);
  try {
    const page = await api('/api/samples?' + q(p));
    status.textContent = `${page.total} samples match · showing ${page.total ? page.offset + 1 : 0}–${page.offset + page.items.length}`;
    status.dataset.total = page.total;
    for (const it of page.items) {
      cards.append(el('a', { class: 'card', href: '#/sample/' + encodeURIComponent(it.id) + '?' + q({ dataset: it.dataset }), 'data-id': it.id },
        el('img', { src: imageUrl(it.id, it.dataset), alt: it.id, loading: 'lazy' }),
        el('div', { class: 'meta' }, `${it.split} · ${it.modality} ${it.view || ''}` + (it.score !== undefined ? ` · ${it.score.toFixed(3)}` : '')),
        el('div', { class: 'meta' }, (it.labels || []).join(' ') || '—'),
        el('div', { class: 'meta' }, it.n_rois ? `${it.n_rois} ROIs (${it.roi_origins.join(', ')})` : 'no ROI')));
    }
    const step = page.limit;
    const go = off => { location.hash = '#/grid?' + q(Object.assign({}, p, { offset: off })); };
    pager.append(
      el('button', { id: 'prev-page', disabled: page.offset === 0, on: { click: () => go(Math.max(0, page.offset - step)) } }, '← previous page'),
      el('button', { id: 'next-page', disabled: page.offset + step >= page.total, on: { click: () => go(page.offset + step) } }, 'next page →'));
  } catch (e) {
    status.textContent = e.message; status.className = 'error';
  }
}

// ---------- sample ----------
const GROUPS = [
  ['Report', k => k.startsWith('report.') || k === 'clinical_notes'],
  ['Global', k => k === 'desc.global'], ['Regions', k => k === 'desc.roi'],
  ['Relations', k => k === 'desc.relation'], ['Full description', k => k === 'desc.full'],
  ['Prompts and captions', k => k === 'prompt' || k === 'caption'],
];
async function sample(id) {
  const ds = gridParams().dataset;
  let s;
  try { s = await api('/api/samples/' + encodeURIComponent(id) + '?' + q({ dataset: ds })); }
  catch (e) { main(el('p', { class: 'error' }, e.message)); return; }
  state.current = s;
  const viewer = el('div', { class: 'viewer', id: 'viewer' });
  if (s.has_image) {
    viewer.append(el('img', { src: imageUrl(s.id, s.dataset), alt: s.id, id: 'sample-image' }));
    const masks = el('div', { class: 'masks' });
    const overlay = svg('svg', { viewBox: `0 0 ${s.width} ${s.height}`, id: 'overlay' });
    for (const r of s.rois) {
      const g = svg('g', { class: 'roi-group origin-' + r.origin, 'data-roi': r.id });
      const [x0, y0, x1, y1] = r.box;
      g.append(svg('rect', { class: 'roi o-' + r.origin, x: x0, y: y0, width: x1 - x0, height: y1 - y0 }));
      const fs = Math.max(4, s.width / 45);
      g.append(svg('text', { class: 'roi-label', x: x0 + 1, y: Math.max(fs, y0 - 1), 'font-size': fs }, r.label));
      overlay.append(g);
      if (r.mask_rle) {
        masks.append(el('img', { class: 'mask origin-' + r.origin, alt: '', 'data-roi': r.id,
          src: '/api/samples/' + encodeURIComponent(s.id) + '/rois/' + encodeURIComponent(r.id) + '/mask.png?' + q({ dataset: s.dataset }) }));
      }
    }
    viewer.append(masks, overlay);
  } else {
    viewer.append(el('p', { class: 'muted' }, 'text-only sample (no image)'));
  }
  const origins = [...new Set(s.rois.map(r => r.origin))];
  const toggles = el('div', { class: 'toggles', id: 'toggles' });
  for (const o of origins) {
    const cb = el('input', { type: 'checkbox', checked: true, 'data-origin': o, id: 'toggle-' + o });
    cb.addEventListener('change', () => applyToggles());
    toggles.append(el('label', {}, cb, ' ' + o));
  }
  for (const [layer, label] of [['boxes', 'boxes'], ['outlines', 'mask outlines'], ['labels', 'labels']]) {
    const cb = el('input', { type: 'checkbox', checked: true, 'data-layer': layer, id: 'layer-' + layer });
    cb.addEventListener('change', () => applyToggles());
    toggles.append(el('label', {}, cb, ' ' + label));
  }
  const texts = el('div', { id: 'texts' });
  for (const [title, test] of GROUPS) {
    const items = s.texts.filter(t => test(t.kind));
    if (!items.length) continue;
    texts.append(el('h3', {}, title));
    for (const t of items) texts.append(textBlock(s, t));
  }
  const qa = s.texts.filter(t => t.kind === 'qa');
  if (qa.length) texts.append(el('h3', {}, 'Questions and answers'), qaTable(qa));
  const labels = el('table', { id: 'labels' }, el('tr', {}, el('th', {}, 'task'), el('th', {}, 'label'), el('th', {}, 'value'), el('th', {}, '')),
    s.labels.map(l => el('tr', {}, el('td', {}, l.task), el('td', {}, l.name), el('td', {}, l.value),
      el('td', { class: 'actions' }, state.review ? reviewButtons(s, { type: 'label', task: l.task }, { index: l.index, name: l.name }) : null))));
  const triplets = el('table', { id: 'triplets' }, el('tr', {}, el('th', {}, 'anatomy'), el('th', {}, 'finding'), el('th', {}, 'existence')),
    s.triplets.map(t => el('tr', {}, el('td', {}, t.anatomy || '—'), el('td', {}, t.finding), el('td', {}, t.existence))));
  const rois = el('table', { id: 'rois' }, el('tr', {}, el('th', {}, 'id'), el('th', {}, 'label'), el('th', {}, 'box'), el('th', {}, 'origin'), el('th', {}, 'confidence'), el('th', {}, '')),
    s.rois.map(r => el('tr', {}, el('td', {}, r.id), el('td', {}, r.label), el('td', {}, r.box.join(', ')), el('td', {}, r.origin),
      el('td', {}, Number(r.confidence).toFixed(2)), el('td', { class: 'actions' }, state.review ? reviewButtons(s, { type: 'roi', roi_id: r.id }, { box: r.box, label: r.label }) : null))));
  const nav = el('p', {},
    el('a', { href: state.lastGrid }, '← grid'), ' · ',
    s.previous ? el('a', { id: 'prev', href: '#/sample/' + encodeURIComponent(s.previous) + '?' + q({ dataset: s.dataset }) }, 'previous') : 'previous', ' · ',
    s.next ? el('a', { id: 'next', href: '#/sample/' + encodeURIComponent(s.next) + '?' + q({ dataset: s.dataset }) }, 'next') : 'next');
  main(el('h2', {}, 'Sample ' + s.id), nav,
    el('div', { class: 'sample' },
      el('div', {}, viewer, toggles,
        el('p', { class: 'muted' }, `${s.dataset} · ${s.source} · ${s.split} · ${s.modality} ${s.body_part} ${s.view} · ${s.width}×${s.height}×${s.channels}`)),
      el('div', {}, texts, el('h3', {}, 'Labels'), labels, el('h3', {}, 'Triplets'), triplets, el('h3', {}, 'Regions (provenance: origin, confidence)'), rois)));
}
// One conversation per image (qa texts, JSON): each turn with its answer, the fact it was
// derived from and that fact's origin.
function qaTable(items) {
  const pairs = items.map(t => { try { return JSON.parse(t.text); } catch (e) { return { turn: 0, question: t.text, answer: '(unreadable)', fact: {} }; } })
    .sort((a, b) => a.turn - b.turn);
  return el('table', { id: 'qa' },
    el('tr', {}, el('th', {}, '#'), el('th', {}, 'question'), el('th', {}, 'answer'), el('th', {}, 'fact'), el('th', {}, 'origin')),
    pairs.map(p => el('tr', { class: 'qa-' + (p.stage || ''), 'data-type': p.type || '' },
      el('td', {}, p.turn), el('td', { class: 'q' }, p.question),
      el('td', { class: 'a' }, p.answer, p.options && p.options.length ? el('span', { class: 'muted' }, ` (of ${p.options.join(' / ')})`) : null),
      el('td', { class: 'muted' }, [p.fact.kind, p.fact.ref, p.fact.value].filter(Boolean).join(' · ')),
      el('td', { class: 'muted' }, `${p.fact_origin || ''}` + (p.confidence !== undefined && p.confidence < 1 ? ` ${Number(p.confidence).toFixed(2)}` : '')))));
}
function textBlock(s, t) {
  const b = el('div', { class: 'text', 'data-kind': t.kind, 'data-origin': t.origin },
    el('div', { class: 'body' }, t.text),
    el('div', { class: 'prov' }, `origin ${t.origin}` + (t.roi_id ? ` · region ${t.roi_id}` : '')));
  if (state.review && (t.origin.startsWith('composer') || t.origin.startsWith('llm:'))) {
    b.append(el('div', { class: 'actions' }, reviewButtons(s, { type: 'text', kind: t.kind, roi_id: t.roi_id || '' }, { text: t.text })));
  }
  return b;
}
function applyToggles() {
  const on = o => { const c = document.querySelector(`[data-origin="${CSS.escape(o)}"]`); return !c || c.checked; };
  const layer = l => document.getElementById('layer-' + l).checked;
  document.querySelectorAll('.roi-group').forEach(g => {
    const origin = [...g.classList].find(c => c.startsWith('origin-')).slice(7);
    g.querySelector('rect').classList.toggle('hidden-layer', !(on(origin) && layer('boxes')));
    g.querySelector('text').classList.toggle('hidden-layer', !(on(origin) && layer('labels')));
  });
  document.querySelectorAll('.masks img').forEach(m => {
    const origin = [...m.classList].find(c => c.startsWith('origin-')).slice(7);
    m.classList.toggle('hidden-layer', !(on(origin) && layer('outlines')));
  });
}

// ---------- review ----------
function credentials() {
  let who = sessionStorage.getItem('reviewer') || '';
  let token = sessionStorage.getItem('token') || '';
  const rv = document.getElementById('reviewer'), tk = document.getElementById('token');
  if (rv && rv.value) who = rv.value;
  if (tk && tk.value) token = tk.value;
  return { who, token };
}
function credentialForm() {
  const c = credentials();
  const save = () => { sessionStorage.setItem('reviewer', document.getElementById('reviewer').value); sessionStorage.setItem('token', document.getElementById('token').value); };
  return el('div', { class: 'panel' },
    el('label', {}, 'Reviewer ', el('input', { id: 'reviewer', value: c.who, on: { change: save } })), ' ',
    el('label', {}, 'Token ', el('input', { id: 'token', value: c.token, type: 'password', on: { change: save } })),
    el('span', { class: 'muted' }, ' (printed by ./medloom serve --review at start-up)'));
}
function reviewButtons(s, target, before, noCorrect) {
  const send = async (action) => {
    const c = credentials();
    const body = { dataset: s.dataset, sample_id: s.id, reviewer: c.who || 'anonymous', target, action, before };
    if (action === 'correct') {
      if (target.type === 'text') {
        const t = prompt('Corrected text', before.text); if (t === null) return;
        body.after = { text: t };
      } else if (target.type === 'label' && before.index < 0) {
        // Multilabel: the positive classes by name; the server checks each against the task.
        const t = prompt('Corrected classes, comma-separated names (empty: none)', before.name); if (t === null) return;
        body.after = { names: t.split(',').map(x => x.trim()).filter(x => x) };
      } else if (target.type === 'label') {
        const t = prompt('Corrected class: its index or its name', before.name); if (t === null) return;
        body.after = /^\s*\d+\s*$/.test(t) ? { index: Number(t) } : { name: t.trim() };
      } else if (target.type === 'roi') {
        const t = prompt('Corrected box x0,y0,x1,y1', before.box.join(',')); if (t === null) return;
        body.after = { box: t.split(',').map(Number), label: before.label };
      }
    }
    try {
      await api('/api/review/decisions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-MedLoom-Token': c.token }, body: JSON.stringify(body) });
      setStatus(`${action} recorded`);
    } catch (e) { setStatus(e.message, true); }
  };
  return el('span', { class: 'actions' },
    el('button', { class: 'accept', on: { click: () => send('accept') } }, 'accept'),
    el('button', { class: 'reject', on: { click: () => send('reject') } }, 'reject'),
    noCorrect ? null : el('button', { class: 'correct', on: { click: () => send('correct') } }, 'correct'));
}
function setStatus(msg, bad) {
  let s = document.getElementById('review-status');
  if (!s) { s = el('p', { id: 'review-status' }); document.getElementById('main').prepend(s); }
  s.textContent = msg; s.className = bad ? 'error' : 'muted';
}
async function review() {
  if (!state.review) { main(el('p', {}, 'Review is off: start the server with --review.')); return; }
  const list = el('div', { id: 'queue' });
  main(el('h2', {}, 'Review queue'), el('p', { class: 'muted' }, 'Generated annotations, failed consistency checks first, then lowest confidence (in brackets: its least certain part).'), credentialForm(), list);
  const page = await api('/api/review/queue?limit=50');
  list.append(el('p', { id: 'queue-total' }, `${page.total} items waiting`));
  for (const it of page.items) {
    const s = { id: it.sample_id, dataset: it.dataset };
    const before = it.target.type === 'text' ? { text: it.value } : { label: it.value };
    list.append(el('div', { class: 'queue-item', 'data-sample': it.sample_id },
      el('a', { href: '#/sample/' + encodeURIComponent(it.sample_id) + '?' + q({ dataset: it.dataset }) }, el('img', { src: imageUrl(it.sample_id, it.dataset), alt: '' })),
      el('div', {},
        el('div', {}, el('b', {}, it.target.type === 'text' ? it.target.kind : 'region ' + it.target.roi_id), ` · ${it.origin} · confidence ${Number(it.confidence).toFixed(2)}` + (it.doubt ? ` (${it.doubt})` : '')),
        el('div', { class: 'body' }, it.value),
        it.problems.map(p => el('div', { class: 'problem' }, p)),
        reviewButtons(s, it.target, before, it.target.type === 'roi'))));
  }
}

// ---------- routing and keys ----------
async function route() {
  const h = location.hash || '#/';
  const path = h.slice(1).split('?')[0];
  if (path.startsWith('/sample/')) return sample(decodeURIComponent(path.slice(8)));
  if (path === '/grid') return grid();
  if (path === '/review') return review();
  return overview();
}
document.addEventListener('keydown', ev => {
  if (ev.target.matches('input, textarea, select')) return;
  const path = (location.hash || '').slice(1).split('?')[0];
  if (path.startsWith('/sample/')) {
    if (ev.key === 'ArrowRight' || ev.key === 'j') document.getElementById('next')?.click();
    if (ev.key === 'ArrowLeft' || ev.key === 'k') document.getElementById('prev')?.click();
    if (ev.key === 'o') {
      document.querySelectorAll('#toggles input[data-layer]').forEach(c => { c.checked = !c.checked; });
      applyToggles();
    }
  }
  if (ev.key === 'g') location.hash = state.lastGrid;
});
window.addEventListener('hashchange', route);
(async () => {
  try {
    state.datasets = await api('/api/datasets');
    state.review = (await api('/api/review/status')).review;
    document.getElementById('nav-review').hidden = !state.review;
  } catch (e) { main(el('p', { class: 'error' }, e.message)); return; }
  route();
})();
