// 实时动态: log in with a staff account and follow the case events of one's own scope over
// Server-Sent Events (GET /api/v1/live/events). EventSource cannot send an Authorization header,
// so the stream is read with fetch(); on every reconnect the last event id is sent back as
// Last-Event-ID and the server resumes exactly there (nothing lost, nothing twice).

const MAX_ROWS = 50;
const ROLE_LABELS = {
  inspector: '监督员', operator: '受理员', shift_leader: '值班长', dispatcher: '派遣员',
  unit_handler: '处置单位', hotline_agent: '热线坐席', leader: '领导', admin: '管理员',
};

const $ = (id) => document.getElementById(id);
let token = null;
let refreshToken = null;
let lastId = null;
let controller = null;

function setStatus(text, kind = '') {
  const el = $('live-status');
  el.textContent = text;
  el.dataset.kind = kind;
}

function timeOf(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('zh-CN', { hour12: false });
}

function addRow(ev) {
  const list = $('live-events');
  const li = document.createElement('li');
  li.className = 'live-row';
  li.dataset.caseId = String(ev.case_id);
  const no = document.createElement('span');
  no.className = 'live-no';
  no.textContent = ev.case_no;
  const what = document.createElement('span');
  what.className = 'live-what';
  what.textContent = ev.action_label + (ev.to_status && ev.from_status !== ev.to_status ? ` → ${ev.to_status}` : '');
  const at = document.createElement('span');
  at.className = 'live-at';
  at.textContent = timeOf(ev.at);
  li.append(no, what, at);
  list.prepend(li);
  while (list.children.length > MAX_ROWS) list.lastChild.remove();
}

function frames(buffer, onEvent) {
  // SSE frames are separated by a blank line; returns the unfinished tail
  const parts = buffer.split('\n\n');
  const tail = parts.pop();
  for (const block of parts) {
    let id = null;
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (event === 'case_event' && data.length) {
      onEvent(JSON.parse(data.join('\n')));
      if (id) lastId = id;
    }
  }
  return tail;
}

async function refresh() {
  const res = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  if (!res.ok) throw new Error('登录已过期，请重新登录');
  const body = await res.json();
  token = body.access_token;
  refreshToken = body.refresh_token;
}

async function follow() {
  while (token) {
    controller = new AbortController();
    const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (lastId) headers['Last-Event-ID'] = lastId;
    try {
      const res = await fetch('/api/v1/live/events', { headers, signal: controller.signal });
      if (res.status === 401 && refreshToken) {
        await refresh();
        continue;
      }
      if (!res.ok || !res.body) throw new Error(`事件流连接失败（${res.status}）`);
      setStatus('已连接，等待新的案卷动态…', 'ok');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = frames(buffer + decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n'), addRow);
      }
      // the server ends the stream when the access token would expire: get a new one, go on
      if (refreshToken) await refresh();
    } catch (err) {
      if (!token) return;
      setStatus(`${err.message || err}；3 秒后重连`, 'error');
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

async function login(e) {
  e.preventDefault();
  const form = new URLSearchParams({ username: $('live-user').value, password: $('live-pass').value });
  setStatus('正在登录…');
  const res = await fetch('/api/v1/auth/token', { method: 'POST', body: form });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    setStatus(body.message || '登录失败', 'error');
    return;
  }
  token = body.access_token;
  refreshToken = body.refresh_token;
  $('live-pass').value = '';
  $('live-login').hidden = true;
  $('live-session').hidden = false;
  $('live-who').textContent = `${$('live-user').value}（${ROLE_LABELS[body.role] || body.role}）`;
  follow();
}

function logout() {
  token = null;
  refreshToken = null;
  lastId = null;
  if (controller) controller.abort();
  $('live-events').replaceChildren();
  $('live-login').hidden = false;
  $('live-session').hidden = true;
  setStatus('登录后显示本人权限范围内的案卷实时动态。');
}

export function initLive() {
  $('live-login').addEventListener('submit', login);
  $('live-logout').addEventListener('click', logout);
  return () => {
    token = null;
    refreshToken = null;
    lastId = null;
    if (controller) controller.abort();
  };
}
