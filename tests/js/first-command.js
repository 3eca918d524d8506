/* () -> the first copyable block shown: its first line's text and its top (px from the
 * top of the page). */
() => {
  const block = [...document.querySelectorAll('article div.highlight')]
    .find((b) => b.offsetParent !== null && !b.classList.contains('no-copy'));
  if (!block) return null;
  const line = block.querySelector('code').getBoundingClientRect();
  return { top: line.top + window.scrollY, text: block.innerText.trim().split('\n')[0] };
}
