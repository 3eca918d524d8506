/* (block index) -> selects the tabs of the block as a reader clicks them, scrolls the
 * block into view (with content.lazy the theme adds a block's copy button once the block is in
 * view) and empties the clipboard. The test then waits for the copy button and clicks it with
 * Playwright's trusted click. */
async (index) => {
  const block = document.querySelectorAll('article div.highlight')[index];
  const labels = [];
  for (let node = block; node; node = node.parentElement) {
    const content = node.parentElement;
    if (node.classList.contains('tabbed-block') && content &&
        content.classList.contains('tabbed-content')) {
      const at = Array.prototype.indexOf.call(content.children, node);
      const input = content.parentElement.querySelectorAll(':scope > input')[at];
      labels.unshift(document.querySelector(`label[for="${input.id}"]`));
    }
  }
  for (const label of labels) {
    if (!document.getElementById(label.htmlFor).checked) label.click();
  }
  block.scrollIntoView({block: 'center'});
  await navigator.clipboard.writeText('');
}
