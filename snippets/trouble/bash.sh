# When something goes wrong: commands for bash (Linux and macOS).
# shellcheck shell=bash
# --8<-- [start:run-activate]
.venv/bin/activate
# --8<-- [end:run-activate]
