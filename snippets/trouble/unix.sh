# When something goes wrong: mistakes and fixes on macOS and Linux (same text in every shell).
# shellcheck shell=sh
# --8<-- [start:no-python]
python -m venv .venv
# --8<-- [end:no-python]
# --8<-- [start:run-base]
python3 app.py
# --8<-- [end:run-base]
# --8<-- [start:move]
cd ..
mv project renamed
cd renamed
# --8<-- [end:move]
# --8<-- [start:moved-pip]
.venv/bin/pip list
# --8<-- [end:moved-pip]
# --8<-- [start:system-pip]
python3 -m pip install requests
# --8<-- [end:system-pip]
# --8<-- [start:venv-pip]
.venv/bin/python -m pip install requests
# --8<-- [end:venv-pip]
# --8<-- [start:run-venv-python]
.venv/bin/python --version
# --8<-- [end:run-venv-python]
