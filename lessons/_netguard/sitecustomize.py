"""Network guard for test and build kernels: any connection to a non-loopback address fails at once.

This folder is put on PYTHONPATH of kernels started by the test suite, `make execute` and `make html` (and
`GSOMIA_NETGUARD=1` is set), so a notebook that tried to reach the internet fails loudly instead of passing on
a developer's machine and hanging in a classroom. Loopback (127.0.0.0/8, ::1, localhost) and Unix sockets stay
allowed: Jupyter kernels and the local test servers use them.
"""

import os

if os.environ.get("GSOMIA_NETGUARD") == "1":
    import sys

    sys.path_importer_cache.clear()
    try:
        from lessons._netguard_impl import install

        install()
    except ImportError:  # pragma: no cover - lessons not importable: nothing to guard with
        pass
