# Are we in a virtual environment?
import sys

print(sys.prefix != sys.base_prefix)
#> True
