# Deactivate page: commands for bash (Linux and macOS).
# shellcheck shell=bash
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
which python3
# --8<-- [end:check]
