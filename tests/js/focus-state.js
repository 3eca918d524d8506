/* () -> after two frames (once the theme has reacted to the focus), the focused element:
 * its name, whether it is shown, and for a tab whether its label shows a focus ring; null
 * when the focus is back on the body or on an element seen before. */
async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const el = document.activeElement;
  if (!el || el === document.body || el.dataset.vgStop) return null;
  el.dataset.vgStop = '1';
  const box = el.getBoundingClientRect();
  let shown = box.width > 0 && box.height > 0;
  for (let n = el; n && shown; n = n.parentElement) {
    const s = getComputedStyle(n);
    shown = s.visibility !== 'hidden' && s.opacity !== '0' && s.display !== 'none';
  }
  let ring = null;
  const next = el.nextElementSibling;
  if (el.matches('input.md-option') && next && next.tagName === 'LABEL') {
    shown = next.getBoundingClientRect().width > 0;  // the palette toggle shows for it
  }
  if (el.matches('.tabbed-set > input')) {
    const label = document.querySelector(`label[for="${el.id}"]`);
    const s = getComputedStyle(label);
    ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    shown = label.getBoundingClientRect().width > 0;
  }
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ?
     '.' + el.className.trim().split(/\s+/).join('.') : '');
  return {name, shown, ring};
}
