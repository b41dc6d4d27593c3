"""Guided-help sites from decision trees: load and check flows.yaml, render its pages."""

from __future__ import annotations
