"""KTRDR's old local training (``StrategyTrainer.train_multi_symbol_strategy``), seeded, as `train --json` fields.

The driver calls the method the old ``LocalTrainingRunner`` called, with the arguments it derived
(docs/legacy-behaviour.md §1.2: dates default to 2020-01-01 and today, ``validation_split`` =
``model.training.validation_split or 0.2``, ``data_mode`` = ``model.training.data_mode or "local"``). Three
injections make a run replayable and comparable; all are listed in ``injections``:

* ``seed``: ``torch.manual_seed``, ``numpy.random.seed`` and ``random.seed`` with ``--seed`` before the run
  (KTRDR seeds nothing; every random draw of its flow then comes from torch's seeded global generator);
* ``epochs-override``: ``model.training.epochs`` replaced in the configuration the trainer loads;
* ``data-directory``: as for the stages.

Read-only probes: the wall time of each step (wrapped trainer methods), the ModelTrainer's epoch history
(``TrainingMetrics`` records, which carry the learning rate the summary omits) and the model's final
``state_dict``. ``weights_sha256`` is SHA-256 over that state_dict as little-endian float32 in the project's
parameter layout (embedding, then each Linear's weight [out, in] and bias): the layout matches, the values never
do (torch's generator is not ours), so the digest is comparable between ``ktrdr_py`` runs only (replay checks).
"""

from __future__ import annotations

import hashlib
import random
import time
from pathlib import Path

import numpy
import yaml

from stage_run import default_dates, new_trainer

#: Trainer steps timed, keyed like `local_old`'s timings (legacy/local/trainer/strategy-trainer.ts).
_TIMED_STEPS = {
    "_load_price_data": "symbol_stages",
    "_calculate_indicators": "symbol_stages",
    "_generate_fuzzy_memberships": "symbol_stages",
    "_engineer_features": "symbol_stages",
    "_generate_labels": "symbol_stages",
    "_combine_multi_symbol_data": "combine",
    "_split_multi_symbol_data": "split",
    "_create_multi_symbol_model": "model",
    "_train_model": "training",
    "_evaluate_model": "evaluation",
    "_evaluate_per_symbol_performance": "per_symbol_metrics",
    "_calculate_feature_importance": "feature_importance",
}


def _plain(value):
    """JSON-safe copy: tensors and numpy scalars become numbers, NaN/inf become None."""
    import torch

    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, torch.Tensor):
        return _plain(value.tolist())
    if isinstance(value, numpy.generic):
        return _plain(value.item())
    if isinstance(value, float):
        return value if numpy.isfinite(value) else None
    return value


def weights_sha256(model) -> str:
    """SHA-256 over the state_dict values, float32 little-endian, in state_dict (= the project's layout) order."""
    digest = hashlib.sha256()
    for tensor in model.state_dict().values():
        digest.update(tensor.detach().cpu().contiguous().numpy().astype("<f4", copy=False).tobytes())
    return digest.hexdigest()


def _runner_arguments(strategy: str) -> tuple[float, str]:
    with open(strategy, encoding="utf-8") as f:
        config = yaml.safe_load(f) or {}
    training = ((config.get("model") or {}).get("training")) or {}
    return training.get("validation_split") or 0.2, training.get("data_mode") or "local"


def _time_steps(trainer, timings: dict) -> None:
    for method, key in _TIMED_STEPS.items():
        original = getattr(trainer, method)

        def timed(*args, _original=original, _key=key, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                timings[_key] = timings.get(_key, 0.0) + (time.perf_counter() - started) * 1000

        setattr(trainer, method, timed)


def _override_epochs(env, trainer, epochs: int | None) -> None:
    if epochs is None:
        return
    load = trainer._load_strategy_config

    def load_with_epochs(path):
        config = load(path)
        config["model"]["training"]["epochs"] = epochs
        return config

    trainer._load_strategy_config = load_with_epochs
    env.inject("epochs-override", f"model.training.epochs = {epochs} in the configuration StrategyTrainer loads")


def _seed(env, seed: int) -> None:
    import torch

    torch.manual_seed(seed)
    numpy.random.seed(seed % 2**32)
    random.seed(seed)
    env.inject("seed", f"torch.manual_seed({seed}), numpy.random.seed, random.seed before the run")


def _history(records) -> list[dict]:
    return [
        {
            "epoch": int(r.epoch),
            "train_loss": float(r.train_loss),
            "train_accuracy": float(r.train_accuracy),
            "val_loss": None if r.val_loss is None else float(r.val_loss),
            "val_accuracy": None if r.val_accuracy is None else float(r.val_accuracy),
            "learning_rate": float(r.learning_rate),
        }
        for r in records
    ]


def run_training(env, request: dict, work_dir: Path) -> dict:
    """Trains ``request`` (strategy, data_dir, symbols, timeframes, seed, epochs?, models_dir, start?, end?)."""
    import torch
    from ktrdr.training.model_trainer import ModelTrainer

    symbols = [s for s in str(request["symbols"]).split(",") if s] if isinstance(request["symbols"], str) else list(request["symbols"])
    timeframes = (
        [t for t in str(request["timeframes"]).split(",") if t]
        if isinstance(request["timeframes"], str)
        else list(request["timeframes"])
    )
    strategy = str(Path(request["strategy"]).resolve())
    started = time.perf_counter()
    trainer = new_trainer(env, request["data_dir"], work_dir)
    models_dir = Path(request["models_dir"]).resolve()
    models_dir.mkdir(parents=True, exist_ok=True)
    trainer.model_storage.base_path = models_dir
    env.inject("models-directory", "StrategyTrainer.model_storage.base_path = the request's models directory")
    timings: dict = {}
    _time_steps(trainer, timings)
    _override_epochs(env, trainer, request.get("epochs"))
    model_trainers: list = []
    original_train = ModelTrainer.train_multi_symbol

    def observed_train(self, *args, **kwargs):
        model_trainers.append(self)
        return original_train(self, *args, **kwargs)

    models: list = []
    create_model = trainer._create_multi_symbol_model

    def observed_create(*args, **kwargs):
        model = create_model(*args, **kwargs)
        models.append(model)
        return model

    trainer._create_multi_symbol_model = observed_create
    start, end = default_dates(request.get("start"), request.get("end"))
    validation_split, data_mode = _runner_arguments(strategy)
    _seed(env, int(request["seed"]))
    ModelTrainer.train_multi_symbol = observed_train
    try:
        raw = trainer.train_multi_symbol_strategy(
            strategy, symbols, timeframes, start, end, validation_split=validation_split, data_mode=data_mode
        )
    finally:
        ModelTrainer.train_multi_symbol = original_train
    timings["total"] = (time.perf_counter() - started) * 1000
    model_trainer = model_trainers[-1]
    metrics = raw["test_metrics"]
    return {
        "path": "ktrdr_py",
        "device": f"torch-{model_trainer.device.type}",
        "seed": int(request["seed"]),
        "model_path": raw["model_path"],
        "weights_sha256": weights_sha256(models[-1]),
        "weights_sha256_scope": "ktrdr_py runs only: KTRDR's state_dict in the project's layout, torch's generator",
        "metrics": {k: float(metrics[k]) for k in ("test_accuracy", "test_loss", "precision", "recall", "f1_score")},
        "training_history": _history(model_trainer.history),
        "feature_importance": _plain(raw["feature_importance"]),
        "timings": timings,
        "per_symbol_metrics": _plain(raw["per_symbol_metrics"]),
        "warnings": [],
        "data_summary": _plain(raw["data_summary"]),
        "torch_threads": torch.get_num_threads(),
    }
