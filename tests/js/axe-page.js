/* (axe rules or null) -> axe-core's run over the whole page (only those rules, when given),
 * marking the tab blocks shown as seen. Needs axe.min.js on the page. */
(rules) => {
  document.querySelectorAll('.tabbed-block').forEach((b) => {
    if (b.offsetParent !== null) b.dataset.vgAxeSeen = '1';
  });
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = rules;
  return axe.run(document, options);
}
