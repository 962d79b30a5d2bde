// The demo's one HTML page: plain HTML and a little script that calls the API routes and
// shows what comes back. No framework, no build step.

const style = `
  :root { color-scheme: light; --bg: #fff; --fg: #1d1d1f; --card: #f4f4f6; --accent: #0b63ce; }
  body.dark { color-scheme: dark; --bg: #121316; --fg: #e8e8ea; --card: #1e2026; --accent: #6aa8ff; }
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
  main { max-width: 960px; margin: 0 auto; padding: 24px; display: grid; gap: 16px;
         grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
  header { max-width: 960px; margin: 0 auto; padding: 24px 24px 0; }
  section { background: var(--card); border-radius: 10px; padding: 16px; }
  h1 { margin: 0 0 4px; } h2 { margin: 0 0 8px; font-size: 17px; }
  pre { white-space: pre-wrap; word-break: break-word; font-size: 13px; margin: 8px 0 0; }
  button, input { font: inherit; } button { cursor: pointer; }
  a { color: var(--accent); } .error { color: #c62828; } ol { padding-left: 20px; margin: 8px 0 0; }
`;

const script = `
  const $ = (id) => document.getElementById(id);
  async function show(id, url, init) {
    const res = await fetch(url, init);
    const type = res.headers.get('content-type') || '';
    let body;
    if (type.includes('json')) {
      const data = await res.json();
      // Validation errors read as a list: "invalid team" then one line per problem.
      body = data && Array.isArray(data.problems)
        ? data.error + '\\n' + data.problems.map((p) => '- ' + p).join('\\n')
        : JSON.stringify(data, null, 2);
    } else body = await res.text();
    $(id).textContent = res.status + ' ' + body;
    $(id).classList.toggle('error', res.status >= 400);
    return res;
  }
  async function loadTheme() {
    const { theme } = await (await fetch('/preferences')).json();
    document.body.classList.toggle('dark', theme === 'dark');
    $('theme-value').textContent = theme;
  }
  async function setTheme(theme) {
    await show('theme-result', '/preferences', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ theme }) });
    await loadTheme();
  }
  async function loadTeams() { await show('teams', '/api/teams'); }
  async function createTeam(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    await show('team-result', '/api/teams', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: form.get('name'), members: Number(form.get('members')) }) });
    await loadTeams();
  }
  function startFeed() {
    const list = $('feed'); list.replaceChildren();
    $('feed-state').textContent = 'streaming';
    const source = new EventSource('/feed?count=6&interval=400');
    source.addEventListener('tick', (event) => {
      const li = document.createElement('li'); li.textContent = event.data; list.append(li);
      if (JSON.parse(event.data).n === 6) { source.close(); $('feed-state').textContent = 'done'; }
    });
    source.onerror = () => { source.close(); if ($('feed-state').textContent !== 'done') $('feed-state').textContent = 'closed'; };
  }
  const sent = new URLSearchParams(location.search).get('sent');
  if (sent) $('message-result').textContent = 'Message ' + sent + ' sent.';
  for (const [id, fn] of Object.entries({ 'theme-light': () => setTheme('light'), 'theme-dark': () => setTheme('dark'),
    'feed-start': startFeed, 'stats-load': () => show('stats', '/stats'), 'cors-check': () => show('cors', '/api/cors'),
    'team-lookup': () => show('team', '/dashboard/' + encodeURIComponent($('team-id').value)),
    'sign-in': () => show('private', '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: $('user-name').value }) }),
    'sign-out': () => show('private', '/api/session', { method: 'DELETE' }),
    'private-call': () => show('private', '/api/private/me'),
  })) $(id).addEventListener('click', fn);
  for (const link of document.querySelectorAll('a[data-show]')) {
    link.addEventListener('click', (event) => { event.preventDefault(); show(link.dataset.show, link.getAttribute('href')); });
  }
  $('team-form').addEventListener('submit', createTeam);
  loadTheme(); loadTeams();
`;

/** The HTML of the demo page. */
export const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>approute demo</title><style>${style}</style></head>
<body>
<header><h1>approute demo</h1><p>Every box below calls a route handler in <code>app/</code>.</p></header>
<main>
  <section><h2>Preference (cookie)</h2>
    <p>Theme: <strong id="theme-value">…</strong></p>
    <button id="theme-light">Light</button> <button id="theme-dark">Dark</button><pre id="theme-result"></pre></section>
  <section><h2>Teams (JSON API)</h2>
    <form id="team-form"><input name="name" placeholder="name" aria-label="team name">
      <input name="members" type="number" value="3" aria-label="members" style="width:5em">
      <button id="team-create">Add team</button></form>
    <pre id="team-result"></pre><pre id="teams"></pre></section>
  <section><h2>Dashboard <code>/dashboard/[team]</code></h2>
    <input id="team-id" value="1" aria-label="team id" style="width:5em"> <button id="team-lookup">Look up</button>
    <p><a href="/go/1">/go/1</a> redirects here.</p><pre id="team"></pre></section>
  <section><h2>Shop, blog and docs</h2>
    <a data-show="catalog" href="/shop/shoes/runner">/shop/shoes/runner</a><br>
    <a data-show="catalog" href="/blog/2026/route-handlers/params">/blog/2026/route-handlers/params</a><br>
    <a data-show="catalog" href="/docs">/docs</a> · <a data-show="catalog" href="/docs/routing/params">/docs/routing/params</a><br>
    <a data-show="catalog" href="/shop/shoes/sandal">/shop/shoes/sandal</a> (404)<pre id="catalog"></pre></section>
  <section><h2>Live feed (server-sent events)</h2>
    <button id="feed-start">Start</button> <span id="feed-state">idle</span><ol id="feed"></ol></section>
  <section><h2>Contact (form POST)</h2>
    <form method="post" action="/api/messages"><input name="email" type="email" placeholder="you@example.com" aria-label="email" required>
      <input name="text" placeholder="message" aria-label="message" required> <button id="message-send">Send</button></form>
    <p id="message-result"></p></section>
  <section><h2>Private API (<code>proxy.ts</code>)</h2>
    <input id="user-name" value="Ada" aria-label="user name" style="width:8em"> <button id="sign-in">Sign in</button>
    <button id="sign-out">Sign out</button> <button id="private-call">/api/private/me</button><pre id="private"></pre></section>
  <section><h2>Static and CORS</h2>
    <button id="stats-load">/stats (force-static)</button> <button id="cors-check">/api/cors</button>
    <pre id="stats"></pre><pre id="cors"></pre></section>
</main>
<script type="module">${script}</script>
</body></html>`;
