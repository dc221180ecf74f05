"""The pydantic 2 names KTRDR's modules use, provided on top of Debian's pydantic 1.10.

KTRDR at 1e0933c5 is written against pydantic 2 (``field_validator``, ``model_validator``, ``RootModel``,
``model_validate`` / ``model_dump`` / ``model_copy``, ``model_config = ConfigDict(...)``, ``pydantic_settings``).
Debian 12 ships pydantic 1.10, which has the same validation engine under older names. This module adds the
newer names to the installed ``pydantic`` package and registers a small ``pydantic_settings`` module, mapping
each onto its pydantic 1 equivalent:

* ``field_validator(*fields, mode)`` -> ``validator(*fields, pre=mode == "before", allow_reuse=True)``; a
  validator taking ``(cls, v, info)`` gets ``info.data`` = pydantic 1's ``values``
* ``model_validator(mode="before")`` -> ``root_validator(pre=True)``; ``mode="after"`` -> a post root validator
  that calls the method on a read-only view of the validated values (``self.root`` / ``self.<field>``)
* ``RootModel[T]`` -> a model with a ``__root__: T`` field and a ``root`` property
* ``Field(min_length=, max_length=)`` on a list field -> ``min_items`` / ``max_items`` (pydantic 1 refuses length
  constraints on lists)
* ``model_config = ConfigDict(...)`` -> an inner ``Config`` class with the same keys
* ``Model.model_validate(obj)`` -> ``parse_obj``; ``model_dump(**kw)`` -> ``dict`` (``mode`` dropped);
  ``model_copy(update=)`` -> ``copy(update=)``; ``model_fields`` -> ``__fields__``

Nothing else of pydantic changes. What differs from pydantic 2 and could matter: error texts of ValidationError
(KTRDR re-wraps them into its own ConfigurationError) and pydantic 1's lax coercion (e.g. ``"3"`` accepted as a
float), neither of which the stages read.
"""

from __future__ import annotations

import inspect
import sys
import types
import typing

import pydantic
import pydantic.main

_V1Meta = pydantic.main.ModelMetaclass


def _list_annotation(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _list_annotation(typing.get_args(annotation)[0])
    if origin is typing.Union:
        return any(_list_annotation(a) for a in typing.get_args(annotation) if a is not type(None))
    return origin in (list, tuple, set, frozenset) or annotation in (list, tuple, set, frozenset)


def _translate_namespace(namespace: dict) -> None:
    config = namespace.pop("model_config", None)
    if isinstance(config, dict):
        base = namespace.get("Config", object)
        namespace["Config"] = type("Config", (base,), dict(config))
    annotations = namespace.get("__annotations__", {})
    for name, annotation in annotations.items():
        info = namespace.get(name)
        if not isinstance(info, pydantic.fields.FieldInfo) or isinstance(annotation, str):
            continue
        if _list_annotation(annotation):
            if info.min_length is not None:
                info.min_items, info.min_length = info.min_length, None
            if info.max_length is not None:
                info.max_items, info.max_length = info.max_length, None


class _CompatMeta(_V1Meta):
    def __new__(mcs, name, bases, namespace, **kwargs):  # noqa: N804 (metaclass)
        _translate_namespace(namespace)
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class BaseModel(pydantic.BaseModel, metaclass=_CompatMeta):
    """pydantic 1 BaseModel with the pydantic 2 method names KTRDR calls."""

    @classmethod
    def model_validate(cls, obj):
        return cls.parse_obj(obj)

    def model_dump(self, mode: str | None = None, **kwargs):
        return self.dict(**kwargs)

    def model_copy(self, update=None, deep: bool = False):
        return self.copy(update=update, deep=deep)

    @classmethod
    def model_json_schema(cls, **kwargs):
        return cls.schema(**kwargs)


class _RootGeneric:
    """``RootModel[T]``: a class whose subclasses validate a bare ``T`` into ``.root``."""

    _cache: dict = {}

    def __class_getitem__(cls, item):
        if item not in cls._cache:
            cls._cache[item] = _CompatMeta(
                "RootModel",
                (BaseModel,),
                {
                    "__annotations__": {"__root__": item},
                    "__module__": __name__,
                    "root": property(lambda self: self.__root__),
                },
            )
        return cls._cache[item]


RootModel = _RootGeneric


class _ValuesView:
    """Read-only ``self`` for a pydantic 2 "after" model validator, built from pydantic 1's values dict."""

    def __init__(self, values: dict) -> None:
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name):
        values = object.__getattribute__(self, "_values")
        if name == "root" and "__root__" in values:
            return values["__root__"]
        try:
            return values[name]
        except KeyError as error:
            raise AttributeError(name) from error


class _ValidationInfo:
    """The ``info`` argument of a pydantic 2 field validator: ``info.data`` = the fields validated so far."""

    def __init__(self, data: dict) -> None:
        self.data = data


def field_validator(*fields: str, mode: str = "after", check_fields=None):
    """pydantic 2 ``field_validator`` as pydantic 1 ``validator`` (an ``info`` parameter gets ``info.data``)."""
    kwargs = {"pre": mode == "before", "allow_reuse": True}
    if check_fields is not None:
        kwargs["check_fields"] = check_fields

    def decorate(function):
        raw = function.__func__ if isinstance(function, classmethod) else function
        if len(inspect.signature(raw).parameters) == 3:
            original = raw

            def raw(cls, value, values):
                return original(cls, value, _ValidationInfo(values))

            raw.__name__ = original.__name__
            raw.__qualname__ = original.__qualname__
        return pydantic.validator(*fields, **kwargs)(raw)

    return decorate


def model_validator(*, mode: str):
    """pydantic 2 ``model_validator`` as pydantic 1 ``root_validator``."""

    def decorate(function):
        if mode == "before":
            raw = function.__func__ if isinstance(function, classmethod) else function
            return pydantic.root_validator(pre=True, allow_reuse=True)(raw)

        def after(cls, values):
            function(_ValuesView(values))
            return values

        after.__name__ = function.__name__
        after.__qualname__ = getattr(function, "__qualname__", function.__name__)
        return pydantic.root_validator(skip_on_failure=True, allow_reuse=True)(after)

    return decorate


def ConfigDict(**kwargs):  # noqa: N802 (pydantic 2's name)
    """pydantic 2 ``ConfigDict``: a plain dict, turned into an inner ``Config`` class by the metaclass."""
    return dict(kwargs)


class BaseSettings(pydantic.BaseSettings, metaclass=_CompatMeta):
    """``pydantic_settings.BaseSettings`` as pydantic 1's ``BaseSettings``."""

    def model_dump(self, mode: str | None = None, **kwargs):
        return self.dict(**kwargs)


def install() -> list[str]:
    """Adds the pydantic 2 names to the ``pydantic`` module and registers ``pydantic_settings``.

    Returns the names it provided, for the driver's shim list.
    """
    provided = {
        "BaseModel": BaseModel,
        "RootModel": RootModel,
        "field_validator": field_validator,
        "model_validator": model_validator,
        "ConfigDict": ConfigDict,
    }
    for name, value in provided.items():
        setattr(pydantic, name, value)
    settings = types.ModuleType("pydantic_settings")
    settings.BaseSettings = BaseSettings
    settings.SettingsConfigDict = ConfigDict
    sys.modules["pydantic_settings"] = settings
    return [*provided, "pydantic_settings.BaseSettings", "pydantic_settings.SettingsConfigDict"]
