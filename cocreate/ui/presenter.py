"""Pieces of the presenter view: the join link and its QR code, large-type styling."""

from __future__ import annotations

import io
import os
from html import escape
from urllib.parse import urlsplit

import segno
import streamlit as st

from cocreate.access import HOST_ENV_VAR, is_loopback, room_host
from cocreate.i18n import t

PUBLIC_URL_ENV_VAR = "COCREATE_PUBLIC_URL"
OPEN_TO_THE_ROOM = "cocreate serve --host 0.0.0.0"

# large type, high contrast, no sidebar or toolbar: read from the back of a room
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], footer {display: none !important;}
.block-container {padding-top: 1.2rem; max-width: 100% !important;}
.cc-present {color: #111; font-size: 1.6rem; line-height: 1.35;}
.cc-present h1 {font-size: 3rem; margin: 0 0 .3rem 0;}
.cc-present .cc-challenge {font-size: 1.8rem; color: #222;}
.cc-present .cc-code {font-size: 3.4rem; font-weight: 800; letter-spacing: .3rem;}
.cc-present .cc-url {font-size: min(1.3rem, 1.1vw); color: #222;}
.cc-present .cc-link {display: inline-block; overflow-wrap: anywhere; font-weight: 600;}
.cc-present .cc-hint {border: 3px solid #7a3e00; border-radius: .6rem; padding: .6rem .9rem;
                      margin-top: .6rem; background: #fff4e0; color: #111; font-size: 1.2rem;}
.cc-present .cc-hint code {color: #111; background: #fff; font-size: 1.2rem;}
.cc-idea {border: 3px solid #111; border-radius: .6rem; padding: .6rem .9rem;
          margin-bottom: .8rem; background: #fffbe6; font-size: 1.5rem; color: #111;}
.cc-idea .cc-author {font-size: 1.1rem; color: #333;}
.cc-cluster {border: 3px solid #0b4f8a; border-radius: .6rem; padding: .6rem .9rem;
             margin-bottom: .8rem; background: #eef5fc; color: #111;}
.cc-cluster h3 {font-size: 1.9rem; margin: 0;}
.cc-cluster .cc-size {font-size: 1.3rem; font-weight: 700; color: #0b4f8a;}
.cc-count {font-size: 2.2rem; font-weight: 800;}
.st-key-present_board table {font-size: 1.6rem; color: #111;}
.st-key-present_board table th {font-size: 1.2rem; color: #222;}
.st-key-present_board table td:nth-child(2) {min-width: 14rem; font-weight: 700;}
.st-key-present_board table td:nth-child(2) * {max-width: none;}
</style>
"""


def join_url(code: str) -> str | None:
    """The link phones open: ``$COCREATE_PUBLIC_URL``, else this page's address when phones
    can reach it (:func:`cocreate.access.room_host`: the host the page was opened with, or
    this machine's network address in place of localhost); ``None`` when the server listens
    on this computer only, or no network is there."""
    base = os.environ.get(PUBLIC_URL_ENV_VAR)
    if not base:
        parts = urlsplit(st.context.url or "http://localhost:8501/")
        host = room_host(bind_host(), parts.hostname)
        if host is None:
            return None
        port = f":{parts.port}" if parts.port else ""
        base = f"{parts.scheme or 'http'}://{host}{port}/"
    # the light participant pages (cocreate.web, served beside the app): no Streamlit session
    return f"{base.rstrip('/')}/room/{code}"


def bind_host() -> str:
    """The address the server listens on: as `cocreate serve` tells it, else Streamlit's
    ``server.address`` (empty: every interface)."""
    return os.environ.get(HOST_ENV_VAR) or st.get_option("server.address") or ""


def unreachable_hint(lang: str) -> str:
    """Why phones cannot join yet and how to open the app to the room, as HTML."""
    key = "present.local_only" if is_loopback(bind_host()) else "present.no_network"
    before, found, after = t(key, lang, command="\0").partition("\0")
    command = f"<code>{escape(OPEN_TO_THE_ROOM)}</code>" if found else ""
    return f"<div class='cc-hint'>{escape(before)}{command}{escape(after)}</div>"


def qr_png(url: str) -> bytes:
    """The join link as a QR code image, dark on white for a washed-out projector."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=12, border=2, dark="#000000")
    return buffer.getvalue()
