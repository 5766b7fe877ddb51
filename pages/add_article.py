"""Add article: paste or upload an article, review what the extractor coded, save it as reviewed."""

import streamlit as st

from bilateral import auth
from bilateral.errors import BilateralError
from bilateral.extract.dedupe import find_duplicates
from bilateral.extract.highlight import highlighted_markdown
from bilateral.extract.review import candidates_frame
from ui import auth as ui_auth
from ui import extract_view as view
from ui import review_form as form
from ui import views
from ui.sidebar import page_without_filter

ADD_USER_COMMAND = "python -m bilateral users add NAME --role editor"

page_without_filter()
user = ui_auth.require_role(auth.Role.EDITOR, "adding articles")
st.title("Add article")
if user is auth.LOCAL:
    st.caption(
        ":material/person: Single-user mode: no user list is configured, so whoever opens this app may "
        "save, on this machine's embedded store by default. For a team, add users with this command "
        "(and see docs/deploy.md):"
    )
    st.code(ADD_USER_COMMAND, language="bash", wrap_lines=False)  # one line, never broken mid-token
st.caption("Paste an article or upload .txt, .md or .html files; check what was coded, fix it, then save.")

uploads = st.file_uploader(
    "Upload",
    type=["txt", "md", "html", "htm"],
    accept_multiple_files=True,
    key="article_files",
    max_upload_size=view.MAX_UPLOAD_MB,  # the limit it shows is the one read_upload keeps
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

# The text's own date first; the typed one only when the analyst changed it (the form is prefilled with
# the text's date, which handed back would read as typed, and hide where it came from).
stated = view.cached_extract(raw, None)
typed_date = st.session_state.get("article_date", "")
retyped = len(typed_date) == 10 and typed_date != stated.date
result = view.cached_extract(raw, typed_date) if retyped else stated

article = result.to_dict()["article"]
meta = form.article_fields(article, "article")
title, url = meta["title"], meta["url"]

for dup in find_duplicates(view.stored_articles(title, url), title, result.text, url):
    st.warning(
        f"Possible duplicate ({dup.reason}, {dup.similarity:.0%}): "
        f"{views.escape(dup.title)} \\[{views.escape(dup.article_id)}\\]"
    )  # a stored title is record text: shown as text, never as markdown

form.dropped_furniture(result.dropped)
with st.expander("Article with actors (blue) and evidence (orange) highlighted", expanded=True):
    st.markdown(highlighted_markdown(result))
    for note in result.notes:
        st.text(f"rule: {note}")
st.write("Actors: " + (", ".join(f"{a.name} ({a.code})" for a in result.actors) or "none found"))
st.write("Themes: " + ", ".join(t.value for t in result.themes))

codes = [a.code for a in result.actors]
edited = form.interactions_editor(candidates_frame(result), codes, "review_editor")

if st.button("Save as reviewed", type="primary", key="save_button"):
    form.save_reviewed(meta, edited, result.text, actor=user.name)
