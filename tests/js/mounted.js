/* Material mounts its tabs asynchronously: true once every tab set is linked. */
() => document.querySelectorAll('.tabbed-set').length ===
    document.querySelectorAll('.tabbed-labels--linked').length
