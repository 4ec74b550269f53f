#!/usr/bin/env python
"""Same as the ``teilhabe`` command."""

from teilhabe.cli import main

if __name__ == "__main__":
    main()
