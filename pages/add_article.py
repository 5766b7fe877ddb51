"""Add article: paste or upload an article, review what the extractor coded, save it as reviewed."""

import datetime as dt

import streamlit as st

from bilateral import auth, store
from bilateral.errors import BilateralError
from bilateral.extract.dedupe import find_duplicates
from bilateral.extract.highlight import highlighted_markdown
from bilateral.extract.review import build_records, candidates_frame
from ui import auth as ui_auth
from ui import extract_view as view
from ui.sidebar import ensure_router

ensure_router()
user = ui_auth.require_role(auth.Role.EDITOR, "adding articles")
st.title("Add article")
if user is auth.LOCAL:
    st.caption(
        ":material/person: Single-user mode: no user list is configured, so whoever opens this app may "
        "save, on this machine's embedded store by default. For a team, add users (`python -m bilateral "
        "users add NAME --role editor`) and see docs/deploy.md."
    )
st.caption("Paste an article or upload .txt, .md or .html files; check what was coded, fix it, then save.")

uploads = st.file_uploader(
    "Upload", type=["txt", "md", "html", "htm"], accept_multiple_files=True, key="article_files"
)
pasted = st.text_area("…or paste the article", height=180, key="article_text")
texts = {}
for upload in uploads or []:
    try:
        texts[upload.name] = view.read_upload(upload)
    except BilateralError as error:
        st.error(str(error))
if pasted.strip():
    texts["Pasted text"] = pasted
if not texts:
    st.info("Paste an article or upload a file to start.")
    st.stop()
name = (
    st.selectbox("Article to review", list(texts), key="article_choice")
    if len(texts) > 1
    else next(iter(texts))
)
raw = texts[name]
if len(raw) > view.MAX_TEXT_CHARS:
    st.error(f"This article has {len(raw):,} characters; up to {view.MAX_TEXT_CHARS:,} can be added at once.")
    st.stop()

typed_date = st.session_state.get("article_date", "")
result = view.cached_extract(raw, typed_date if len(typed_date) == 10 else None)

left, right = st.columns(2)
title = left.text_input("Title", value=result.title or "", key="article_title")
date = right.text_input(
    "Date (YYYY-MM-DD)",
    value=result.date or "",
    key="article_date",
    help="Taken only from a dateline or the page's metadata; otherwise type it.",
)
source = left.text_input("Source (outlet)", key="article_source")
url = right.text_input("URL", key="article_url")
if not date:
    st.warning("No date is stated in the article: type it before saving.")

for dup in find_duplicates(view.stored_articles(title, url), title, result.text, url):
    st.warning(f"Possible duplicate ({dup.reason}, {dup.similarity:.0%}): {dup.title} [{dup.article_id}]")

with st.expander("Article with actors (blue) and evidence (orange) highlighted", expanded=True):
    st.markdown(highlighted_markdown(result))
    for note in result.notes:
        st.text(f"rule: {note}")
st.write("Actors: " + (", ".join(f"{a.name} ({a.code})" for a in result.actors) or "none found"))
st.write("Themes: " + ", ".join(t.value for t in result.themes))

codes = sorted(view.registry()) + sorted({a.code for a in result.actors} - set(view.registry()))
config = view.review_columns(codes)
st.subheader("Interactions")
st.caption(
    "Commentary rows are kept out of the scores. Add, fix or delete rows; unknown actors cannot be saved."
)
edited = st.data_editor(
    candidates_frame(result),
    column_config=config,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="review_editor",
)

if st.button("Save as reviewed", type="primary", key="save_button"):
    meta = {"title": title, "date": date, "source": source, "url": url or None}
    try:
        article, interactions = build_records(meta, edited, set(view.registry()), result.text)
        saved = store.save_article(view.connection(), article, interactions, actor=user.name)
    except BilateralError as error:
        st.error(f"Not saved: {error}")
    else:
        st.success(
            f"Saved {article.title} ({article.date}) with {len(interactions)} interaction(s) at "
            f"{dt.datetime.now():%H:%M}; it now shows in every view. {saved}"
        )
