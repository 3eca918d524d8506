# Install page: pip commands, the same text in every shell on every OS.
# shellcheck shell=sh
# --8<-- [start:install]
python -m pip install requests
# --8<-- [end:install]
# --8<-- [start:pin]
python -m pip install "requests==2.33.1"
# --8<-- [end:pin]
# --8<-- [start:compatible]
python -m pip install "requests~=2.33.0"
# --8<-- [end:compatible]
# --8<-- [start:minimum]
python -m pip install "requests>=2.31"
# --8<-- [end:minimum]
# --8<-- [start:list]
python -m pip list
# --8<-- [end:list]
# --8<-- [start:show]
python -m pip show requests
# --8<-- [end:show]
# --8<-- [start:freeze]
python -m pip freeze > requirements.txt
# --8<-- [end:freeze]
# --8<-- [start:install-r]
python -m pip install -r requirements.txt
# --8<-- [end:install-r]
# --8<-- [start:uninstall]
python -m pip uninstall -y requests
# --8<-- [end:uninstall]
