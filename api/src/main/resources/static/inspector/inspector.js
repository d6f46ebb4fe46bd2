// openivr inspector: a read-only page over /inspector/api. No build step, no framework.
'use strict';

const view = document.getElementById('view');
const statusLine = document.getElementById('status');
let refreshTimer = null;
let diagramCount = 0;

if (window.mermaid) {
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
}

/** Builds an element; strings become text nodes (never HTML). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function table(id, headers, rows) {
  return el('table', { id },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function badge(verdict) {
  return el('span', { class: 'badge ' + verdict, 'data-verdict': verdict }, verdict);
}

function clock(millis) {
  return millis ? new Date(millis).toLocaleTimeString() : '';
}

function seconds(millis) {
  if (!millis) return '';
  const s = millis / 1000;
  return s < 60 ? s.toFixed(1) + 's' : Math.floor(s / 60) + 'm' + String(Math.round(s % 60)).padStart(2, '0') + 's';
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail || body.title || (response.status + ' ' + response.statusText));
  }
  return body;
}

function setNav(which) {
  for (const id of ['nav-calls', 'nav-flows']) {
    document.getElementById(id).classList.toggle('active', id === 'nav-' + which);
  }
}

/** Draws Mermaid text, or shows it as text with a note when the renderer is missing or fails. */
async function diagram(text, label) {
  const box = el('div', { class: 'diagram', 'data-testid': 'diagram', 'aria-label': label });
  if (window.mermaid) {
    try {
      const { svg } = await window.mermaid.render('mermaid-' + (++diagramCount), text);
      box.innerHTML = svg; // Mermaid's own output, sanitized by it (securityLevel strict)
      box.dataset.rendered = 'true';
      return box;
    } catch (e) {
      box.append(el('p', { class: 'note' }, 'The diagram could not be drawn (' + e.message + '); its Mermaid text:'));
    }
  } else {
    box.append(el('p', { class: 'note' }, 'Mermaid is not available; the diagram as Mermaid text (paste it into any Mermaid viewer):'));
  }
  box.append(el('pre', { 'data-testid': 'mermaid-text' }, text));
  return box;
}

// ---- views ----

async function showCalls() {
  setNav('calls');
  const data = await getJson('/inspector/api/calls');
  const stuck = data.calls.filter(c => c.verdict === 'STUCK').length;
  const rows = data.calls.map(c => el('tr', { class: c.verdict === 'STUCK' ? 'stuck' : null, 'data-call-id': c.callId },
    el('td', {}, badge(c.verdict)),
    el('td', { class: 'mono' }, el('a', { href: '#/calls/' + encodeURIComponent(c.callId) }, c.callId)),
    el('td', { class: 'nowrap' }, c.flow || ''),
    el('td', {}, c.status || ''),
    el('td', { class: 'nowrap', 'data-testid': 'current-node' }, c.currentNode || ''),
    el('td', {}, c.waitingFor || ''),
    el('td', {}, clock(c.waitingSinceMillis)),
    el('td', {}, seconds(c.waitedMillis)),
    el('td', {}, c.allowedMillis ? seconds(c.allowedMillis) : ''),
    el('td', {}, c.reason || '')));
  const recent = data.recent.map(c => el('tr', { 'data-call-id': c.callId },
    el('td', { class: 'mono' }, el('a', { href: '#/calls/' + encodeURIComponent(c.callId) }, c.callId)),
    el('td', {}, c.flow || ''),
    el('td', {}, c.currentNode || ''),
    el('td', {}, clock(c.startedAtMillis))));
  view.replaceChildren(
    el('h2', {}, 'Live calls ', el('span', { class: 'muted' }, '(' + data.calls.length + ' open, ' + stuck + ' stuck)')),
    data.calls.length === 0 ? el('p', { class: 'muted', id: 'no-calls' }, 'No call is open.')
      : table('calls-table', ['', 'call', 'flow', 'state', 'node', 'waiting for', 'since', 'waited', 'allowed', 'why'], rows),
    el('p', { class: 'muted' }, 'A call is STUCK when it waits longer than its node allows plus a slack of '
      + seconds(data.stuckAfterMillis) + ' (docs/operations.md). Found through ' + data.source + '.'),
    el('h2', {}, 'Recently ended'),
    data.recent.length === 0 ? el('p', { class: 'muted' }, 'None yet.')
      : table('recent-table', ['call', 'flow', 'last node', 'started'], recent));
  statusLine.textContent = 'updated ' + new Date().toLocaleTimeString();
  refreshTimer = setTimeout(() => route(true), 3000);
}

