// The emulator's dashboard: plain DOM, no libraries. Every value from the emulator is put
// in the page as text (textContent), never as markup: the journal holds what any client sent.
'use strict';

(() => {
  const BASE = '/_emulator';
  const TOKEN_KEY = 'csemu.control-token';
  const MAX_REQUESTS = 500;
  const SVG = 'http://www.w3.org/2000/svg';

  const state = { panel: 'overview', requests: [], selected: null, timer: null, stream: null, clock: null };

  const $ = (id) => document.getElementById(id);

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') el.className = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, value);
    for (const child of children) {
      if (child === null || child === undefined) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  function fill(tbody, rows, columns) {
    tbody.replaceChildren(...(rows.length ? rows : [h('tr', { class: 'empty' }, h('td', { colspan: columns }, 'none'))]));
  }

  function time(value) {
    if (!value) return '';
    const date = new Date(value);
    return isNaN(date) ? String(value) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    const d = Math.floor(seconds / 86400), hh = Math.floor(seconds % 86400 / 3600);
    const mm = Math.floor(seconds % 3600 / 60), ss = seconds % 60;
    return (d ? d + 'd ' : '') + (d || hh ? hh + 'h ' : '') + (d || hh || mm ? mm + 'm ' : '') + ss + 's';
  }

  function isoSeconds(iso) {
    // An ISO-8601 duration as Java writes it (PT123.4S, PT-5H, P1D), in seconds.
    const m = /^(-)?P(?:(\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/.exec(iso || '');
    if (!m) return 0;
    const s = (+m[2] || 0) * 86400 + (+m[3] || 0) * 3600 + (+m[4] || 0) * 60 + (+m[5] || 0);
    return m[1] ? -s : s;
  }

  // --- the token and calls to the control API ---

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + token() };
    const init = { method, headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(BASE + path, init);
    if (response.status === 401) {
      signOut('The token was refused: paste the current one.');
      throw new ApiError(401, 'token refused');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const message = json && json.error ? json.error.message : response.status + ' ' + response.statusText;
      throw new ApiError(response.status, message);
    }
    return json;
  }

  function say(text, isError) {
    const el = $('message');
    el.textContent = text;
    el.className = isError ? 'error' : 'ok';
  }

  async function act(what, call) {
    try {
      const result = await call();
      say(what);
      await refresh();
      return result;
    } catch (e) {
      if (e.status !== 401) say(what + ' failed: ' + e.message, true);
      return null;
    }
  }

  function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.stream) state.stream.abort();
    state.stream = null;
    clearInterval(state.timer);
    $('app').hidden = true;
    $('sign-in').hidden = false;
    $('token-error').textContent = reason || '';
    $('live-badge').className = 'badge off';
    $('live-badge').textContent = 'journal stream off';
  }

  function start() {
    $('sign-in').hidden = true;
    $('app').hidden = false;
    state.requests = [];
    loadJournal();
    openStream();
    refresh();
    clearInterval(state.timer);
    state.timer = setInterval(refresh, 2000);
  }

  // --- panels ---

  function show(panel) {
    state.panel = panel;
    document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('active', b.dataset.panel === panel));
    document.querySelectorAll('.panel').forEach((p) => { p.hidden = p.id !== 'panel-' + panel; });
    refresh();
  }

  const loaders = {
    overview: loadOverview,
    sessions: loadSessions,
    requests: async () => renderRequests(),
    certificates: loadCertificates,
    clock: async () => {},
    faults: loadFaults,
    host: loadHost,
    snapshots: loadSnapshots,
  };

  async function refresh() {
    if (!token()) return;
    try {
      await loadClock();
      await loaders[state.panel]();
    } catch (e) {
      if (e.status !== 401) say('Could not reach the emulator: ' + e.message, true);
    }
  }

  function facts(dl, pairs) {
    dl.replaceChildren(...pairs.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
  }

  async function loadOverview() {
    const [info, sessions, faults] = await Promise.all([api('GET', '/info'), api('GET', '/sessions'), api('GET', '/faults')]);
    const docker = info.ports.dockerTls ? 'on, port ' + info.ports.dockerTls : 'off';
    facts($('overview'), [
      ['Version', info.version], ['Uptime', duration(isoSeconds(info.uptime))], ['Started', time(info.startedAt)],
      ['Host source', info.hostSource], ['HTTP port', info.ports.http], ['Docker TLS endpoint', docker],
      ['Java', info.java], ['Real time', time(info.realTime)], ['Emulator clock', time(state.clock.now)],
      ['Sessions', sessions.length], ['Armed faults', faults.length], ['Journal entries shown', state.requests.length],
    ]);
  }

  async function loadClock() {
    const clock = await api('GET', '/clock');
    state.clock = clock;
    const mode = clock.system ? 'system time' : clock.frozen ? 'frozen' : 'running, shifted';
    $('clock-badge').textContent = 'clock ' + time(clock.now) + ' (' + mode + ')';
    $('clock-badge').className = 'badge' + (clock.system ? '' : ' warn');
    facts($('clock'), [['Now', time(clock.now)], ['Zone', clock.zone], ['Frozen', clock.frozen ? 'yes' : 'no'],
      ['Follows system time', clock.system ? 'yes' : 'no'], ['Offset from real time', duration(Math.abs(isoSeconds(clock.offset)))
        + (isoSeconds(clock.offset) < 0 ? ' behind' : isoSeconds(clock.offset) > 0 ? ' ahead' : '')]]);
    $('freeze').textContent = clock.frozen ? 'Unfreeze' : 'Freeze';
  }

  async function loadSessions() {
    const [sessions, blocks] = await Promise.all([api('GET', '/sessions'), api('GET', '/blocks')]);
    fill($('sessions'), sessions.map((s) => h('tr', { 'data-user': s.user },
      h('td', null, s.user), h('td', null, s.admin ? 'yes' : 'no'), h('td', null, s.kind), h('td', null, s.via || ''),
      h('td', null, s.address || ''), h('td', null, time(s.loginTime)), h('td', null, time(s.lastSeen)),
      h('td', null, duration(s.idleSecondsLeft)),
      h('td', null, h('button', { type: 'button', class: 'end-session',
        onclick: () => act('Session of ' + s.user + ' ended', () => api('DELETE', '/sessions/' + encodeURIComponent(s.handle))) },
      'End')))), 9);
    fill($('blocks'), blocks.map((b) => h('tr', null, h('td', null, b.kind.toLowerCase()), h('td', null, b.name),
      h('td', null, time(b.until)))), 3);
  }

  // --- requests: the journal, live ---

  async function loadJournal() {
    try {
      const entries = await api('GET', '/requests');
      const seen = new Set(state.requests.map(key));
      for (const entry of entries.reverse()) {
        if (!seen.has(key(entry))) state.requests.unshift(entry);
      }
      state.requests.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
      state.requests.length = Math.min(state.requests.length, MAX_REQUESTS);
      renderRequests();
    } catch (e) {
      if (e.status !== 401) say('Could not read the journal: ' + e.message, true);
    }
  }

  function key(entry) {
    return entry.time + ' ' + entry.method + ' ' + entry.path + ' ' + entry.durationMs;
  }

  async function openStream() {
    // EventSource cannot send the bearer header: read the event stream through fetch.
    const controller = new AbortController();
    state.stream = controller;
    const badge = $('live-badge');
    try {
      const response = await fetch(BASE + '/requests/stream', {
        headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' },
        signal: controller.signal, cache: 'no-store',
      });
      if (!response.ok) throw new Error('status ' + response.status);
      badge.className = 'badge on';
      badge.textContent = 'live';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
          if (data) onEntry(JSON.parse(data));
        }
      }
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    if (state.stream !== controller || !token()) return;
    badge.className = 'badge off';
    badge.textContent = 'reconnecting';
    setTimeout(() => {
      if (state.stream === controller && token()) {
        loadJournal();
        openStream();
      }
    }, 1000);
  }

  function onEntry(entry) {
    state.requests.unshift(entry);
    if (state.requests.length > MAX_REQUESTS) state.requests.pop();
    if (state.panel === 'requests') renderRequests();
  }

  function statusMatches(filter, status) {
    if (!filter) return true;
    const f = filter.trim().toLowerCase();
    if (/^\dxx$/.test(f)) return String(status)[0] === f[0];
    return String(status) === f;
  }

  function renderRequests() {
    const method = $('filter-method').value;
    const path = $('filter-path').value.trim();
    const status = $('filter-status').value;
    const scope = $('filter-scope').value.trim();
    const shown = state.requests.filter((r) => (!method || r.method === method) && (!path || r.path.includes(path))
      && statusMatches(status, r.status) && (!scope || r.scope === scope));
    fill($('requests'), shown.slice(0, 200).map((r) => h('tr', {
      class: (r.status >= 500 || r.status === 0 ? 'bad' : r.status >= 400 ? 'warn' : '') + (r === state.selected ? ' selected' : ''),
      'data-path': r.path, 'data-status': r.status, onclick: () => { state.selected = r; renderRequests(); },
    }, h('td', null, time(r.time)), h('td', null, r.method), h('td', null, r.path), h('td', null, r.status || 'dropped'),
    h('td', null, r.durationMs.toFixed(1)), h('td', null, r.user || ''), h('td', null, r.scope || ''), h('td', null, r.fault || ''))), 8);
    renderDetail();
  }

  function renderDetail() {
    const r = state.selected;
    const detail = $('request-detail');
    if (!r) return;
    const headers = h('table', null, ...Object.entries(r.headers || {}).map(([k, v]) => h('tr', null, h('th', null, k), h('td', null, v))));
    detail.replaceChildren(h('h3', null, r.method + ' ' + r.path + (r.query ? '?' + r.query : '')),
      h('dl', { class: 'facts' }, h('dt', null, 'Time'), h('dd', null, time(r.time)), h('dt', null, 'Status'),
        h('dd', null, r.status || 'connection dropped'), h('dt', null, 'Duration'), h('dd', null, r.durationMs.toFixed(2) + ' ms'),
        h('dt', null, 'User'), h('dd', null, r.user || '-'), h('dt', null, 'Scope'), h('dd', null, r.scope || '-'),
        h('dt', null, 'Fault applied'), h('dd', null, r.fault || 'none')),
      h('h4', null, 'Headers (redacted)'), headers,
      h('h4', null, 'Body (redacted)'), h('pre', null, r.body === null || r.body === undefined ? '(none)' : r.body));
  }

  // --- certificates ---

  async function loadCertificates() {
    const view = await api('GET', '/certificates');
    const client = view.certificates.find((c) => c.role === 'client');
    const warning = $('cert-warning');
    if (client && client.daysLeft < 0) {
      warning.hidden = false;
      warning.textContent = 'The client certificate has expired (' + (-client.daysLeft) + ' days ago on the emulator clock).';
    } else if (view.outdatedNotify) {
      warning.hidden = false;
      warning.textContent = 'The client certificate expires in ' + client.daysLeft
        + ' days: GET /tls answers outdatedNotify: true.';
    } else {
      warning.hidden = true;
    }
    fill($('certificates'), view.certificates.map((c) => h('tr', { 'data-role': c.role },
      h('td', null, c.role), h('td', null, c.subject), h('td', null, c.subjectAlternativeNames.join(', ')),
      h('td', { class: 'mono' }, c.serialNumber), h('td', null, time(c.notBefore)), h('td', null, time(c.notAfter)),
      h('td', { class: c.daysLeft < 0 ? 'bad days-left' : c.daysLeft <= 30 ? 'warn days-left' : 'days-left' }, c.daysLeft))), 7);
    facts($('cert-facts'), [['Key type', view.keyType], ['outdatedNotify', String(view.outdatedNotify)],
      ['Domain names', view.domainNames.join(', ') || 'none'],
      ['Retired client serials', view.retiredClientSerials.join(', ') || 'none']]);
    timeline($('cert-timeline'), view);
  }

  function timeline(container, view) {
    const now = Date.parse(view.now);
    const starts = view.certificates.map((c) => Date.parse(c.notBefore));
    const ends = view.certificates.map((c) => Date.parse(c.notAfter));
    const from = Math.min(now, ...starts);
    const to = Math.max(now, ...ends);
    const span = Math.max(1, to - from);
    const W = 800, left = 70, right = 20, row = 26, top = 22;
    const x = (t) => left + (W - left - right) * (t - from) / span;
    const height = top + row * view.certificates.length + 30;
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + height, role: 'img', 'aria-label': 'certificate validity timeline' });
    view.certificates.forEach((c, i) => {
      const y = top + i * row;
      const cls = c.daysLeft < 0 ? 'bar expired' : c.daysLeft <= 30 ? 'bar soon' : 'bar';
      chart.append(svg('text', { x: 4, y: y + 15, class: 'label' }, c.role),
        svg('rect', { x: x(Date.parse(c.notBefore)), y, width: Math.max(2, x(Date.parse(c.notAfter)) - x(Date.parse(c.notBefore))),
          height: row - 8, class: cls }));
    });
    const base = top + row * view.certificates.length;
    chart.append(svg('text', { x: left, y: base + 18, class: 'axis' }, new Date(from).toISOString().slice(0, 10)),
      svg('text', { x: W - right, y: base + 18, class: 'axis end' }, new Date(to).toISOString().slice(0, 10)),
      svg('line', { x1: x(now), x2: x(now), y1: top - 4, y2: base, class: 'now' }),
      svg('text', { x: Math.min(x(now), W - right), y: 12, class: 'axis end now-label' },
        'emulator clock ' + new Date(now).toISOString().slice(0, 10)));
    container.replaceChildren(chart);
  }

  async function downloadBundle() {
    try {
      const response = await fetch(BASE + '/certificates/bundle', { headers: { Authorization: 'Bearer ' + token() } });
      if (!response.ok) throw new Error('status ' + response.status);
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: 'cert.zip' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      say('cert.zip downloaded');
    } catch (e) {
      say('Download failed: ' + e.message, true);
    }
  }

  // --- faults ---

  async function loadFaults() {
    const faults = await api('GET', '/faults');
    const v = (x) => (x === null || x === undefined ? '' : x);
    fill($('faults'), faults.map((f) => h('tr', { 'data-id': f.id },
      h('td', { class: 'mono' }, f.id), h('td', null, v(f.spec.method) || 'any'), h('td', null, v(f.spec.path) || 'any'),
      h('td', null, v(f.spec.status)), h('td', null, v(f.spec.delayMs)), h('td', null, f.spec.drop ? 'yes' : ''),
      h('td', null, v(f.spec.after)), h('td', null, v(f.spec.times)), h('td', null, v(f.spec.probability)),
      h('td', null, v(f.spec.scope)), h('td', { class: 'matched' }, f.matched), h('td', { class: 'applied' }, f.applied),
      h('td', null, v(f.remaining)),
      h('td', null, h('button', { type: 'button', onclick: () => act('Fault ' + f.id + ' removed', () => api('DELETE', '/faults/' + encodeURIComponent(f.id))) }, 'Remove')))), 14);
  }

  function faultSpec() {
    const text = (id) => $(id).value.trim() || undefined;
    const number = (id) => ($(id).value.trim() === '' ? undefined : Number($(id).value));
    const spec = { method: text('fault-method'), path: text('fault-path'), status: number('fault-status'),
      message: text('fault-message'), delayMs: number('fault-delay'), after: number('fault-after'),
      times: number('fault-times'), probability: number('fault-probability'), scope: text('fault-scope'),
      drop: $('fault-drop').checked || undefined };
    return spec;
  }

  // --- host ---

  async function loadHost() {
    const [history, ports] = await Promise.all([api('GET', '/host/history'), api('GET', '/host/ports')]);
    hostChart($('host-chart'), history);
    const last = history.points[history.points.length - 1];
    facts($('host-facts'), [['Source', history.source + (history.overridden ? ' (overridden)' : '')],
      ['CPU', last ? last.cpuUsage.toFixed(1) + ' %' : '-'],
      ['Memory', last ? last.usedMb + ' of ' + last.totalMb + ' MB' : '-'],
      ['Ports source', ports.source], ['Used TCP ports', (ports.tcp || []).join(', ') || 'none'],
      ['Used UDP ports', (ports.udp || []).join(', ') || 'none']]);
  }

  function hostChart(container, history) {
    const W = 800, H = 200, left = 40, right = 10, top = 10, bottom = 24;
    const points = history.points;
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'CPU and memory over the last minutes' });
    const y = (pct) => top + (H - top - bottom) * (1 - pct / 100);
    for (const pct of [0, 50, 100]) {
      chart.append(svg('line', { x1: left, x2: W - right, y1: y(pct), y2: y(pct), class: 'grid' }),
        svg('text', { x: left - 6, y: y(pct) + 4, class: 'axis end' }, pct + '%'));
    }
    if (points.length) {
      const t0 = Date.parse(points[0].time);
      const t1 = Math.max(t0 + 1, Date.parse(points[points.length - 1].time));
      const x = (t) => left + (W - left - right) * (Date.parse(t) - t0) / (t1 - t0);
      const line = (value) => points.map((p, i) => (i ? 'L' : 'M') + x(p.time).toFixed(1) + ' ' + y(value(p)).toFixed(1)).join(' ');
      chart.append(svg('path', { d: line((p) => p.cpuUsage), class: 'cpu' }),
        svg('path', { d: line((p) => 100 * p.usedMb / p.totalMb), class: 'memory' }),
        svg('text', { x: left, y: H - 6, class: 'axis' }, time(points[0].time)),
        svg('text', { x: W - right, y: H - 6, class: 'axis end' }, time(points[points.length - 1].time)));
    }
    chart.append(svg('text', { x: W / 2 - 60, y: H - 6, class: 'legend cpu-label' }, 'CPU %'),
      svg('text', { x: W / 2 + 10, y: H - 6, class: 'legend memory-label' }, 'memory %'));
    container.replaceChildren(chart);
  }

  function portList(id) {
    const text = $(id).value.trim();
    return text ? text.split(/[\s,]+/).map(Number) : [];
  }

  // --- snapshots ---

  async function loadSnapshots() {
    const { snapshots } = await api('GET', '/snapshots');
    fill($('snapshots'), snapshots.map((name) => h('tr', { 'data-name': name }, h('td', null, name), h('td', null,
      h('button', { type: 'button', onclick: () => act('Snapshot ' + name + ' restored', () => api('POST', '/snapshots/' + encodeURIComponent(name) + '/restore')) }, 'Restore'),
      ' ',
      h('button', { type: 'button', onclick: () => act('Snapshot ' + name + ' deleted', () => api('DELETE', '/snapshots/' + encodeURIComponent(name))) }, 'Delete')))), 2);
  }

  // --- wiring ---

  function on(id, event, handler) {
    $(id).addEventListener(event, (e) => {
      if (event === 'submit') e.preventDefault();
      handler(e);
    });
  }

  function init() {
    const match = /^#token=(.+)$/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    on('token-form', 'submit', () => {
      sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
      $('token-input').value = '';
      start();
    });
    on('forget-token', 'click', () => signOut('Token forgotten.'));
    document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => show(b.dataset.panel)));
    for (const id of ['filter-method', 'filter-path', 'filter-status', 'filter-scope']) {
      $(id).addEventListener('input', renderRequests);
    }
    on('request-filter', 'submit', renderRequests);
    on('clear-journal', 'click', () => act('Journal cleared', async () => {
      await api('DELETE', '/requests');
      state.requests = [];
      state.selected = null;
      $('request-detail').replaceChildren(h('p', { class: 'note' }, 'Open a request to see its headers and body.'));
      renderRequests();
    }));
    on('rotate-client', 'click', () => act('Client certificate rotated', () => api('POST', '/certificates/client/rotation')));
    on('download-bundle', 'click', downloadBundle);
    document.querySelectorAll('button.advance').forEach((b) => b.addEventListener('click',
      () => act('Clock advanced by ' + b.textContent, () => api('PUT', '/clock', { advance: b.dataset.advance }))));
    on('advance-form', 'submit', () => act('Clock advanced', () => api('PUT', '/clock', { advance: $('advance-input').value.trim() })));
    on('set-form', 'submit', () => act('Clock set', () => api('PUT', '/clock', { now: $('set-input').value.trim() })));
    on('freeze', 'click', () => act(state.clock && state.clock.frozen ? 'Clock running' : 'Clock frozen',
      () => api('PUT', '/clock', { frozen: !(state.clock && state.clock.frozen) })));
    on('system-time', 'click', () => act('Clock back to system time', () => api('PUT', '/clock', { system: true })));
    on('fault-form', 'submit', () => act('Fault added', () => api('POST', '/faults', faultSpec())));
    on('faults-clear', 'click', () => act('Faults removed', () => api('DELETE', '/faults')));
    on('resource-form', 'submit', () => act('Resource figures set', () => api('PUT', '/host/resource', {
      cpu_usage: Number($('res-cpu').value).toFixed(1),
      memory_usage: { total: Number($('res-total').value), used: Number($('res-used').value),
        buffers: Number($('res-buffers').value), cached: Number($('res-cached').value) } })));
    on('res-clear', 'click', () => act('Resource figures back to the source', () => api('DELETE', '/host/resource')));
    on('ports-form', 'submit', () => act('Used ports set', () => api('PUT', '/host/ports', { tcp: portList('ports-tcp'), udp: portList('ports-udp') })));
    on('ports-clear', 'click', () => act('Used ports back to the source', () => api('DELETE', '/host/ports')));
    on('snapshot-form', 'submit', () => act('Snapshot saved', () => api('POST', '/snapshots/' + encodeURIComponent($('snapshot-name').value.trim()))));
    on('reset-form', 'submit', () => act('Emulator reset', async () => {
      await api('POST', '/reset', { tls: $('reset-tls').checked });
      state.requests = [];
      state.selected = null;
      renderRequests();
    }));
    if (token()) start();
    else signOut();
  }

  init();
})();
