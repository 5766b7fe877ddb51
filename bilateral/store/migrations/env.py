"""Alembic's environment: run the migrations on the connection bilateral.store.schema hands over."""

from alembic import context

from bilateral.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
