# Options of venv: on macOS and Linux (same text in every shell).
# shellcheck shell=sh
# --8<-- [start:without-pip]
python3 -m venv --without-pip .venv
# --8<-- [end:without-pip]
# --8<-- [start:clear]
python3 -m venv --clear .venv
# --8<-- [end:clear]
# --8<-- [start:upgrade-deps]
python3 -m venv --upgrade-deps .venv
# --8<-- [end:upgrade-deps]
# --8<-- [start:prompt]
python3 -m venv --prompt myproject .venv
# --8<-- [end:prompt]
# --8<-- [start:system-site-packages]
python3 -m venv --system-site-packages .venv
# --8<-- [end:system-site-packages]
