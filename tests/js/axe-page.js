/* () -> axe-core's run over the whole page, marking the tab blocks shown as seen. */
() => {
  document.querySelectorAll('.tabbed-block').forEach((b) => {
    if (b.offsetParent !== null) b.dataset.vgAxeSeen = '1';
  });
  return axe.run(document, {resultTypes: ['violations']});
}
