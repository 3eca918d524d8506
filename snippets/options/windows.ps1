# Options of venv: on Windows (same text in PowerShell, cmd and Git Bash).
# --8<-- [start:without-pip]
py -m venv --without-pip .venv
# --8<-- [end:without-pip]
# --8<-- [start:clear]
py -m venv --clear .venv
# --8<-- [end:clear]
# --8<-- [start:upgrade-deps]
py -m venv --upgrade-deps .venv
# --8<-- [end:upgrade-deps]
# --8<-- [start:prompt]
py -m venv --prompt myproject .venv
# --8<-- [end:prompt]
# --8<-- [start:system-site-packages]
py -m venv --system-site-packages .venv
# --8<-- [end:system-site-packages]
