#!/usr/bin/python3
"""The `ktrdr_py` execution path: KTRDR's own code (a checkout at 1e0933c5) driven on our CSV files.

Run with Debian's Python (``/usr/bin/python3``), as a child process of ``ktrdr-train``::

    ktrdr_driver.py [--ktrdr-src DIR] [--verbose] check
    ktrdr_driver.py … stages --strategy F --symbol S --out DIR (--csv FILE --timeframe TF)… [--start D] [--end D]
    ktrdr_driver.py … stages --strategy F --symbol S --out DIR --data-dir DIR --timeframes 1h,4h,1d [--start] [--end]
    ktrdr_driver.py … train --strategy F --data-dir DIR --symbols A,B --timeframes TF,… --seed N [--epochs E]
                            --models-dir DIR [--start D] [--end D]
    ktrdr_driver.py … batch          (one JSON request per stdin line: {"command": "stages", "strategy": …};
                                      each answer line is written as soon as its request is done)

The checkout comes from ``--ktrdr-src`` or ``KTRDR_SRC``. stdout carries only JSON: one object per command, or
one line per request in ``batch``; every object lists the ``shims`` (what was changed to run KTRDR on Debian's
packages) and ``injections`` (what the driver put into KTRDR's objects: data directory, seeds). KTRDR's own
prints and logs go to stderr. Exit status: 0 done, 1 KTRDR or the request failed, 2 no checkout / packages.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle_env import OracleSetupError, load_ktrdr  # noqa: E402
from stage_run import PROBES, StageRequest, run_stages  # noqa: E402

EXIT_FAILED = 1
EXIT_SETUP = 2


class RequestError(Exception):
    """A request the driver cannot run as given (bad flags, missing files)."""


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _stage_request(args: dict, work_dir: Path) -> StageRequest:
    """Normalises both `stages` forms to a data directory of ``<SYM>_<TF>.csv`` files."""
    for key in ("strategy", "symbol", "out"):
        if not args.get(key):
            raise RequestError(f"stages: --{key} is required")
    if not Path(args["strategy"]).is_file():
        raise RequestError(f"stages: no such strategy file: {args['strategy']}")
    csv_files = args.get("csv") or []
    if csv_files:
        timeframes = args.get("timeframe") or []
        if len(timeframes) != len(csv_files):
            raise RequestError(f"stages: give one --timeframe per --csv (got {len(timeframes)} and {len(csv_files)})")
        data_dir = work_dir / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        for csv, tf in zip(csv_files, timeframes):
            if not Path(csv).is_file():
                raise RequestError(f"stages: no such CSV file: {csv}")
            link = data_dir / f"{args['symbol']}_{tf}.csv"
            if link.exists() or link.is_symlink():
                raise RequestError(f"stages: --timeframe {tf} is given twice")
            link.symlink_to(Path(csv).resolve())
    else:
        if not args.get("data_dir") or not args.get("timeframes"):
            raise RequestError("stages: give --csv FILE --timeframe TF, or --data-dir DIR --timeframes TF,…")
        data_dir = Path(args["data_dir"])
        timeframes = _split(args["timeframes"]) if isinstance(args["timeframes"], str) else list(args["timeframes"])
        for tf in timeframes:
            csv = data_dir / f"{args['symbol']}_{tf}.csv"
            if not csv.is_file():
                raise RequestError(f"stages: no such CSV file: {csv}")
    return StageRequest(
        strategy=str(Path(args["strategy"]).resolve()),
        data_dir=str(Path(data_dir).resolve()),
        symbol=args["symbol"],
        timeframes=list(timeframes),
        out=str(Path(args["out"]).resolve()),
        start=args.get("start"),
        end=args.get("end"),
        with_data=bool(args.get("with_data")),
    )


def _run_one(env, request: dict) -> dict:
    """Runs one request (``command`` = stages | train) in a fresh working directory; returns its JSON result."""
    work_dir = Path(tempfile.mkdtemp(prefix="ktrdr-oracle-"))
    previous = os.getcwd()
    os.chdir(work_dir)
    try:
        command = request.get("command")
        if command == "stages":
            files = run_stages(env, _stage_request(request, work_dir), work_dir)
            return {"ok": True, "command": "stages", "files": files, "probes": PROBES}
        if command == "train":
            from train_run import run_training

            return {"ok": True, "command": "train", **run_training(env, request, work_dir)}
        raise RequestError(f"unknown command {command!r} (stages, train)")
    finally:
        os.chdir(previous)
        shutil.rmtree(work_dir, ignore_errors=True)


def _failure(error: BaseException, command: str | None) -> dict:
    kind = "request" if isinstance(error, RequestError) else "ktrdr"
    return {
        "ok": False,
        "command": command,
        "error_kind": kind,
        "error": f"{type(error).__name__}: {error}",
        "traceback": traceback.format_exception(error)[-6:] if kind == "ktrdr" else [],
    }


def _envelope(env, result: dict) -> dict:
    return {
        **result,
        "ktrdr_src": str(env.src),
        "versions": env.versions,
        "shims": env.shims,
        "injections": env.injections,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ktrdr_driver.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--ktrdr-src", default=os.environ.get("KTRDR_SRC"), help="KTRDR checkout (default $KTRDR_SRC)")
    parser.add_argument("--verbose", action="store_true", help="KTRDR's INFO logging on stderr (default WARNING)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="load KTRDR and print the shims and versions")
    commands.add_parser("batch", help="JSON requests on stdin, one result line each on stdout")
    stages = commands.add_parser("stages", help="write the pre-model stage files of one symbol")
    stages.add_argument("--strategy", required=True)
    stages.add_argument("--symbol", required=True)
    stages.add_argument("--out", required=True)
    stages.add_argument("--csv", action="append")
    stages.add_argument("--timeframe", action="append")
    stages.add_argument("--data-dir")
    stages.add_argument("--timeframes")
    stages.add_argument("--start")
    stages.add_argument("--end")
    stages.add_argument("--with-data", action="store_true", help="also write data[_<tf>].csv as KTRDR loaded it")
    train = commands.add_parser("train", help="KTRDR's old local training, seeded")
    train.add_argument("--strategy", required=True)
    train.add_argument("--data-dir", required=True)
    train.add_argument("--symbols", required=True)
    train.add_argument("--timeframes", required=True)
    train.add_argument("--seed", type=int, required=True)
    train.add_argument("--epochs", type=int)
    train.add_argument("--models-dir", required=True)
    train.add_argument("--start")
    train.add_argument("--end")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    out = sys.stdout
    sys.stdout = sys.stderr  # KTRDR prints its progress; stdout carries only our JSON

    def emit(obj: dict) -> None:
        out.write(json.dumps(obj, allow_nan=False) + "\n")
        out.flush()

    if not args.ktrdr_src:
        emit({"ok": False, "error_kind": "setup", "error": "no KTRDR checkout: give --ktrdr-src or set KTRDR_SRC"})
        return EXIT_SETUP
    try:
        env = load_ktrdr(args.ktrdr_src, logging.INFO if args.verbose else logging.WARNING)
    except OracleSetupError as error:
        emit({"ok": False, "error_kind": "setup", "error": str(error)})
        return EXIT_SETUP
    if args.command == "check":
        files = [h.baseFilename for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]
        emit(_envelope(env, {"ok": True, "command": "check", "log_files": files}))
        return 0
    if args.command == "batch":
        failed = False
        line_number = 0
        while line := sys.stdin.readline():  # one line at a time: a caller may wait for each answer
            line_number += 1
            if not line.strip():
                continue
            request: dict = {}
            try:
                request = json.loads(line)
                if not isinstance(request, dict):
                    raise RequestError(f"stdin line {line_number}: expected a JSON object")
                result = _run_one(env, request)
            except Exception as error:  # one failed case is reported, the batch goes on
                result = {**_failure(error, request.get("command")), "line": line_number}
            failed = failed or not result["ok"]
            emit(_envelope(env, {**result, "id": request.get("id")}))
        return EXIT_FAILED if failed else 0
    request = {key: value for key, value in vars(args).items() if key not in ("ktrdr_src", "verbose")}
    try:
        result = _run_one(env, request)
    except Exception as error:
        emit(_envelope(env, _failure(error, args.command)))
        return EXIT_FAILED
    emit(_envelope(env, result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
