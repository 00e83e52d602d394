"""Framing: loaded words and labels, and how biased each sentence reads.

``lexicon`` loads the shipped word lists (``data/framing``) and matches them;
``rules`` adds patterns (epithets before names, "X-led" labels, scare quotes);
``detect`` scores sentences and lists loaded terms (``detect_framing``);
``data`` reads labeled training sets; ``model`` trains and loads a sentence
model (``parallax train framing``); ``spans`` a loaded-span tagger.
"""

from __future__ import annotations

from .detect import (
    CATEGORIES, Framing, LoadedTerm, SentenceBias, detect_framing, find_loaded, framing_json, loaded_per_1000_words,
    span_strength, strongest_loaded,
)
from .model import FramingModel, load_framing_model, train_framing

__all__ = [
    "CATEGORIES", "Framing", "FramingModel", "LoadedTerm", "SentenceBias", "detect_framing", "find_loaded",
    "framing_json", "load_framing_model", "loaded_per_1000_words", "span_strength", "strongest_loaded",
    "train_framing",
]
