/* () -> {checked, problems}: each shown tab set whose indicator the theme has styled, checked
 * that its indicator sits under the selected label and its panels do not inherit the offset. */
() => {
  const problems = [];
  let checked = 0;
  for (const set of document.querySelectorAll('.tabbed-set')) {
    if (set.offsetParent === null || !set.style.getPropertyValue('--md-indicator-width')) continue;
    checked += 1;
    const input = set.querySelector(':scope > input:checked');
    const label = set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`);
    const bar = getComputedStyle(set.querySelector(':scope > .tabbed-labels'), '::before');
    const x = new DOMMatrix(bar.transform).m41;
    const [width, left] = [label.offsetWidth, label.offsetLeft];
    if (Math.abs(parseFloat(bar.width) - width) > 1 || Math.abs(x - left) > 1)
      problems.push(`${input.id}: indicator ${bar.width} at ${x}px, label ${width}px at ${left}px`);
    const inside = getComputedStyle(set.querySelector(':scope > .tabbed-content'))
      .getPropertyValue('--md-indicator-x');
    if (inside !== '0px') problems.push(`${input.id}: its panels inherit the offset (${inside})`);
  }
  return {checked, problems};
}
