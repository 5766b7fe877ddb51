"""Record files of any size streamed into the store (stream.py: the CLI's import), all or nothing.

Small files read whole, for seeding and checks, are bilateral.model.files.
"""
