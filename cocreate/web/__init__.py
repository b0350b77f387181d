"""Light participant pages: phones join, send ideas and score on small server-rendered HTML
pages with plain forms, served by the same process as the Streamlit app (``serve_app.py``
mounts :func:`web_routes` through ``st.App``) but without a Streamlit session each.

Decisions (docs/decisions/0032-light-participant-pages.md):

- **Join** at ``/room`` (type the code) or ``/room/<CODE>`` (the QR code's link): the first
  visit makes an anonymous rater, kept in a cookie and in the URL (``?r=<token>``); a known
  token is never replaced, so a reload or a dropped connection keeps the participant.
- **The room page follows the phase**: the idea form in ``collect``, the ballot of the open
  round in ``score``, a short text otherwise. A tiny script polls ``/room/<CODE>/state``
  every second and reloads only when what the page shows changed; without JavaScript a
  page without a form refreshes itself.
- **Writes answer after the commit**, through the library (``submit_idea`` with the form's
  client token, ``submit_score``, an upsert): a form sent twice stores once, a refused or
  failed write keeps the typed text on the phone with a message.
"""

from cocreate.web.room import Room
from cocreate.web.routes import ROOM_PATH, room_url, web_routes

__all__ = ["ROOM_PATH", "Room", "room_url", "web_routes"]
