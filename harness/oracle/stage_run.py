"""The pre-model stages of one symbol through KTRDR's own StrategyTrainer, written as `ktrdr-train stages` files.

Runs steps 1–5 of ``StrategyTrainer.train_multi_symbol_strategy`` (load, indicators, fuzzy, features, labels)
by calling the trainer's own step methods in the order that method calls them, for one symbol
(docs/legacy-behaviour.md §1.2). Three read-only probes observe return values KTRDR computes but does not
hand back: the indicator engine's full output, the base timeframe the feature processor aligned on, and the
zigzag pivot series behind the labels. They wrap the methods, pass arguments and results through unchanged,
and are listed in the result (``probes``).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from stage_text import csv_text, frame_csv, js_number, utc_timestamp, write_atomic

#: The old runner's default start date when the request has none (docs/legacy-behaviour.md §1.2).
DEFAULT_START_DATE = "2020-01-01"

PROBES = [
    {"id": "indicator-engine-output", "what": "return value of IndicatorEngine.apply / apply_multi_timeframe"},
    {"id": "feature-base-index", "what": "index of the base timeframe in FuzzyNeuralProcessor._align_multi_timeframe_features"},
    {"id": "zigzag-pivots", "what": "return value of ZigZagIndicator.compute during label generation"},
]


@dataclass
class StageRequest:
    """One symbol's stages: strategy file, data directory of ``<SYM>_<TF>.csv``, timeframes in request order."""

    strategy: str
    data_dir: str
    symbol: str
    timeframes: list[str]
    out: str
    start: str | None = None
    end: str | None = None
    #: Also write ``data[_<tf>].csv`` (OHLCV as KTRDR loaded it), for readers that rebuild the stage probes.
    with_data: bool = False


@contextlib.contextmanager
def _observe(cls, method: str, sink: list):
    """Wraps ``cls.method`` so each call's ``(args, result)`` is appended to ``sink``; restores it after."""
    original = getattr(cls, method)

    def observed(*args, **kwargs):
        result = original(*args, **kwargs)
        sink.append((args, result))
        return result

    setattr(cls, method, observed)
    try:
        yield
    finally:
        setattr(cls, method, original)


def new_trainer(env, data_dir: str, work_dir: Path):
    """A StrategyTrainer configured the way a KTRDR user configures it, from the working directory.

    ``<work_dir>/config/settings.yaml`` names the data directory (KTRDR's LocalDataLoader reads that file
    relative to the working directory, which the driver sets to ``work_dir``); models go to
    ``<work_dir>/models`` unless the caller moves them.
    """
    from ktrdr.training.train_strategy import StrategyTrainer

    settings = work_dir / "config" / "settings.yaml"
    write_atomic(settings, f"data:\n  directory: {json.dumps(str(Path(data_dir).resolve()))}\n  default_format: csv\n")
    env.inject(
        "data-directory",
        "<working dir>/config/settings.yaml with data.directory = the request's data directory (KTRDR's own setting)",
    )
    return StrategyTrainer(models_dir=str(work_dir / "models"))


def default_dates(start: str | None, end: str | None) -> tuple[str, str]:
    """The LocalTrainingRunner's date defaults: 2020-01-01 and today's UTC date (docs/legacy-behaviour.md §1.2)."""
    return start or DEFAULT_START_DATE, end or datetime.now(timezone.utc).strftime("%Y-%m-%d")


