// A modal confirmation built on <dialog>: focus moves into it, Escape cancels, and the caller gets
// a promise. With `typeToConfirm`, the confirm button stays disabled until that text is typed.
import {el, field} from './dom.js';

export function confirmAction({title, message, confirmLabel, typeToConfirm}) {
  return new Promise((resolve) => {
    const confirmButton = el('button', {type: 'submit', class: 'danger', value: 'confirm'}, confirmLabel);
    const cancelButton = el('button', {type: 'button', value: 'cancel'}, 'Cancel');
    const parts = [el('h2', {id: 'confirm-title'}, title), el('p', {id: 'confirm-message'}, message)];
    if (typeToConfirm) {
      const input = el('input', {name: 'confirmText', autocomplete: 'off'});
      confirmButton.disabled = true;
      input.addEventListener('input', () => { confirmButton.disabled = input.value !== typeToConfirm; });
      parts.push(field(`Type ${typeToConfirm} to confirm`, input));
    }
    const form = el('form', {method: 'dialog'}, parts, el('div', {class: 'actions'}, cancelButton, confirmButton));
    const dialog = el('dialog', {'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message'}, form);
    let confirmed = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (confirmButton.disabled) return;
      confirmed = true;
      dialog.close();
    });
    cancelButton.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.remove(); resolve(confirmed); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
