"""Record files in: small files read whole (files.py: seeding, checks), files of any size streamed into the
store (stream.py: the CLI's import). Import the module you need; nothing is loaded here."""