def compute_symbol_stages(env, request: StageRequest, work_dir: Path) -> dict:
    """Runs steps 1–5 for ``request.symbol``; returns every stage as pandas objects plus the probes' records."""
    from ktrdr.indicators.indicator_engine import IndicatorEngine
    from ktrdr.indicators.zigzag_indicator import ZigZagIndicator
    from ktrdr.training.fuzzy_neural_processor import FuzzyNeuralProcessor

    trainer = new_trainer(env, request.data_dir, work_dir)
    start, end = default_dates(request.start, request.end)
    config = trainer._load_strategy_config(request.strategy)
    data = trainer._load_price_data(request.symbol, request.timeframes, start, end, "local")
    applied, applied_multi, aligned, zigzags = [], [], [], []
    with _observe(IndicatorEngine, "apply", applied), _observe(
        IndicatorEngine, "apply_multi_timeframe", applied_multi
    ):
        mapped = trainer._calculate_indicators(data, config["indicators"])
    fuzzy = trainer._generate_fuzzy_memberships(mapped, config["fuzzy_sets"])
    with _observe(FuzzyNeuralProcessor, "_align_multi_timeframe_features", aligned):
        features, names, _ = trainer._engineer_features(
            fuzzy, mapped, data, config.get("model", {}).get("features", {})
        )
    with _observe(ZigZagIndicator, "compute", zigzags):
        labels = trainer._generate_labels(data, config["training"]["labels"])
    if len(data) == 1:
        engine = {next(iter(data)): applied[-1][1]}
        feature_index = next(iter(fuzzy.values())).index
    else:
        engine = applied_multi[-1][1]
        (_, timeframe_features, _, order), _ = aligned[-1]
        feature_index = timeframe_features[order[0]].index
    return {
        "data": data,
        "engine": engine,
        "mapped": mapped,
        "fuzzy": fuzzy,
        "features": features.numpy(),
        "feature_names": list(names),
        "feature_index": feature_index,
        "labels": labels.numpy(),
        "pivots": zigzags[-1][1],
    }


def _labels_csv(stages: dict) -> str:
    pivots = stages["pivots"]
    rows = []
    for r, stamp in enumerate(pivots.index):
        extreme = pivots.iloc[r]
        rows.append([utc_timestamp(stamp), str(int(stages["labels"][r])), js_number(extreme)])
    return csv_text(["timestamp", "label", "zigzag_extreme"], rows)


def _features_csv(stages: dict) -> str:
    matrix = stages["features"]
    stamps = [utc_timestamp(t) for t in stages["feature_index"]]
    rows = [[stamps[r]] + [js_number(v) for v in matrix[r]] for r in range(matrix.shape[0])]
    return csv_text(["timestamp", *stages["feature_names"]], rows)


def stage_files(stages: dict, with_data: bool = False) -> dict[str, str]:
    """File name → text, named as `ktrdr-train stages` names them (a ``_<tf>`` suffix with several timeframes)."""
    timeframes = list(stages["data"])
    suffix = (lambda tf: f"_{tf}") if len(timeframes) > 1 else (lambda tf: "")
    files: dict[str, str] = {}
    for tf in timeframes:
        prices = set(stages["data"][tf].columns)
        if with_data:
            files[f"data{suffix(tf)}.csv"] = frame_csv(stages["data"][tf])
        if tf in stages["engine"]:
            engine = stages["engine"][tf]
            files[f"indicators{suffix(tf)}.csv"] = frame_csv(engine, [c for c in engine.columns if c not in prices])
        if tf in stages["mapped"]:
            mapped = stages["mapped"][tf]
            files[f"indicators_mapped{suffix(tf)}.csv"] = frame_csv(
                mapped, [c for c in mapped.columns if c not in prices]
            )
        if tf in stages["fuzzy"]:
            files[f"fuzzy{suffix(tf)}.csv"] = frame_csv(stages["fuzzy"][tf])
    files["features.csv"] = _features_csv(stages)
    files["feature_names.json"] = json.dumps(stages["feature_names"], indent=2, ensure_ascii=False) + "\n"
    files["labels.csv"] = _labels_csv(stages)
    return files


def run_stages(env, request: StageRequest, work_dir: Path) -> list[str]:
    """Computes and writes the stage files of ``request`` into ``request.out``; returns their paths."""
    stages = compute_symbol_stages(env, request, work_dir)
    out = Path(request.out)
    paths = []
    for name, text in stage_files(stages, request.with_data).items():
        write_atomic(out / name, text)
        paths.append(str(out / name))
    return paths
