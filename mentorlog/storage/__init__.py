"""The only code that touches the data folder: files, formats, the lock, caches."""
