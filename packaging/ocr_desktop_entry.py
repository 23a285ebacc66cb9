"""Entry script of the frozen app: the same ``main()`` as the ``ocr-desktop`` command.

Without arguments it opens the window; ``--self-test``, ``recognize`` ... work as on the
command line (on Windows the windowed exe has no console, so their output is only visible
when run from a terminal with redirection).
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless unless a process pool is ever used
    from ocr_desktop.cli import main

    sys.exit(main())
