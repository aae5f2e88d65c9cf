"""Innovation Hub Atlas: YAML records → validated models → trilingual MkDocs site.

Stages, one module each: load → validate → link → convert → render → build.
"""
