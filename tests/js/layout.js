/* () -> what a phone-width reader would have to scroll or squint at: sideways scrolling,
 * tabs that do not fit, marks that wrap or sit under their block, output that scrolls, code
 * under 12 px, a permalink alone on a line, code in a table broken mid-word. */
() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways (${doc.scrollWidth}px wide)`);
  }
  for (const labels of document.querySelectorAll('.tabbed-labels')) {
    if (labels.offsetParent !== null && labels.scrollWidth > labels.clientWidth + 1) {
      const names = Array.from(labels.children, l => l.textContent.trim()).join(', ');
      problems.push(`tabs ${names} do not fit (${labels.scrollWidth} > ${labels.clientWidth}px)`);
    }
  }
  // A mark starts below its code block, not under it, and is one whole line: not wrapped,
  // not cut short by its ellipsis.
  for (const mark of document.querySelectorAll('article .vg-mark')) {
    const block = mark.previousElementSibling;
    if (mark.offsetParent === null || !block || block.offsetParent === null) continue;
    const gap = mark.getBoundingClientRect().top - block.getBoundingClientRect().bottom;
    if (gap < 0) {
      problems.push(`a mark starts ${-gap}px under its block (${mark.textContent})`);
    }
    const lineHeight = parseFloat(getComputedStyle(mark).lineHeight);
    if (mark.getBoundingClientRect().height > lineHeight * 1.5) {
      problems.push(`a mark wraps onto a second line (${mark.textContent})`);
    }
    if (mark.scrollWidth > mark.clientWidth + 1) {
      problems.push(`a mark does not fit on its line (${mark.textContent})`);
    }
  }
  // Output (a .no-copy block) wraps: the reader sees the whole message without scrolling.
  for (const code of document.querySelectorAll('article .no-copy pre > code')) {
    if (code.offsetParent === null) continue;
    if (code.scrollWidth > code.clientWidth + 1) {
      problems.push(`an output block scrolls sideways (${code.textContent.slice(0, 60)})`);
    }
  }
  // Code blocks are legible: 12 px or more (Lighthouse's legible-font-size audit), in an
  // admonition too.
  for (const code of document.querySelectorAll('article pre > code')) {
    if (code.offsetParent === null) continue;
    const size = parseFloat(getComputedStyle(code).fontSize);
    if (size < 12) {
      problems.push(`a code block's text is ${size}px, under 12px (${code.textContent.slice(0, 60)})`);
    }
  }
  for (const link of document.querySelectorAll('article .headerlink')) {
    const heading = link.parentElement;
    if (heading.offsetParent === null) continue;
    const range = document.createRange();
    range.setStart(heading, 0);
    range.setEndBefore(link);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
    const last = rects[rects.length - 1];
    const box = link.getBoundingClientRect();
    if (last && box.top >= last.bottom - 2) {
      problems.push(`the permalink of #${heading.id} wraps onto a line of its own`);
    }
  }
  // Code in a table breaks only after a path separator or a space, or before an anchor's #.
  for (const code of document.querySelectorAll('article table code')) {
    if (code.offsetParent === null) continue;
    const lines = [];
    let top = null;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top === null || rect.top > top + 2) lines.push('');
        top = rect.top;
        lines[lines.length - 1] += node.data[i];
      }
    }
    for (let k = 0; k + 1 < lines.length; k++) {
      if (!/[/\\\s]$/.test(lines[k]) && !lines[k + 1].startsWith('#')) {
        problems.push(`code ${code.textContent} in a table breaks after "${lines[k]}"`);
      }
    }
  }
  return problems;
}
