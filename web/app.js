// entente web page: search with facets, record and cluster pages, over the read-only JSON API.
// No framework and no build step; state lives in the URL hash so every view can be linked and
// the back button works. Text is always set with textContent (never HTML from the catalogue).

const $ = (sel) => document.querySelector(sel);
const FACETS = [
  ['source', 'Source'],
  ['type', 'Type'],
  ['language', 'Language'],
  ['rights', 'Rights'],
  ['decade', 'Decade'],
];
const RIGHTS_LABELS = { open: 'open licence', restricted: 'restricted', unknown: 'not stated' };

/** Creates an element with attributes and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** The hash a view was asked for is no longer shown: a newer route took over while it loaded. */
const superseded = (hash) => location.hash !== hash;

async function api(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: { message: `HTTP ${res.status}` } }));
  if (!res.ok) throw new Error(body.error ? `${body.error.message}` : `HTTP ${res.status}`);
  return body;
}

function setStatus(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.className = isError ? 'error' : '';
}

/** The search state from the hash: #/search?q=...&type=Text&... */
function readState() {
  const [, query = ''] = location.hash.split('?');
  return new URLSearchParams(query);
}

function go(params) {
  params.delete('cursor');
  location.hash = `#/search?${params}`;
}

const title = (r, merged) => (merged && merged.title ? merged.title.value.value : r.title[0] ? r.title[0].value : '(untitled)');
const creators = (r) => (r.creator || []).map((c) => c.name).join('; ');
const recordLink = (id) => `#/record/${encodeURIComponent(id)}`;
const clusterLink = (id) => `#/cluster/${encodeURIComponent(id)}`;

function renderFacets(facets, params) {
  const nav = $('#facets');
  nav.replaceChildren();
  if (!facets) return;
  for (const [name, label] of FACETS) {
    const counts = facets[name] || [];
    if (!counts.length) continue;
    const selected = name === 'decade' ? params.get('from') : null;
    const list = h('ul');
    for (const { value, count } of counts.slice(0, name === 'decade' ? 40 : 15)) {
      let pressed;
      let onclick;
      if (name === 'decade') {
        pressed = selected === value && params.get('to') === String(Number(value) + 9);
        onclick = () => {
          const p = readState();
          if (pressed) { p.delete('from'); p.delete('to'); } else { p.set('from', value); p.set('to', String(Number(value) + 9)); }
          go(p);
        };
      } else {
        const values = params.getAll(name);
        pressed = values.includes(value);
        onclick = () => {
          const p = readState();
          const rest = p.getAll(name).filter((v) => v !== value);
          p.delete(name);
          for (const v of pressed ? rest : [...rest, value]) p.append(name, v);
          go(p);
        };
      }
      const text = name === 'decade' ? `${value}s` : name === 'rights' ? RIGHTS_LABELS[value] || value : value;
      list.append(h('li', {}, h('button', { type: 'button', class: 'facet', 'aria-pressed': pressed ? 'true' : 'false', onclick }, text), ' ', h('span', { class: 'count' }, `(${count})`)));
    }
    nav.append(h('section', { 'aria-labelledby': `facet-${name}` }, h('h2', { id: `facet-${name}` }, label), list));
  }
}

