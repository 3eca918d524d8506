# Other tools: commands for Git Bash on Windows.
# shellcheck shell=bash
# --8<-- [start:poetry-eval]
eval "$(poetry env activate)"
# --8<-- [end:poetry-eval]
