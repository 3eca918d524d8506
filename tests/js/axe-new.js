/* (axe rules or null) -> axe-core's run over what a new tab selection shows that axe has not
 * seen yet: the innermost tab blocks shown for the first time, and the shown tab labels (whose
 * selected state changed). Needs axe.min.js on the page. */
(rules) => {
  const shown = (el) => el.offsetParent !== null;
  const fresh = Array.from(document.querySelectorAll('.tabbed-block')).filter(
    (b) => shown(b) && !b.querySelector('.tabbed-set') && !b.dataset.vgAxeSeen);
  fresh.forEach((b) => { b.dataset.vgAxeSeen = '1'; });
  const labels = Array.from(document.querySelectorAll('.tabbed-labels')).filter(shown);
  // No preload: the full run of the page has checked the stylesheets (css-orientation-lock).
  const options = {resultTypes: ['violations'], preload: false};
  if (rules) options.runOnly = rules;
  return axe.run({include: fresh.concat(labels)}, options);
}