async function showSearch() {
  const params = readState();
  $('#q').value = params.get('q') || '';
  $('#records').checked = params.get('records') === 'true';
  $('#from').value = params.get('from') || '';
  $('#to').value = params.get('to') || '';
  $('#media').checked = params.get('media') === 'true';
  const query = new URLSearchParams(params);
  query.set('facets', 'true');
  setStatus('Searching…');
  const hash = location.hash;
  let result;
  try {
    result = await api(`/api/search?${query}`);
  } catch (err) {
    if (superseded(hash)) return;
    setStatus(err.message, true);
    $('#view').replaceChildren();
    return;
  }
  // A slower answer to an earlier search must not replace the results of a later one.
  if (superseded(hash)) return;
  renderFacets(result.facets, params);
  // totalExact is false only past 10,000 hits without facets (a lower bound): shown as 10,000+.
  setStatus(`${result.total.toLocaleString('en')}${result.totalExact === false ? '+' : ''} ${result.total === 1 ? 'result' : 'results'}${params.get('q') ? ` for “${params.get('q')}”` : ''}`);
  const list = h('ol', { class: 'results', 'aria-label': 'Results' });
  for (const hit of result.hits) {
    const r = hit.record;
    const media = hit.merged && hit.merged.isShownBy ? hit.merged.isShownBy[0].value : r.isShownBy;
    list.append(
      h('li', { class: 'hit' },
        media ? h('img', { src: media, alt: '', loading: 'lazy', width: 80, height: 80 }) : null,
        h('div', {},
          h('h3', {}, h('a', { href: recordLink(hit.recordId) }, title(r, hit.merged))),
          h('p', { class: 'meta' }, [creators(r), r.date ? r.date.display : '', r.source.id].filter(Boolean).join(' · ')),
          hit.size > 1 ? h('p', { class: 'meta' }, h('a', { href: clusterLink(hit.id) }, `${hit.size} records in this cluster`)) : null,
        ),
      ),
    );
  }
  const pager = h('p', { class: 'pager' });
  if (params.get('cursor')) pager.append(h('a', { href: '#', onclick: (e) => { e.preventDefault(); history.back(); } }, '← previous page'), ' ');
  if (result.nextCursor) {
    const next = new URLSearchParams(params);
    next.set('cursor', result.nextCursor);
    pager.append(h('a', { href: `#/search?${next}` }, 'next page →'));
  }
  $('#view').replaceChildren(result.hits.length ? list : h('p', {}, 'Nothing found. Try fewer words or remove a filter.'), pager);
}

function fieldRows(r) {
  const langs = (list) => (list || []).map((v) => (v.lang ? `${v.value} [${v.lang}]` : v.value));
  const rows = [
    ['Title', langs(r.title)],
    ['Other titles', langs(r.alternative)],
    ['Creator', (r.creator || []).map((c) => c.name + (c.role ? ` (${c.role})` : ''))],
    ['Contributor', (r.contributor || []).map((c) => c.name + (c.role ? ` (${c.role})` : ''))],
    ['Date', r.date ? [r.date.display + (r.date.earliest !== undefined ? ` (${r.date.earliest}–${r.date.latest})` : '')] : []],
    ['Type', (r.type || []).map((t) => t.value + (t.original && t.original !== t.value ? ` (${t.original})` : ''))],
    ['Language', r.language || []],
    ['Subject', langs(r.subject)],
    ['Description', langs(r.description)],
    ['Publisher', langs(r.publisher)],
    ['Place', langs(r.spatial)],
    ['Format', r.format || []],
    ['Identifier', (r.identifier || []).map((i) => `${i.scheme}: ${i.value}`)],
    ['Rights', r.rights ? [r.rights.statement, r.rights.uri].filter(Boolean) : []],
    ['Data provider', r.dataProvider ? [r.dataProvider] : []],
  ];
  const dl = h('dl', { class: 'fields' });
  for (const [name, values] of rows) {
    if (!values.length) continue;
    dl.append(h('dt', {}, name), h('dd', {}, values.map((v, i) => [i ? h('br') : null, v])));
  }
  for (const [name, url] of [['Shown at', r.isShownAt], ['Media', r.isShownBy]]) {
    if (url) dl.append(h('dt', {}, name), h('dd', {}, h('a', { href: url, rel: 'noopener' }, url)));
  }
  return dl;
}

/** Fetches a record's or cluster's view for a page of its own; undefined (error shown) on failure. */
async function loadView(what, id) {
  $('#facets').replaceChildren();
  setStatus(`Loading ${what}…`);
  const hash = location.hash;
  try {
    const view = await api(`/api/${what}s/${encodeURIComponent(id)}`);
    if (superseded(hash)) return undefined;
    setStatus('');
    return view;
  } catch (err) {
    if (superseded(hash)) return undefined;
    setStatus(err.message, true);
    $('#view').replaceChildren();
    return undefined;
  }
}

