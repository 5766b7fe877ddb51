"""Sign-in at the UI edge: OpenID Connect (st.login) when configured, else the local user list, else one
person (no sign-in at all).

The signed-in user lives in session state with an expiry (BILATERAL_SESSION_HOURS, 8 by default); the
role is read from the user list on every run, so a changed role takes effect at once.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from bilateral import auth
from ui import loaders
from ui.views import escape

SESSION = "auth_session"


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OpenID Connect)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file (Streamlit's StreamlitSecretNotFoundError is one)
        return False


def _session_seconds() -> float:
    return float(os.environ.get("BILATERAL_SESSION_HOURS") or 8) * 3600


def current_user() -> auth.User | None:
    """The signed-in user; auth.LOCAL when there is no user list and no OIDC; None when nobody signed in."""
    engine = loaders.database().engine
    if oidc_configured():
        if not st.user.is_logged_in:
            return None
        name = str(st.user.get("email") or st.user.get("name") or "")
        return auth.find_user(engine, name) or auth.User(name, auth.Role.VIEWER)
    if not auth.has_users(engine):
        return auth.LOCAL
    session = st.session_state.get(SESSION)
    if not session or session["expires"] < time.time():
        st.session_state.pop(SESSION, None)
        return None
    return auth.find_user(engine, session["name"])


def sign_in_form() -> None:
    """The sign-in form (or the provider's button)."""
    if oidc_configured():
        st.button("Sign in", key="sign_in_oidc", on_click=st.login, type="primary")
        return
    with st.form("sign_in"):
        name = st.text_input("User name", key="sign_in_name", max_chars=200)
        password = st.text_input("Password", type="password", key="sign_in_password", max_chars=1000)
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        try:
            user = auth.sign_in(loaders.database().engine, name.strip(), password)
        except auth.AuthError as error:
            st.error(escape(str(error)))
        else:
            st.session_state[SESSION] = {"name": user.name, "expires": time.time() + _session_seconds()}
            st.rerun()


def sign_out() -> None:
    """End the session (and the provider's, with OIDC)."""
    st.session_state.pop(SESSION, None)
    if oidc_configured():
        st.logout()


def require_user() -> auth.User:
    """The signed-in user, or the sign-in form and stop."""
    user = current_user()
    if user is None:
        st.title("Sign in")
        st.caption("This Bilateral is shared by a team: sign in to read and work on its records.")
        sign_in_form()
        st.stop()
    if user is not auth.LOCAL:
        with st.sidebar:
            st.caption(f"Signed in as {escape(user.name)} ({user.role.value})")
            st.button("Sign out", key="sign_out", on_click=sign_out)
    return user


def require_role(needed: auth.Role, action: str) -> auth.User:
    """The signed-in user when the role allows `action`; else a clear refusal and stop."""
    user = require_user()
    if not user.can(needed):
        st.error(escape(f"{user.name} is a {user.role.value}: {action} needs the {needed.value} role."))
        st.stop()
    return user