async function showFlows() {
  setNav('flows');
  const flows = await getJson('/inspector/api/flows');
  view.replaceChildren(
    el('h2', {}, 'Flows'),
    table('flows-table', ['flow', 'description', 'nodes', 'file'], flows.map(f => el('tr', { 'data-flow': f.name },
      el('td', {}, el('a', { href: '#/flows/' + encodeURIComponent(f.name) }, f.name)),
      el('td', { class: f.error ? 'error' : null }, f.error || f.description || ''),
      el('td', {}, f.error ? '' : f.nodes),
      el('td', { class: 'mono muted' }, f.file)))));
  statusLine.textContent = '';
}

async function showFlow(name) {
  setNav('flows');
  const flow = await getJson('/inspector/api/flows/' + encodeURIComponent(name));
  view.replaceChildren(
    el('h2', { id: 'flow-title' }, 'Flow ', el('span', { class: 'mono' }, flow.name)),
    el('p', {}, flow.description || '', ' ', el('span', { class: 'muted mono' }, flow.file)),
    await diagram(flow.mermaid, 'diagram of ' + flow.name),
    el('details', {}, el('summary', {}, 'Mermaid text'), el('pre', {}, flow.mermaid)));
  statusLine.textContent = '';
}

async function showCall(id) {
  setNav('calls');
  const data = await getJson('/inspector/api/calls/' + encodeURIComponent(id));
  const r = data.report;
  const s = r.summary;
  const state = r.state;
  const timeline = state ? state.timeline : [];
  const start = timeline.length ? timeline[0].atMillis : r.startedAtMillis;
  const parts = [
    el('h2', { id: 'call-title' }, 'Call ', el('span', { class: 'mono' }, r.callId), ' ', badge(s.verdict)),
    el('dl', { class: 'summary' },
      el('dt', {}, 'flow'), el('dd', {}, s.flow || '', state && state.flowHash ? el('span', { class: 'muted mono' }, ' ' + state.flowHash.slice(0, 12)) : ''),
      el('dt', {}, 'workflow'), el('dd', {}, r.workflowStatus + ' · started ' + clock(r.startedAtMillis)
        + (r.closedAtMillis ? ' · closed ' + clock(r.closedAtMillis) : '') + ' · ' + r.historyLength + ' history events'),
      el('dt', {}, 'status'), el('dd', {}, state ? state.status : (r.stateError ? 'unknown: ' + r.stateError : '')),
      el('dt', {}, 'current node'), el('dd', { 'data-testid': 'call-node' }, s.currentNode || ''),
      el('dt', {}, 'waiting for'), el('dd', { 'data-testid': 'call-waiting' }, s.waitingFor
        ? s.waitingFor + ' since ' + clock(s.waitingSinceMillis) + ' (' + seconds(s.waitedMillis) + ', allowed '
          + seconds(s.allowedMillis) + ': ' + s.allowanceBasis + ')' : 'nothing'),
      s.reason ? el('dt', {}, 'why') : null, s.reason ? el('dd', { class: 'error' }, s.reason) : null,
      state && state.result ? el('dt', {}, 'ended') : null,
      state && state.result ? el('dd', {}, state.result.ending + (state.result.reason ? ': ' + state.result.reason : '')) : null),
    el('p', {}, el('button', { id: 'refresh', onclick: () => route() }, 'Refresh')),
  ];
  if (data.diagram) {
    parts.push(el('h3', {}, 'Flow ' + data.diagram.name + (s.verdict !== 'ENDED' ? ' (current node highlighted)' : '')));
    parts.push(await diagram(data.diagram.mermaid, 'diagram of ' + data.diagram.name));
  }
  parts.push(el('h3', {}, 'Timeline'));
  parts.push(timeline.length === 0 ? el('p', { class: 'muted' }, 'No timeline (the state query did not answer).')
    : table('timeline', ['at', 'node', 'what', ''], timeline.map(t => el('tr', { 'data-kind': t.kind },
      el('td', {}, '+' + ((t.atMillis - start) / 1000).toFixed(1) + 's'),
      el('td', {}, t.node || ''), el('td', {}, t.kind), el('td', {}, t.text || '')))));
  parts.push(el('h3', {}, 'ACS operations'));
  parts.push(r.operations.length === 0 ? el('p', { class: 'muted' }, 'None.')
    : table('operations', ['at', 'operation', 'context', 'outcome', 'attempts', 'results', 'failure'],
      r.operations.map(o => el('tr', { class: o.awaited ? 'awaited' : null, 'data-operation': o.operation },
        el('td', {}, '+' + ((o.scheduledAtMillis - r.startedAtMillis) / 1000).toFixed(1) + 's'),
        el('td', {}, o.operation), el('td', { class: 'mono' }, o.context || ''),
        el('td', {}, o.outcome), el('td', {}, o.attempts),
        el('td', {}, o.results.length ? o.results.join(', ')
          : (o.awaited ? 'no result event yet: the call waits for it' : '')),
        el('td', { class: o.failure ? 'error' : null }, o.failure || '')))));
  if (r.pending.length) {
    parts.push(el('h3', {}, 'In flight'));
    parts.push(table('pending', ['operation', 'state', 'attempt', 'next attempt', 'last failure'], r.pending.map(p => el('tr', {},
      el('td', {}, p.operation), el('td', {}, p.state), el('td', {}, p.attempt + (p.maximumAttempts ? '/' + p.maximumAttempts : '')),
      el('td', {}, clock(p.nextAttemptAtMillis)), el('td', { class: 'error' }, p.lastFailure || '')))));
  }
  if (r.failures.length) {
    parts.push(el('h3', {}, 'Retries and failures'));
    parts.push(table('failures', ['at', 'kind', 'operation', 'attempt', 'message'], r.failures.map(f => el('tr', {},
      el('td', {}, clock(f.atMillis)), el('td', {}, f.kind), el('td', {}, f.operation || ''),
      el('td', {}, f.attempt || ''), el('td', {}, f.message)))));
  }
  parts.push(el('h3', {}, 'Callback events'));
  parts.push(r.events.length === 0 ? el('p', { class: 'muted' }, 'None.')
    : table('events', ['at', 'event', 'context', 'result'], r.events.map(e => el('tr', {},
      el('td', {}, '+' + ((e.atMillis - r.startedAtMillis) / 1000).toFixed(1) + 's'),
      el('td', {}, e.type), el('td', { class: 'mono' }, e.context || ''), el('td', {}, e.result || '')))));
  if (r.stackTrace || r.stackTraceError) {
    parts.push(el('h3', {}, 'Workflow stack trace'));
    parts.push(el('pre', { id: 'stack-trace' }, r.stackTrace || r.stackTraceError));
  }
  view.replaceChildren(...parts);
  statusLine.textContent = 'as of ' + new Date().toLocaleTimeString();
}

// ---- routing ----

async function route(quiet) {
  clearTimeout(refreshTimer);
  const hash = location.hash || '#/calls';
  const [, page, arg] = hash.match(/^#\/([a-z]+)(?:\/(.+))?$/) || [];
  try {
    if (page === 'flows' && arg) await showFlow(decodeURIComponent(arg));
    else if (page === 'flows') await showFlows();
    else if (page === 'calls' && arg) await showCall(decodeURIComponent(arg));
    else await showCalls();
  } catch (e) {
    if (!quiet) {
      view.replaceChildren(el('p', { class: 'error', id: 'error' }, e.message));
    }
    statusLine.textContent = 'error: ' + e.message;
    if (page !== 'flows' && !arg) refreshTimer = setTimeout(() => route(true), 5000);
  }
}

window.addEventListener('hashchange', () => route());
route();