async function showRecord(id) {
  const view = await loadView('record', id);
  if (!view) return;
  const r = view.record;
  const p = view.provenance;
  const provenance = h('table', {},
    h('tbody', {},
      [['Source', `${p.sourceId}${p.sourceName ? ` (${p.sourceName})` : ''}`], ['Local identifier', p.localId], ['Datestamp', p.datestamp], ['Metadata format', p.format], ['Sets', p.sets.join(', ')], ['Harvested', p.harvestedAt]]
        .map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))),
    ),
  );
  const issues = r.issues.length
    ? h('table', {}, h('thead', {}, h('tr', {}, ['Severity', 'Code', 'Field', 'Message'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, r.issues.map((i) => h('tr', {}, h('td', {}, i.severity), h('td', {}, i.code), h('td', {}, i.path), h('td', {}, i.message)))))
    : h('p', {}, 'No issues.');
  $('#view').replaceChildren(
    h('p', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); history.back(); } }, '← back')),
    h('h2', { id: 'record-title' }, r.title[0] ? r.title[0].value : '(untitled)', view.deleted ? h('span', { class: 'badge' }, 'deleted at the source') : null),
    r.isShownBy ? h('img', { src: r.isShownBy, alt: `Image of ${r.title[0] ? r.title[0].value : 'the item'}`, style: 'max-width: 20rem' }) : null,
    fieldRows(r),
    view.cluster.size > 1
      ? h('p', {}, h('a', { href: clusterLink(view.cluster.id), id: 'cluster-link' }, `Cluster: ${view.cluster.size} records describe this item`))
      : h('p', {}, h('a', { href: clusterLink(view.cluster.id), id: 'cluster-link' }, 'Cluster: this record alone')),
    h('p', {}, h('a', { href: view.raw.href }, 'The original record as served'), ` (${view.raw.contentType.split(';')[0]})`),
    h('h3', {}, 'Provenance'), provenance,
    h('h3', {}, 'Issues'), issues,
  );
  $('#main').focus();
}

async function showCluster(id) {
  const view = await loadView('cluster', id);
  if (!view) return;
  const m = view.merged;
  const merged = h('dl', { class: 'fields' });
  const add = (name, items) => {
    if (!items || !items.length) return;
    merged.append(h('dt', {}, name), h('dd', {}, items.map((it, i) => [i ? h('br') : null, it.text, ' ', h('span', { class: 'count' }, `from ${it.from}`)])));
  };
  add('Title', m.title ? [{ text: m.title.value.value, from: m.title.from }] : []);
  add('Creator', (m.creator || []).map((c) => ({ text: c.value.name, from: c.from })));
  add('Date', m.date ? m.date.display.map((d) => ({ text: d.value, from: d.from })) : []);
  add('Identifier', (m.identifier || []).map((x) => ({ text: `${x.value.scheme}: ${x.value.value}`, from: x.from })));
  add('Sources', m.sources.map((s) => ({ text: s.value, from: s.from })));
  const why = h('table', {},
    h('thead', {}, h('tr', {}, ['Member', 'Source', 'Joined by', 'Score', 'Linked to'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, view.members.map((x) => h('tr', {}, h('td', {}, h('a', { href: recordLink(x.recordId) }, x.title || x.recordId)), h('td', {}, x.sourceId), h('td', {}, x.rule), h('td', {}, String(x.score)), h('td', {}, x.linkedTo || '')))),
  );
  const side = h('div', { class: 'side-by-side' }, view.records.map((r) => h('section', { 'aria-label': `Member ${r.id}` }, h('h4', {}, h('a', { href: recordLink(r.id) }, r.id)), fieldRows(r))));
  $('#view').replaceChildren(
    h('p', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); history.back(); } }, '← back')),
    h('h2', { id: 'cluster-title' }, `Cluster of ${view.size} ${view.size === 1 ? 'record' : 'records'}`),
    view.rules.length ? h('p', {}, `Joined by: ${view.rules.join(', ')}`) : null,
    h('h3', {}, 'Merged view'), merged,
    h('h3', {}, 'Why each record is here'), why,
    h('h3', {}, 'Members side by side'), side,
  );
  $('#main').focus();
}

function route() {
  const hash = location.hash || '#/';
  const [path] = hash.slice(1).split('?');
  const record = /^\/record\/(.+)$/.exec(path);
  const cluster = /^\/cluster\/(.+)$/.exec(path);
  if (record) return showRecord(decodeURIComponent(record[1]));
  if (cluster) return showCluster(decodeURIComponent(cluster[1]));
  return showSearch();
}

$('#search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const p = readState();
  const set = (k, v) => (v ? p.set(k, v) : p.delete(k));
  set('q', $('#q').value.trim());
  set('records', $('#records').checked ? 'true' : '');
  set('from', $('#from').value);
  set('to', $('#to').value);
  set('media', $('#media').checked ? 'true' : '');
  go(p);
});
window.addEventListener('hashchange', route);
route();
