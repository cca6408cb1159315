"""The codecs of the data files: core records to and from TOML tables and front matter, with
errors that name the key (one module per subject; storage/formats.py lists the files)."""
