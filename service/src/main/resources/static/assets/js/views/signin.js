// Sign-in: the key is checked against the server (GET /v1/stats answers the tenant it belongs to)
// before it is kept, so a wrong key is reported here and not on the first real action.
import {call, session} from '../api.js';
import {el, fill, field, heading, statusLine} from '../dom.js';

export function renderSignIn(main, {onSignedIn}) {
  const input = el('input', {type: 'password', name: 'apiKey', autocomplete: 'off', spellcheck: 'false', required: true});
  const status = statusLine();
  const submit = el('button', {type: 'submit'}, 'Sign in');
  const form = el('form', {class: 'card narrow', 'aria-labelledby': 'signin-title'},
    field('API key', input, 'A tenant key, sk_<id>_<secret>, issued by POST /v1/admin/tenants/{id}/keys. '
      + 'It is kept in this tab\'s session storage only.'),
    submit, status.node);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) { status.error('Enter an API key.'); input.focus(); return; }
    // Checked here because the server would only say 401: the admin token is the usual mix-up.
    if (!key.startsWith('sk_')) {
      status.error('Tenant API keys start with sk_. The admin token is not accepted here: issue a tenant key '
        + 'with POST /v1/admin/tenants/{id}/keys and sign in with that.');
      input.focus();
      return;
    }
    submit.disabled = true;
    status.ok('Checking the key…');
    try {
      const answer = await call('GET', '/v1/stats', {key});
      session.save(key);
      onSignedIn(answer.body.tenant);
    } catch (e) {
      status.error(e.message);
      input.focus();
      input.select();
    } finally {
      submit.disabled = false;
    }
  });
  const title = heading('Sign in');
  title.id = 'signin-title';
  fill(main, el('section', {class: 'signin'}, title, form));
}
