// Semantic memory views (issue 6 endpoints). Filled in once those endpoints exist.
import {el, fill, heading} from '../dom.js';

export function renderMemory(main) {
  fill(main, heading('Memories'), el('p', {}, 'Semantic memory views are not available on this server yet.'));
}
