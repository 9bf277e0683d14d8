// backfill serve: keeps the server-rendered pages live. Every text from the
// database goes in with textContent, never as markup.
'use strict';

// One entry per table of `/`: its rows (from /api/backfills) and sort.
const tables = {
  backfills: { rows: [], sort: 'repository', ascending: true },
  scopes: { rows: [], sort: 'repository', ascending: true },
};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function thousands(n) { return n === null || n === undefined ? '?' : Number(n).toLocaleString('en-US'); }

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '-';
  let s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return (h ? h + 'h' : '') + (h || m ? m + 'm' : '') + (h ? '' : s + 's');
}

function percent(row) {
  return row.percent_done === null || row.percent_done === undefined ? null : row.percent_done;
}

function progressCell(row) {
  const td = el('td');
  td.dataset.col = 'progress';
  const bar = el('div', null, 'bar');
  const fill = el('div', null, 'fill');
  const pct = percent(row);
  fill.style.width = (pct === null ? 0 : pct) + '%';
  bar.appendChild(fill);
  td.appendChild(bar);
  td.appendChild(el('span', thousands(row.total_processed) + ' / ' + thousands(row.total_expected) +
                    (pct === null ? '' : ' (' + pct.toFixed(1) + '%)'), 'count'));
  return td;
}

function runCell(run) {
  const td = el('td');
  td.dataset.col = 'run';
  if (!run) { td.textContent = '-'; return td; }
  let trigger = el('span', run.trigger);
  if (run.run_url && /^https?:\/\//.test(run.run_url)) {
    trigger = el('a', run.trigger);
    trigger.href = run.run_url;
    trigger.rel = 'noopener';
  }
  td.appendChild(trigger);
  td.appendChild(document.createTextNode(' · ' + run.status +
      (run.exit_code === null ? '' : ' (exit ' + run.exit_code + ')')));
  return td;
}

function rowElement(row) {
  const tr = el('tr');
  tr.dataset.status = row.status;
  tr.dataset.repository = row.repository;
  const name = el('td');
  name.dataset.col = 'repository';
  const link = el('a', row.repository);
  link.href = row.url;
  name.appendChild(link);
  const status = el('td');
  status.dataset.col = 'status';
  status.appendChild(el('span', row.status, 'status ' + row.status));
  const cell = (col, text, className) => {
    const td = el('td', text, className);
    td.dataset.col = col;
    return td;
  };
  const error = el('td');
  error.dataset.col = 'error';
  error.appendChild(el('span', row.last_error || '', 'error'));
  tr.append(name, status, progressCell(row),
            cell('rate', row.prs_per_minute === null ? '-' : Math.round(row.prs_per_minute)),
            cell('eta', row.eta_seconds === null ? '-' : duration(row.eta_seconds)),
            cell('freshness', row.seconds_since_progress === null ? '-' : duration(row.seconds_since_progress) + ' ago'),
            runCell(row.last_run),
            cell('ratelimit', row.rate_limit_remaining === null ? '-' : thousands(row.rate_limit_remaining)),
            error);
  return tr;
}

function scopeRowElement(row) {
  const tr = el('tr');
  tr.dataset.status = row.status;
  tr.dataset.repository = row.repository;
  tr.dataset.scope = row.scope;
  const name = el('td');
  name.dataset.col = 'repository';
  const link = el('a', row.repository);
  link.href = row.url;
  name.appendChild(link);
  const status = el('td');
  status.dataset.col = 'status';
  status.appendChild(el('span', row.status, 'status ' + row.status));
  const cell = (col, text) => {
    const td = el('td', text);
    td.dataset.col = col;
    return td;
  };
  const error = el('td');
  error.dataset.col = 'error';
  error.appendChild(el('span', row.last_error || '', 'error'));
  tr.append(name, cell('scope', row.scope), status, progressCell(row),
            cell('chunks', thousands(row.chunks)), cell('points', thousands(row.points_used)),
            cell('freshness', row.seconds_since_progress === null ? '-' : duration(row.seconds_since_progress) + ' ago'),
            cell('ratelimit', row.rate_limit_remaining === null ? '-' : thousands(row.rate_limit_remaining)),
            error);
  return tr;
}

const sortKeys = {
  repository: r => r.repository.toLowerCase(),
  status: r => r.status,
  progress: r => percent(r) === null ? -1 : percent(r),
  rate: r => r.prs_per_minute === null ? -1 : r.prs_per_minute,
  eta: r => r.eta_seconds === null ? Infinity : r.eta_seconds,
  freshness: r => r.seconds_since_progress === null ? Infinity : r.seconds_since_progress,
  run: r => r.last_run ? r.last_run.started_at : '',
  ratelimit: r => r.rate_limit_remaining === null ? -1 : r.rate_limit_remaining,
  error: r => r.last_error || '',
  scope: r => r.scope,
  chunks: r => r.chunks,
  points: r => r.points_used,
};

