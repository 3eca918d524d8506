/* ([OS label, shell label or null]) -> selects the tabs as a reader clicks them (the
 * theme's linked tabs follow). */
([os, shell]) => {
  const click = (text) => {
    for (const label of document.querySelectorAll('.tabbed-labels > label')) {
      if (label.offsetParent !== null && label.textContent.trim() === text) {
        label.click();
        return;
      }
    }
  };
  click(os);
  if (shell) click(shell);
}
