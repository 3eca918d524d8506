/* (tab id) -> whether that tab and every tab around it are selected, the nearest heading
 * is the step's and in view below the header, and the tab's label is shown. */
(id) => {
  const input = document.getElementById(id);
  if (!input) return {problem: 'no element with this id'};
  const path = [input];
  for (let node = input.parentElement; node; node = node.parentElement) {
    const content = node.parentElement;
    if (node.classList.contains('tabbed-block') && content &&
        content.classList.contains('tabbed-content')) {
      const index = Array.prototype.indexOf.call(content.children, node);
      path.unshift(content.parentElement.querySelectorAll(':scope > input')[index]);
    }
  }
  const unchecked = path.filter(i => !i.checked).map(i => i.id);
  const set = path[0].parentElement;
  let heading = null;
  for (const h of document.querySelectorAll('article h1, article h2, article h3, article h4')) {
    if (h.compareDocumentPosition(set) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
  }
  const block = input.parentElement.querySelector(':scope > .tabbed-content')
    .children[Array.prototype.indexOf.call(
      input.parentElement.querySelectorAll(':scope > input'), input)];
  const code = block && block.querySelector('.highlight[data-vg-heading]');
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const box = heading ? heading.getBoundingClientRect() : null;
  const label = document.querySelector(`label[for="${id}"]`).getBoundingClientRect();
  return {
    unchecked,
    heading: heading && heading.id,
    step: code ? code.dataset.vgHeading : (heading && heading.id),
    inView: !!box && box.top >= header - 1 && box.bottom <= window.innerHeight,
    labelShown: label.width > 0 && label.height > 0,
    problem: null,
  };
}
