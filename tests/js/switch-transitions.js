/* () -> switches the colour scheme as a reader does (the toggle's label) once the page's
 * own transitions are over, then lists every transition running two frames later, as
 * "element [properties]"; null when no toggle is shown. */
async () => {
  const frames = (n) => new Promise((done) => {
    const step = () => (n-- > 0 ? requestAnimationFrame(step) : done());
    step();
  });
  const ending = document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(ending.map((a) => a.finished.catch(() => null)));
  const toggle = Array.from(document.querySelectorAll('label[for^="__palette_"]'))
    .find((label) => label.offsetParent !== null);
  if (!toggle) return null;
  toggle.click();
  await frames(2);
  return document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => {
    const el = a.effect.target;
    const name = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ?
      '.' + el.className.trim().split(/\s+/).join('.') : '') + (a.effect.pseudoElement || '');
    return `${name} [${a.transitionProperty}]`;
  });
}
