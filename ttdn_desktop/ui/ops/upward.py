"""The level above: our name there, the consolidated package sent up, its request passed
down to the members."""

from __future__ import annotations

from datetime import date

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.util.files import write_bytes_atomic


def upward_identity(period: Period) -> Op:
    return Op(lambda ws: ws.upward.identity(period))


def set_upward_identity(code: str, name: str) -> Op:
    return Op(lambda ws: ws.upward.set_identity(code, name))


def export_upward(period: Period, path: str) -> Op:
    """(revision, upward report) of the package written."""
    return Op(lambda ws: ws.files.upward_package(period, path))


def upper_request(period: Period) -> Op:
    return Op(lambda ws: ws.upward.request(period))


def write_forward(period: Period, deadline: date, path: str) -> Op:
    """The level above's request, passed to the members with our deadline."""
    return Op(lambda ws: write_bytes_atomic(path, ws.files.forward_request_bytes(period, deadline)))
