// Console shell: sign-in state, the section navigation and a hash router (#/kv/ns/key), so the
// static files need no server-side routing and work the same behind nginx.
import {session} from './api.js';
import {renderSignIn} from './views/signin.js';
import {renderNamespaces, renderNamespace} from './views/kv.js';
import {renderItem, renderNewItem} from './views/item.js';
import {renderStatus} from './views/status.js';
import {renderMemory} from './views/memory.js';

const main = document.getElementById('main');
const notice = document.getElementById('notice');
let leaveView = null;

/** Shows a message that outlives a view change (e.g. "signed out because the key was revoked"). */
export function announce(message) {
  notice.textContent = message;
  notice.hidden = !message;
}

function parseRoute() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {parts, params: new URLSearchParams(query)};
}

function route() {
  // In-page anchors such as the skip link are not routes.
  if (location.hash && !location.hash.startsWith('#/')) return;
  if (leaveView) { leaveView(); leaveView = null; }
  const {parts, params} = parseRoute();
  const signedIn = Boolean(session.key());
  document.getElementById('sections').hidden = !signedIn;
  document.getElementById('session').hidden = !signedIn;
  if (!signedIn) {
    renderSignIn(main, {onSignedIn: signedInAs});
    return focusView();
  }
  document.getElementById('tenant-id').textContent = sessionStorage.getItem('strata.tenant') || '';
  const [section = 'kv', ...rest] = parts;
  markSection(section);
  if (section === 'kv' && rest.length === 0) renderNamespaces(main, params);
  else if (section === 'kv' && rest[0] === '_new') renderNewItem(main, params);
  else if (section === 'kv' && rest.length === 1) renderNamespace(main, rest[0], params);
  else if (section === 'kv' && rest.length >= 2) renderItem(main, rest[0], rest.slice(1).join('/'));
  else if (section === 'status') leaveView = renderStatus(main);
  else if (section === 'memory') renderMemory(main, rest, params);
  else { location.hash = '#/kv'; return; }
  focusView();
}

/** Moves focus to the new view's heading so keyboard and screen-reader users land on it. */
function focusView() {
  const title = main.querySelector('h1');
  (title || main).focus({preventScroll: false});
}

function markSection(section) {
  for (const link of document.querySelectorAll('#sections a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function signedInAs(tenant) {
  sessionStorage.setItem('strata.tenant', tenant);
  announce('');
  if (location.hash === '#/kv') route(); else location.hash = '#/kv';
}

function signOut(message) {
  session.clear();
  sessionStorage.removeItem('strata.tenant');
  announce(message || '');
  if (location.hash === '#/signin') route(); else location.hash = '#/signin';
}

window.addEventListener('strata:unauthorized', (event) => signOut(event.detail.message));
window.addEventListener('hashchange', route);
document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out. The API key was removed from this tab.'));
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
route();
