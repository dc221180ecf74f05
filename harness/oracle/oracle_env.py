"""Loads KTRDR's own modules from a checkout into this interpreter, with every shim explicit and recorded.

KTRDR at 1e0933c5 expects pandas 2 / pydantic 2 / torch 2 and a few packages Debian 12 does not ship. Each
difference is bridged here by one small shim, and each shim (and each injection the driver makes into KTRDR's
objects) is appended to ``Environment.shims`` / ``Environment.injections`` so the driver prints them with every
result. Nothing is written into the checkout: bytecode writing is off, and the package ``__init__`` (which
creates ``<checkout>/logs`` and reads ``.env``) is replaced by an explicit equivalent (shim ``ktrdr-package-init``).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

#: KTRDR's package ``__init__`` re-exports these from ``ktrdr.logging``.
_LOGGING_EXPORTS = (
    "LogContext",
    "configure_logging",
    "get_logger",
    "is_debug_mode",
    "log_data_operation",
    "log_entry_exit",
    "log_error",
    "log_performance",
    "set_debug_mode",
    "with_context",
)

#: The names KTRDR imports from ``ib_insync`` (Interactive Brokers' client, not packaged by Debian).
_IB_INSYNC_NAMES = ("IB", "Contract", "Forex", "Future", "Stock")

#: Debian packages the oracle needs (``make oracle-deps`` installs them).
REQUIRED_MODULES = (
    "pandas",
    "numpy",
    "torch",
    "yaml",
    "pydantic",
    "sklearn",
    "dotenv",
    "tomli",
    "httpx",
    "aiohttp",
    "psutil",
)


class OracleSetupError(Exception):
    """The checkout or the Python packages the oracle needs are missing or unusable."""


@dataclass
class Environment:
    """A loaded KTRDR: where it came from and what was changed to run it here."""

    src: Path
    shims: list[dict] = field(default_factory=list)
    injections: list[dict] = field(default_factory=list)
    versions: dict = field(default_factory=dict)

    def shim(self, shim_id: str, what: str, why: str) -> None:
        self.shims.append({"id": shim_id, "what": what, "why": why})

    def inject(self, injection_id: str, what: str) -> None:
        if not any(i["id"] == injection_id for i in self.injections):
            self.injections.append({"id": injection_id, "what": what})


def _check_checkout(src: Path) -> None:
    marker = src / "ktrdr" / "training" / "train_strategy.py"
    if not marker.is_file():
        raise OracleSetupError(f"no KTRDR checkout at {src} (missing {marker.relative_to(src)})")


def _check_modules() -> None:
    missing = []
    for name in REQUIRED_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise OracleSetupError(
            f"python modules missing: {', '.join(missing)} (run `make oracle-deps`, Debian packages python3-*)"
        )


def _absent_class(module: str, name: str) -> type:
    def refuse(self, *args, **kwargs):
        raise RuntimeError(f"{module}.{name} is not installed here: the oracle never contacts Interactive Brokers")

    return type(name, (), {"__init__": refuse, "__module__": module})


def _shim_ib_insync(env: Environment) -> None:
    module = types.ModuleType("ib_insync")
    for name in _IB_INSYNC_NAMES:
        setattr(module, name, _absent_class("ib_insync", name))
    sys.modules["ib_insync"] = module
    env.shim(
        "ib_insync-absent",
        f"module ib_insync with classes {', '.join(_IB_INSYNC_NAMES)} that refuse to be constructed",
        "ktrdr.ib imports ib_insync at module level; Debian has no package; local-mode data loading never uses it",
    )


def _shim_pydantic(env: Environment) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import pydantic_compat
    finally:
        sys.path.pop(0)
    import pydantic

    names = pydantic_compat.install()
    env.shim(
        "pydantic2-on-pydantic1",
        f"pydantic {pydantic.VERSION} gains {', '.join(names)} (harness/oracle/pydantic_compat.py)",
        "KTRDR uses the pydantic 2 API; Debian 12 ships pydantic 1.10 (same validation, older names)",
    )


def _package_init(env: Environment, src: Path, log_level: int) -> None:
    package = types.ModuleType("ktrdr")
    package.__path__ = [str(src / "ktrdr")]
    package.__file__ = str(src / "ktrdr" / "__init__.py")
    sys.modules["ktrdr"] = package
    ktrdr_logging = importlib.import_module("ktrdr.logging")
    for name in _LOGGING_EXPORTS:
        setattr(package, name, getattr(ktrdr_logging, name))
    package.__version__ = importlib.import_module("ktrdr.version").__version__
    ktrdr_logging.configure_logging(log_dir=None, console_level=log_level)
    env.shim(
        "ktrdr-package-init",
        "package ktrdr created with the re-exports of its __init__ and configure_logging(log_dir=None) "
        f"at level {logging.getLevelName(log_level)}, console on stderr; load_dotenv() not called",
        "its __init__ creates <checkout>/logs/ktrdr.log (the checkout stays read-only) and reads a .env file",
    )


def load_ktrdr(src: str | os.PathLike, log_level: int = logging.WARNING) -> Environment:
    """Makes ``import ktrdr…`` load the checkout at ``src`` with the shims above; returns the record of them.

    Call once per process, before importing any ``ktrdr`` module. KTRDR's ``print`` and console logging
    must not reach the driver's stdout: the caller swaps ``sys.stdout`` first.
    """
    sys.dont_write_bytecode = True
    src_path = Path(src).resolve()
    _check_checkout(src_path)
    _check_modules()
    env = Environment(src=src_path)
    _shim_pydantic(env)
    _shim_ib_insync(env)
    sys.path.insert(0, str(src_path))
    _package_init(env, src_path, log_level)
    import numpy
    import pandas
    import pydantic
    import sklearn
    import torch

    env.versions = {
        "python": sys.version.split()[0],
        "pandas": pandas.__version__,
        "numpy": numpy.__version__,
        "torch": torch.__version__,
        "pydantic": pydantic.VERSION,
        "sklearn": sklearn.__version__,
        "ktrdr": sys.modules["ktrdr"].__version__,
    }
    return env
