/* (row id) -> why the row a "Verified on" link names is not shown in the viewport below
 * the header with its OS tab selected, or null when it is. */
(id) => {
  const row = document.getElementById(id);
  if (!row) return 'no element with this id';
  const problems = [];
  if (row.offsetParent === null) problems.push('the row is hidden');
  const box = row.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  if (!(box.top >= header - 1 && box.bottom <= window.innerHeight)) {
    problems.push(`the row is not in view (top ${Math.round(box.top)})`);
  }
  return problems.join('; ');
}
