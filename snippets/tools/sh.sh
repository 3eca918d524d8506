# Other tools: commands for POSIX sh (dash, ksh, mksh).
# shellcheck shell=sh
# --8<-- [start:poetry-eval]
eval "$(poetry env activate)"
# --8<-- [end:poetry-eval]
