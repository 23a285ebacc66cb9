"""``python -m ocr_desktop`` → the CLI (and through it the window)."""

import sys

from ocr_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