const rowElements = { backfills: rowElement, scopes: scopeRowElement };

// The text filter matches the repository, the scope or the error.
function renderTable(id) {
  const tbody = document.querySelector('#' + id + ' tbody');
  if (!tbody) return;
  const table = tables[id];
  const text = document.getElementById('filter').value.trim().toLowerCase();
  const status = document.getElementById('status-filter').value;
  const key = sortKeys[table.sort];
  const rows = table.rows
    .filter(r => (!text || r.repository.toLowerCase().includes(text) ||
                  (r.scope || '').toLowerCase().includes(text) ||
                  (r.last_error || '').toLowerCase().includes(text)) &&
                 (!status || r.status === status))
    .sort((a, b) => {
      const x = key(a), y = key(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return table.ascending ? order : -order;
    });
  tbody.replaceChildren(...rows.map(rowElements[id]));
  document.querySelectorAll('#' + id + ' th[data-sort]').forEach(th => {
    th.classList.toggle('sorted-asc', th.dataset.sort === table.sort && table.ascending);
    th.classList.toggle('sorted-desc', th.dataset.sort === table.sort && !table.ascending);
  });
}

function renderIndex() {
  renderTable('backfills');
  renderTable('scopes');
  const section = document.getElementById('scopes-section');
  if (section) section.hidden = tables.scopes.rows.length === 0;
}

function renderTotals(data) {
  const t = data.totals;
  document.getElementById('total-repos').textContent = t.repositories + ' repositories';
  document.getElementById('total-scopes').textContent = t.scopes ? t.scopes + ' depth scopes' : '';
  document.getElementById('total-progress').textContent =
      thousands(t.total_processed) + ' / ' + thousands(t.total_expected) + ' PRs stored';
  const counts = document.getElementById('total-status');
  counts.replaceChildren(...Object.entries(t.by_status).flatMap(([s, n]) =>
      [el('span', s + ' ' + n, 'status ' + s), document.createTextNode(' ')]));
  const runs = document.getElementById('runs');
  runs.replaceChildren(...data.runs_by_status.map(r => el('li',
      r.status + ': ' + thousands(r.runs) + ' runs, ' + thousands(r.requests) + ' requests, ' +
      thousands(r.retries) + ' retries, waited ' + duration(r.rate_limit_wait_ms / 1000) + ' on rate limits')));
}

async function refreshIndex() {
  const reply = await fetch('/api/backfills', { cache: 'no-store' });
  if (!reply.ok) { location.reload(); return; }
  const data = await reply.json();
  tables.backfills.rows = data.backfills;
  tables.scopes.rows = data.scopes;
  renderTotals(data);
  renderIndex();
}

async function refreshRepository() {
  const reply = await fetch(location.pathname + '?fragment=1', { cache: 'no-store' });
  if (!reply.ok) { location.reload(); return; }
  // The server escaped every text in the fragment (pages.hpp); parsed
  // markup is inert (no script runs from DOMParser).
  const parsed = new DOMParser().parseFromString(await reply.text(), 'text/html');
  const fresh = parsed.getElementById('content');
  const current = document.getElementById('content');
  if (fresh && current) current.replaceWith(document.adoptNode(fresh));
}

function connect(refresh) {
  const live = document.getElementById('live');
  const events = new EventSource('/events');
  let first = true;
  events.addEventListener('change', () => {
    live.textContent = 'live';
    live.className = 'live on';
    // The first event only says the stream is up; the page is current.
    if (first && document.body.dataset.page !== 'index') { first = false; return; }
    first = false;
    refresh().catch(() => {});
  });
  events.onerror = () => {
    live.textContent = 'reconnecting…';
    live.className = 'live off';
  };
}

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  if (page === 'index') {
    document.getElementById('filter').addEventListener('input', renderIndex);
    document.getElementById('status-filter').addEventListener('change', renderIndex);
    Object.entries(tables).forEach(([id, table]) => {
      document.querySelectorAll('#' + id + ' th[data-sort]').forEach(th => th.addEventListener('click', () => {
        table.ascending = table.sort === th.dataset.sort ? !table.ascending : true;
        table.sort = th.dataset.sort;
        renderTable(id);
      }));
    });
    connect(refreshIndex);
  } else if (page === 'repository') {
    connect(refreshRepository);
  } else if (page === 'unavailable') {
    connect(async () => location.reload());
  }
});
