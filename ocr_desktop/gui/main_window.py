"""The main window: builds widgets and actions and connects them to the workers.

No OCR, image or correction logic lives here: pages come from ``core.image_io`` through the
load worker, text from ``OcrEngine`` through the OCR worker, proofreading state from
``gui.proofreading``. Handlers are named ``_on_<source>_<event>``.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QMimeData, QObject, QSize, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ocr_desktop import __version__
from ocr_desktop.core.models import PAGE_SEPARATOR, CorrectedPage, PageResult
from ocr_desktop.gui.proofreading import ProofPage
from ocr_desktop.gui.settings_store import SettingsStore
from ocr_desktop.gui.widgets.diff_view import ProofreadView
from ocr_desktop.gui.widgets.image_view import ImageView
from ocr_desktop.gui.widgets.language_picker import LanguagePicker
from ocr_desktop.gui.widgets.message_bar import MessageBar
from ocr_desktop.gui.widgets.page_list import PageList, dropped_paths
from ocr_desktop.gui.workers import (
    EngineFactory,
    ImageRequest,
    LoadWorker,
    OcrJob,
    OcrWorker,
    OpenRequest,
    PageRequest,
    PageTask,
    PreviewRequest,
    PreviewWorker,
    ThumbnailWorker,
    WorkerThread,
    describe_error,
    preprocess_key,
)

log = logging.getLogger(__name__)
#: a word retyped by hand is learned as a misreading only when it is this much like what OCR read
#: (difflib's ratio: typ0s -> typos 0.8, tlie -> the 0.57; brown -> red 0.25)
_MANUAL_EDIT_LIKENESS = 0.5

APP_TITLE = "OCR Desktop"
LAYOUT_VERSION = 2  # of saveState(): bump when docks or their defaults change
FILE_FILTER = (
    "Images and PDFs (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp *.pbm *.pgm *.ppm *.pdf);;All files (*)"
)


@dataclass
class PageEntry:
    """One open page: where it comes from and what the window knows about it."""

    key: int
    document: Any  # core Document
    index: int  # 0-based page in the document
    label: str
    source: str | None  # file path, None for a pasted image
    status: str = "new"
    error: str = ""
    shown_key: str | None = None  # the settings key of the result shown for this page
    size: tuple[int, int] | None = None  # (width, height) once decoded
    preprocess: Any = None  # this page's own preprocessing ("Apply to this page"); None: the window's


@dataclass
class CachedResult:
    result: PageResult
    corrected: CorrectedPage | None
    proof: ProofPage
    settings: dict[str, Any] = field(default_factory=dict)


#: freedesktop icon names -> the Qt style's built-in icon shown when the desktop has no icon theme
_STYLE_ICONS: dict[str, QStyle.StandardPixmap] = {
    "document-open": QStyle.StandardPixmap.SP_DialogOpenButton,
    "document-save": QStyle.StandardPixmap.SP_DialogSaveButton,
    "document-save-as": QStyle.StandardPixmap.SP_DriveFDIcon,
    "edit-paste": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "application-exit": QStyle.StandardPixmap.SP_DialogCloseButton,
    "dialog-ok": QStyle.StandardPixmap.SP_DialogApplyButton,
    "dialog-cancel": QStyle.StandardPixmap.SP_DialogCancelButton,
    "go-next": QStyle.StandardPixmap.SP_ArrowForward,
    "go-previous": QStyle.StandardPixmap.SP_ArrowBack,
    "go-down": QStyle.StandardPixmap.SP_ArrowDown,
    "system-run": QStyle.StandardPixmap.SP_MediaPlay,
    "process-stop": QStyle.StandardPixmap.SP_BrowserStop,
    "edit-undo": QStyle.StandardPixmap.SP_ArrowLeft,
    "edit-redo": QStyle.StandardPixmap.SP_ArrowRight,
    "view-refresh": QStyle.StandardPixmap.SP_BrowserReload,
}


#: with the preprocessing panel open, the image gets at least this much width (or 55 % of the
#: room beside the texts, when there is less)
IMAGE_MIN_WIDTH_WITH_PANEL = 360


class MainWindow(QMainWindow):
    """OCR Desktop's window. ``engine_factory`` lets tests put in a fake engine."""

    # queued requests to the workers (their slots run on the worker threads)
    _request_open = Signal(object)
    _request_image = Signal(object)
    _request_page = Signal(object)
    _request_thumbnail = Signal(object)
    _request_languages = Signal(object)
    _request_ocr = Signal(object)
    _request_warm_up = Signal(object)
    _request_preview = Signal(object)
    _request_reset_corrector = Signal()
    _request_autosave = Signal(object)

    # events others (tests, application.py) can wait for
    documents_loaded = Signal(int)  # number of pages added by one open request
    page_shown = Signal(object)  # key of the page whose image is now displayed
    recognition_finished = Signal(bool)  # cancelled?
    languages_loaded = Signal()
    preview_shown = Signal(int)  # generation of the preprocessing preview now on screen
    preprocess_panel_ready = Signal()
    autosaved = Signal(str)  # path of the session file

    def __init__(
        self,
        *,
        engine_factory: EngineFactory | None = None,
        settings: SettingsStore | None = None,
        autosave: bool = True,
        warm_up: bool = True,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = settings or SettingsStore()
        self._engine_factory = engine_factory
        self._ids = itertools.count(1)
        self._pages: dict[int, PageEntry] = {}
        self._order: list[int] = []
        self._results: dict[tuple[int, str], CachedResult] = {}
        self._open_request = 0
        self._recognise_after_open: set[int] = set()
        self._first_key_of_request: dict[int, int] = {}
        self._pages_added: dict[int, int] = {}
        self._page_request = 0
        self._current_key: int | None = None
        self._current_page_image: Any = None  # PageImage of the page on screen
        self._job: OcrJob | None = None
        self._job_done = 0
        self._paste_count = 0
        self._pasted_requests: set[int] = set()
        self._saved_path: Path | None = None
        self.tesseract_version = "unknown"
        self.confirm_close = True
        self.warm_up_enabled = warm_up
        self.preprocess: Any = self.settings.get("preprocess/preset") or "auto"
        self.psm = self.settings.get("ocr/psm")
        self._closing = False
        self.log_path: str | None = None
        self.preprocess_panel: Any = None
        self._preview_generation = 0
        self.stale_previews_dropped = 0
        self._page_display: Any = None  # DisplayImage of the original page on screen
        self._processed: tuple[int, Any, float] | None = None  # (generation, DisplayImage, scale)
        self._user_model: Any = None
        self._suggester: tuple[str, Any] | None = None  # (language, PostProcessor) for suspects' menus
        self._learning = True
        self._learned_edits: set[tuple[str, str]] = set()
        self._autosave_enabled = autosave
        self._autosave_dirty = False
        self._autosave_in_flight = False
        self._job_keys: dict[int, str] = {}

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._start_workers()
        self._update_actions()
        self._restore_layout()
        self._apply_theme(self.settings.get("view/theme"))
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(max(1, self.settings.get("autosave/interval_s")) * 1000)
        self._autosave_timer.timeout.connect(self.autosave_now)
        if autosave:
            self._autosave_timer.start()
        self._request_languages.emit(self._engine_factory)

    # ================================================================== construction

    def _build_widgets(self) -> None:
        self.message_bar = MessageBar(self)
        self.image_view = ImageView(self)
        self.proof_view = ProofreadView(self)
        self.proof_view.suggest = self.suggest_for_suspect
        self.proof_view.add_word = self.add_to_dictionary
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.image_view)
        self.splitter.addWidget(self.proof_view)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.installEventFilter(self)

        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.message_bar)
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.page_list = PageList(self)
        self.pages_dock = QDockWidget("Pages", self)
        self.pages_dock.setObjectName("pagesDock")
        self.pages_dock.setWidget(self.page_list)
        self.pages_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.pages_dock)
        self.page_list.setMinimumWidth(120)

        # filled when the preprocessing module has been imported (on the loader thread)
        self.preprocess_dock = QDockWidget("Preprocessing", self)
        self.preprocess_dock.setObjectName("preprocessDock")
        self.preprocess_dock.setWidget(QLabel("Loading…"))
        self.preprocess_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preprocess_dock)
        # proofreading first: the panel starts hidden (View ▸ Preprocessing panel, toolbar, Ctrl+Shift+P);
        # the window's saved state brings back whatever the user chose last time
        self.preprocess_dock.hide()

        self.language_picker = LanguagePicker(self)
        self.language_picker.set_code(self.settings.get("ocr/language"), emit=False)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress.setAccessibleName("Recognition progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status_label = QLabel("Open an image or PDF (Ctrl+O), drop files here, or paste an image (Ctrl+V).")
        self.status_label.setAccessibleName("Status")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the running recognition (Esc)")
        self.cancel_button.setAccessibleName("Cancel recognition")
        self.cancel_button.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

        self.page_list.page_selected.connect(self._on_page_list_page_selected)
        self.page_list.files_dropped.connect(self._on_page_list_files_dropped)
        self.language_picker.language_changed.connect(self._on_language_picker_language_changed)
        self.proof_view.copy_final_requested.connect(self.copy_final_text)
        self.proof_view.image_pasted.connect(self._on_proof_view_image_pasted)
        self.proof_view.decision_requested.connect(self._on_proof_view_decision_requested)
        self.proof_view.current_changed.connect(self._on_proof_view_current_changed)
        self.proof_view.raw_position_clicked.connect(self._on_proof_view_raw_position_clicked)
        self.image_view.word_clicked.connect(self._on_image_view_word_clicked)
        self.image_view.zoom_changed.connect(self._on_image_view_zoom_changed)
        self.cancel_button.clicked.connect(self.cancel_recognition)

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | str | QKeySequence.StandardKey | list[Any] | None = None,
        tip: str = "",
        icon: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        act = QAction(text, self)
        if icon:
            act.setIcon(self._icon(icon))
        if shortcut is not None:
            act.setShortcuts(key_sequences(shortcut))
        if tip:
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip} ({keys})" if keys else tip)
            act.setStatusTip(tip)
        act.setCheckable(checkable)
        if checkable:
            act.toggled.connect(slot)
        else:
            act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _icon(self, name: str) -> QIcon:
        """The desktop theme's icon, or the style's own one where there is no theme (Windows,
        macOS, a bare X server), so that the toolbar never shows blank buttons."""
        themed = QIcon.fromTheme(name)
        if not themed.isNull():
            return themed
        fallback = _STYLE_ICONS.get(name)
        return self.style().standardIcon(fallback) if fallback is not None else themed

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        a = self._action
        self.act_open = a("&Open…", self.open_dialog, SK.Open, "Open images or PDFs", "document-open")
        self.act_paste = a("&Paste image", self.paste, SK.Paste, "Open the image on the clipboard", "edit-paste")
        self.act_save_text = a("Save &text…", self.save_text_dialog, SK.Save, "Save the final text as plain text",
                               "document-save")
        self.act_save_json = a("Save &JSON…", self.save_json_dialog, "Ctrl+Shift+S",
                               "Save results, corrections and decisions as JSON", "document-save-as")
        # with several documents open, the two above save the current one; these save them all
        self.act_save_all_text = a("Save text of &all documents…", lambda: self.save_text_dialog(all_documents=True),
                                   None, "Save the final text of every open document in one plain-text file")
        self.act_save_all_json = a("Save JSON of all d&ocuments…", lambda: self.save_json_dialog(all_documents=True),
                                   None, "Save results, corrections and decisions of every open document in one file")
        self.act_close_page = a("&Close page", self.close_page, SK.Close,
                                "Remove the current page from the list", "window-close")
        self.act_quit = a("&Quit", self.close, [SK.Quit, "Ctrl+Q"], "Close the window", "application-exit")
        self.act_undo = a("&Undo", lambda: self.proof_view.final_edit.undo(), SK.Undo, "Undo the last edit",
                          "edit-undo")
        self.act_redo = a("&Redo", lambda: self.proof_view.final_edit.redo(), [SK.Redo, "Ctrl+Shift+Z"],
                          "Redo", "edit-redo")
        self.act_copy = a("&Copy", self._on_copy_triggered, SK.Copy,
                          "Copy the selection, or the whole final text when nothing is selected", "edit-copy")
        self.act_copy_final = a("Copy &final text", self.copy_final_text, "Ctrl+Alt+C",
                                "Copy the final text of the page", "edit-copy")
        self.act_copy_raw = a("Copy &raw text", self.copy_raw_text, "Ctrl+Alt+R",
                              "Copy the raw OCR text of the page")
        self.act_accept = a("&Accept change", self.proof_view.accept_current, "Ctrl+Return",
                            "Accept the selected change", "dialog-ok")
        self.act_reject = a("Re&ject change", self.proof_view.reject_current, "Ctrl+Shift+Return",
                            "Reject the selected change (keep what OCR read)", "dialog-cancel")
        self.act_accept_all = a("Accept all changes on this &page", self.accept_all_on_page, "Ctrl+Alt+Return",
                                "Accept every proposed change on this page")
        self.act_next = a("&Next change", self.proof_view.next_change, "F8", "Go to the next change", "go-next")
        self.act_prev = a("Pre&vious change", self.proof_view.previous_change, "Shift+F8",
                          "Go to the previous change", "go-previous")
        self.act_recognise = a("&Recognize page", self.recognise_current, "F5",
                               "Recognise the text of this page", "system-run")
        self.act_recognise_all = a("Recognize &all pages", self.recognise_all, "Ctrl+F5",
                                   "Recognise every open page")
        self.act_cancel = a("&Cancel recognition", self.cancel_recognition, "Esc", "Stop the running recognition",
                            "process-stop")
        self.act_zoom_in = a("Zoom &in", lambda: self.image_view.zoom_by(1.25), [SK.ZoomIn, "Ctrl+="], "Zoom in",
                             "zoom-in")
        self.act_zoom_out = a("Zoom &out", lambda: self.image_view.zoom_by(0.8), SK.ZoomOut, "Zoom out", "zoom-out")
        self.act_fit = a("&Fit page", self.image_view.fit, "Ctrl+0", "Fit the page in the view", "zoom-fit-best")
        self.act_actual = a("&100 %", self.image_view.actual_size, "Ctrl+1", "Show the page at 100 %",
                            "zoom-original")
        self.act_boxes = a("Word &boxes", self._on_boxes_toggled, "Ctrl+B",
                           "Show word boxes coloured by OCR confidence", checkable=True)
        self.act_boxes.setChecked(self.settings.get("view/show_boxes"))
        self.act_processed = a("Show &processed image", self._on_processed_toggled, "Ctrl+P",
                               "Toggle between the original page and what Tesseract sees", checkable=True)
        self.act_next_suspect = a("Next &suspect", self.next_suspect, "F9",
                                  "Go to the next word the corrector found suspicious", "go-down")
        self.act_suggest = a("S&uggestions for the suspect", self.show_suspect_suggestions, "Ctrl+.",
                             "Replace the selected suspect word by a suggestion, or add it to your dictionary")
        self.act_learning = a("&Learned words and corrections…", self.show_learning_dialog, None,
                              "See and edit what the corrector learned from your proofreading")
        self.act_shortcuts = a("&Keyboard shortcuts", self.show_shortcuts, SK.HelpContents, "List the shortcuts")
        self.act_log = a("Open &log file", self.open_log_file, None, "Open the log file of this application")
        self.act_log_folder = a("Open log &folder", self.open_log_folder, None,
                                "Open the folder with the log files in the file manager")
        self.act_about = a("&About OCR Desktop", self.show_about, None, "Versions of OCR Desktop, Qt and Tesseract")
        self.act_cancel.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # the dock's own toggle action (checked while visible), with a name, shortcut and tip
        self.act_preprocess_panel = self.preprocess_dock.toggleViewAction()
        self.act_preprocess_panel.setText("&Preprocessing panel")
        self.act_preprocess_panel.setIconText("Preprocessing")
        self.act_preprocess_panel.setShortcut(QKeySequence("Ctrl+Shift+P"))
        tip = "Show or hide the preprocessing controls (what Tesseract is given)"
        self.act_preprocess_panel.setToolTip(f"{tip} (Ctrl+Shift+P)")
        self.act_preprocess_panel.setStatusTip(tip)
        self.act_preprocess_panel.setIcon(QIcon.fromTheme("preferences-system"))
        self.act_preprocess_panel.toggled.connect(self._on_preprocess_panel_toggled)
        self.addAction(self.act_preprocess_panel)
        self.act_pages_panel = self.pages_dock.toggleViewAction()
        self.act_pages_panel.setText("P&ages panel")
        self.act_pages_panel.setToolTip("Show or hide the list of open pages")
        self.act_pages_panel.setStatusTip("Show or hide the list of open pages")

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addAction(self.act_open)
        self.recent_menu = m.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addAction(self.act_paste)
        m.addSeparator()
        m.addAction(self.act_save_text)
        m.addAction(self.act_save_json)
        m.addAction(self.act_save_all_text)
        m.addAction(self.act_save_all_json)
        m.addSeparator()
        m.addAction(self.act_close_page)
        m.addAction(self.act_quit)
        m = mb.addMenu("&Edit")
        for act in (self.act_undo, self.act_redo, None, self.act_copy, self.act_copy_final, self.act_copy_raw, None,
                    self.act_accept, self.act_reject, self.act_accept_all, self.act_next, self.act_prev,
                    self.act_next_suspect, self.act_suggest, None, self.act_learning):
            m.addSeparator() if act is None else m.addAction(act)
        self.edit_menu = m
        m = mb.addMenu("&OCR")
        m.addAction(self.act_recognise)
        m.addAction(self.act_recognise_all)
        m.addAction(self.act_cancel)
        self.ocr_menu = m
        m = mb.addMenu("&View")
        for act in (self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_actual, None, self.act_boxes,
                    self.act_processed):
            m.addSeparator() if act is None else m.addAction(act)
        m.addSeparator()
        m.addAction(self.act_pages_panel)
        m.addAction(self.act_preprocess_panel)
        theme_menu = m.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        for key, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            act = theme_menu.addAction(label)
            act.setCheckable(True)
            act.setData(key)
            act.setChecked(key == self.settings.get("view/theme"))
            self.theme_group.addAction(act)
            act.triggered.connect(lambda _c=False, k=key: self._apply_theme(k, save=True))
        self.view_menu = m
        m = mb.addMenu("&Help")
        m.addAction(self.act_shortcuts)
        m.addAction(self.act_log)
        m.addAction(self.act_log_folder)
        m.addSeparator()
        m.addAction(self.act_about)
        self.help_menu = m

        # short toolbar labels (the menus keep the full names; tooltips say what and which key)
        for act, short in ((self.act_recognise, "Recognize"), (self.act_recognise_all, "All pages"),
                           (self.act_cancel, "Cancel"), (self.act_copy_final, "Copy text"),
                           (self.act_save_text, "Save text"), (self.act_save_json, "Save JSON"),
                           (self.act_fit, "Fit"), (self.act_boxes, "Boxes"), (self.act_processed, "Processed")):
            act.setIconText(short)
        tb = QToolBar("Main", self)
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setIconSize(QSize(18, 18))
        tb.addAction(self.act_open)
        tb.addAction(self.act_paste)
        tb.addSeparator()
        tb.addWidget(QLabel(" Language: "))
        tb.addWidget(self.language_picker)
        tb.addAction(self.act_recognise)
        tb.addAction(self.act_recognise_all)
        tb.addAction(self.act_cancel)
        tb.addSeparator()
        tb.addAction(self.act_copy_final)
        tb.addAction(self.act_save_text)
        tb.addAction(self.act_save_json)
        tb.addSeparator()
        tb.addAction(self.act_fit)
        tb.addAction(self.act_boxes)
        tb.addAction(self.act_processed)
        tb.addAction(self.act_preprocess_panel)
        self.addToolBar(tb)
        self.toolbar = tb

    def _start_workers(self) -> None:
        self.loader = LoadWorker()
        self.thumbnailer = ThumbnailWorker()
        self.ocr_worker = OcrWorker(self._engine_factory)
        self.preview_worker = PreviewWorker()
        from ocr_desktop.gui.session.autosave import SessionWriter

        self.session_writer = SessionWriter()
        self._threads = [
            WorkerThread(self.loader, "ocr-desktop-loader"),
            WorkerThread(self.thumbnailer, "ocr-desktop-thumbnails"),
            WorkerThread(self.ocr_worker, "ocr-desktop-ocr"),
            WorkerThread(self.preview_worker, "ocr-desktop-preview"),
            WorkerThread(self.session_writer, "ocr-desktop-autosave"),
        ]
        self._request_autosave.connect(self.session_writer.write)
        self.session_writer.finished.connect(self._on_session_writer_finished)
        self.session_writer.failed.connect(self._on_session_writer_failed)
        self._request_preview.connect(self.preview_worker.render)
        self._request_reset_corrector.connect(self.ocr_worker.reset_postprocessors)
        self.preview_worker.finished.connect(self._on_preview_worker_finished)
        self.preview_worker.failed.connect(self._on_preview_worker_failed)
        self.loader.preprocess_ready.connect(self._on_loader_preprocess_ready)
        self._request_open.connect(self.loader.open_paths)
        self._request_image.connect(self.loader.open_image)
        self._request_page.connect(self.loader.load_page)
        self._request_languages.connect(self.loader.list_languages)
        self._request_thumbnail.connect(self.thumbnailer.make)
        self._request_ocr.connect(self.ocr_worker.run)
        self._request_warm_up.connect(self.ocr_worker.warm_up)

        self.loader.document_opened.connect(self._on_loader_document_opened)
        self.loader.open_failed.connect(self._on_loader_open_failed)
        self.loader.finished.connect(self._on_loader_finished)
        self.loader.page_ready.connect(self._on_loader_page_ready)
        self.loader.page_failed.connect(self._on_loader_page_failed)
        self.loader.languages_ready.connect(self._on_loader_languages_ready)
        self.loader.languages_failed.connect(self._on_loader_languages_failed)
        self.thumbnailer.thumbnail_ready.connect(self.page_list.set_thumbnail)
        self.ocr_worker.started.connect(self._on_ocr_started)
        self.ocr_worker.progress.connect(self._on_ocr_progress)
        self.ocr_worker.page_started.connect(self._on_ocr_page_started)
        self.ocr_worker.page_finished.connect(self._on_ocr_page_finished)
        self.ocr_worker.page_failed.connect(self._on_ocr_page_failed)
        self.ocr_worker.notice.connect(self._on_ocr_notice)
        self.ocr_worker.finished.connect(self._on_ocr_finished)
        self.ocr_worker.failed.connect(self._on_ocr_failed)

    def threads(self) -> list[Any]:
        return [t.thread for t in self._threads]

    # ================================================================== state helpers

    def page_preprocess(self, key: int | None) -> Any:
        entry = self._pages.get(key) if key is not None else None
        return entry.preprocess if entry is not None and entry.preprocess is not None else self.preprocess

    def settings_key(self, key: int | None = None) -> str:
        """Results are cached under page key + this: same page and settings, no second OCR."""
        return f"{self.language_picker.code()}|{self.psm}|{preprocess_key(self.page_preprocess(key))}"

    def page_keys(self) -> list[int]:
        return list(self._order)

    def page(self, key: int) -> PageEntry:
        return self._pages[key]

    def current_key(self) -> int | None:
        return self._current_key

    def cached(self, key: int | None) -> CachedResult | None:
        if key is None:
            return None
        entry = self._pages.get(key)
        if entry is None or entry.shown_key is None:
            return None
        return self._results.get((key, entry.shown_key))

    def current_proof(self) -> ProofPage | None:
        c = self.cached(self._current_key)
        return c.proof if c else None

    def is_busy(self) -> bool:
        return self._job is not None

    def has_unsaved_work(self) -> bool:
        return any(c.proof.dirty for c in self._results.values())

    def show_error(self, text: str) -> None:
        log.warning("shown to the user: %s", text)
        self.message_bar.show_message(text, "error")

    def show_notice(self, text: str) -> None:
        log.info("notice: %s", text)
        self.message_bar.show_message(text, "warning")

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _update_title(self) -> None:
        entry = self._pages.get(self._current_key) if self._current_key is not None else None
        name = f" — {entry.label}" if entry else ""
        self.setWindowTitle(f"{APP_TITLE}{name}[*]")
        self.setWindowModified(self.has_unsaved_work())

    def _update_actions(self) -> None:
        busy = self.is_busy()
        has_page = self._current_key is not None
        has_result = self.cached(self._current_key) is not None
        any_result = bool(self._results)
        self.act_recognise.setEnabled(has_page and not busy)
        self.act_recognise_all.setEnabled(bool(self._order) and not busy)
        self.act_close_page.setEnabled(has_page and not busy)
        self.act_cancel.setEnabled(busy)
        self.cancel_button.setVisible(busy)
        self.language_picker.setEnabled(not busy)
        for act in (self.act_copy_final, self.act_copy_raw):
            act.setEnabled(has_result)
        scope = self._save_scope(False) if any_result else None
        can_save = any_result and (scope is None or bool(self._recognised_entries(scope)))
        for act in (self.act_save_text, self.act_save_json):
            act.setEnabled(can_save)
        several = len(self._documents()) > 1
        for act in (self.act_save_all_text, self.act_save_all_json):
            act.setEnabled(any_result and several)
        proof = self.current_proof()
        n = len(proof.corrections) if proof else 0
        for act in (self.act_next, self.act_prev, self.act_accept_all):
            act.setEnabled(n > 0)
        for act in (self.act_accept, self.act_reject):
            act.setEnabled(n > 0 and self.proof_view.current >= 0)
        self._update_title()

    # ================================================================== getting pages in

    def open_dialog(self) -> None:
        start = self.settings.get("files/last_folder") or str(Path.home())
        files, _ = QFileDialog.getOpenFileNames(self, "Open images or PDFs", start, FILE_FILTER)
        if files:
            self.open_paths([Path(f) for f in files])

    def open_paths(self, paths: list[Path] | list[str], *, recognise_first: bool = True) -> int:
        """Open files and folders (in the background). Returns the request id."""
        clean = tuple(Path(p).expanduser() for p in paths)
        if not clean:
            return 0
        self._open_request = request_id = next(self._ids)
        if recognise_first:
            self._recognise_after_open.add(request_id)
        self._pages_added[request_id] = 0
        first = clean[0]
        self.settings.set("files/last_folder", str(first if first.is_dir() else first.parent))
        self.set_status(f"Opening {len(clean)} item{'s' if len(clean) != 1 else ''}…")
        self._request_open.emit(OpenRequest(request_id, clean))
        return request_id

    def add_document(self, document: Any, source: str | None, *, request_id: int = 0) -> list[int]:
        """Add every page of an opened document to the page list."""
        keys = []
        count = document.page_count
        for i in range(count):
            key = next(self._ids)
            label = document.name if count == 1 else f"{document.name} p.{i + 1}"
            entry = PageEntry(key, document, i, label, source)
            self._pages[key] = entry
            self._order.append(key)
            self.page_list.add_page(key, label)
            self._request_thumbnail.emit(PageRequest(0, key, document, i))
            keys.append(key)
        if request_id:
            self._pages_added[request_id] = self._pages_added.get(request_id, 0) + count
            self._first_key_of_request.setdefault(request_id, keys[0] if keys else 0)
        if self._current_key is None and keys:
            self.page_list.select_key(keys[0])
        self._update_actions()
        return keys

    @Slot(int, object, object)
    def _on_loader_document_opened(self, request_id: int, path: Path | None, document: Any) -> None:
        self.add_document(document, str(path) if path else None, request_id=request_id)
        if path is not None:
            self.settings.add_recent(str(path))

    @Slot(int, object, str)
    def _on_loader_open_failed(self, _request_id: int, _path: Path | None, message: str) -> None:
        self.show_error(message)

    @Slot(int, int)
    def _on_loader_finished(self, request_id: int, opened: int) -> None:
        added = self._pages_added.pop(request_id, 0)
        first = self._first_key_of_request.pop(request_id, None)
        if opened and request_id in self._pasted_requests:
            self.set_status("Opened the pasted image.")
        elif opened:
            files = f"{opened} file{'s' if opened != 1 else ''}"
            self.set_status(f"Opened {files} ({added} page{'s' if added != 1 else ''}).")
        else:
            # the status line said "Opening …": say how it ended
            self.set_status("Nothing was opened.")
            if not self.message_bar.text():
                self.show_error("Nothing could be opened: no supported image or PDF was found.")
        if first:
            self.page_list.select_key(first)
            if request_id in self._recognise_after_open and not self.is_busy():
                self.recognise_keys([first])
        self._recognise_after_open.discard(request_id)
        self.documents_loaded.emit(added)

    def paste(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.proof_view.final_edit and not self.proof_view.final_edit.isReadOnly():
            self.proof_view.final_edit.paste()
            return
        self.paste_from_clipboard()

    def paste_from_clipboard(self) -> bool:
        return self.open_mime(QGuiApplication.clipboard().mimeData())

    def open_mime(self, mime: QMimeData | None) -> bool:
        """An image or local files from the clipboard or a drop."""
        if mime is None:
            self.show_error("The clipboard is empty.")
            return False
        paths = dropped_paths(mime)
        if paths:
            self.open_paths(paths)
            return True
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                return bool(self.open_image(image))
        self.show_error("The clipboard holds no image. Copy an image (or image files) and paste again.")
        return False

    def open_image(self, image: QImage, name: str | None = None, *, recognise: bool = True) -> int:
        """Open an in-memory image (paste, drop); converted on the loader thread. Returns the request id."""
        if image.isNull():
            self.show_error("The pasted image is empty.")
            return 0
        self._paste_count += 1
        self._open_request = request_id = next(self._ids)
        if recognise:
            self._recognise_after_open.add(request_id)
        self._pages_added[request_id] = 0
        self._pasted_requests.add(request_id)
        self._request_image.emit(ImageRequest(request_id, image, name or f"Pasted image {self._paste_count}"))
        return request_id

    def _on_proof_view_image_pasted(self, mime: QMimeData) -> None:
        self.open_mime(mime)

    def _on_page_list_files_dropped(self, paths: list[Path]) -> None:
        self.open_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.open_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_paths([Path(p)]))
        if not recent:
            self.recent_menu.addAction("(no recent files)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the list", self.settings.clear_recent)

    def close_page(self, key: int | None = None) -> bool:
        """Remove a page (the current one by default) from the list; its unsaved proofreading is
        only dropped after the user agrees. Not while a recognition runs (its pages are in use)."""
        key = self._current_key if key is None else key
        if key is None or key not in self._pages:
            return False
        if self.is_busy():
            self.set_status("Wait for the recognition to finish, or cancel it (Esc), before closing a page.")
            return False
        results = [k for k in self._results if k[0] == key]
        if self.confirm_close and any(self._results[k].proof.dirty for k in results):
            answer = QMessageBox.question(
                self, "Close page", "This page has proofreading that is not saved. Close it anyway?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
        label = self._pages[key].label
        row = self._order.index(key)
        self._order.remove(key)
        del self._pages[key]
        for k in results:
            del self._results[k]
        self.page_list.remove_page(key)
        if self._order:
            self.page_list.select_key(self._order[min(row, len(self._order) - 1)])
        else:
            self._current_key = None
            self._current_page_image = None
            self.image_view.clear()
            message = "Open, drop or paste images or PDFs to begin."
            self.proof_view.set_page(None, placeholder=message)
            self.proof_view.set_no_page_message(message)
        self._autosave_dirty = True
        self._update_title()
        self._update_actions()
        self.set_status(f"Closed {label}.")
        return True

    # ================================================================== showing a page

    def select_page(self, key: int) -> None:
        self.page_list.select_key(key)

    def _on_page_list_page_selected(self, key: Any) -> None:
        if key not in self._pages:
            return
        self._current_key = key
        self._current_page_image = None
        entry = self._pages[key]
        self._page_request += 1
        self._request_page.emit(PageRequest(self._page_request, key, entry.document, entry.index))
        if entry.shown_key is None and (key, self.settings_key(key)) in self._results:
            entry.shown_key = self.settings_key(key)
        self._processed = None
        if self.preprocess_panel is not None:
            self.preprocess_panel.set_settings(self._as_settings(self.page_preprocess(key)), emit=False)
            self.preprocess_panel.set_preview_source_ready(False)
        self._show_result(key)
        self._update_actions()

    @Slot(int, object, object, object)
    def _on_loader_page_ready(self, request_id: int, key: Any, page: Any, image: Any) -> None:
        if request_id != self._page_request or key != self._current_key:
            return  # the user has moved on
        entry = self._pages[key]
        entry.size = (image.width, image.height)
        self._current_page_image = page
        self._page_display = image
        if self.preprocess_panel is not None:
            self.preprocess_panel.set_preview_source_ready(True)
        if self.act_processed.isChecked():
            self.request_preview()
        else:
            self.image_view.set_image(image)
        self._show_word_boxes()
        self.page_shown.emit(key)

    @Slot(int, object, str)
    def _on_loader_page_failed(self, request_id: int, key: Any, message: str) -> None:
        if key in self._pages:
            self._pages[key].status = "failed"
            self.page_list.set_status(key, "failed")
        self.show_error(message)

    def _show_result(self, key: int) -> None:
        cached = self.cached(key)
        entry = self._pages[key]
        if cached is None:
            msg = {
                "running": "Recognising this page…",
                "queued": "Waiting to be recognised…",
                "failed": f"Recognition failed: {entry.error}" if entry.error else "Recognition failed.",
            }.get(entry.status, "Not recognised yet: press Recognize page (F5).")
            self.proof_view.set_page(None, placeholder=msg)
            self.proof_view.set_no_page_message(msg)
        else:
            self.proof_view.set_page(cached.proof)
        self._show_word_boxes()

    def _show_word_boxes(self) -> None:
        cached = self.cached(self._current_key)
        self.image_view.set_words(cached.result.words if cached else [])
        self.image_view.set_boxes_visible(self.act_boxes.isChecked())
        # boxes are in original-page pixels: hidden over the processed preview
        self.image_view.set_overlay_visible(not self.act_processed.isChecked())

    def _on_boxes_toggled(self, checked: bool) -> None:
        self.image_view.set_boxes_visible(checked)
        self.settings.set("view/show_boxes", checked)

    def _on_image_view_zoom_changed(self, zoom: float) -> None:
        self.statusBar().showMessage(f"Zoom {zoom:.0%}", 1500)

    def _on_image_view_word_clicked(self, index: int) -> None:
        cached = self.cached(self._current_key)
        if cached is None or not 0 <= index < len(cached.result.words):
            return
        word = cached.result.words[index]
        self.proof_view.select_raw_range(word.start, word.end)

    def _on_proof_view_raw_position_clicked(self, pos: int) -> None:
        cached = self.cached(self._current_key)
        if cached is None:
            return
        for i, w in enumerate(cached.result.words):
            if w.start <= pos <= w.end:
                self.image_view.select_word(i)
                self.proof_view.select_raw_range(w.start, w.end, reveal=False)
                return
        self.image_view.select_word(None)

    # ================================================================== recognition

    def recognise_current(self) -> None:
        if self._current_key is not None:
            self.recognise_keys([self._current_key])

    def recognise_all(self) -> None:
        self.recognise_keys(list(self._order))

    def recognise_keys(self, keys: list[int]) -> OcrJob | None:
        """Recognise these pages; pages already recognised with the same settings are reused."""
        if self.is_busy():
            self.set_status("A recognition is already running; cancel it first (Esc).")
            return None
        todo: list[PageTask] = []
        reused = 0
        job_keys: dict[int, str] = {}
        for key in keys:
            entry = self._pages.get(key)
            if entry is None:
                continue
            skey = self.settings_key(key)
            job_keys[key] = skey
            if (key, skey) in self._results:
                reused += 1
                entry.shown_key = skey
                entry.status = "done"
                self._set_page_done_status(key)
                continue
            todo.append(PageTask(key, entry.document, entry.index, entry.preprocess))
        if self._current_key in keys:
            self._show_result(self._current_key)
        if not todo:
            self.set_status(
                "Already recognised with these settings." if reused else "Nothing to recognise."
            )
            self._update_actions()
            return None
        job = OcrJob(
            job_id=next(self._ids),
            tasks=tuple(todo),
            lang=self.language_picker.code(),
            psm=self.psm,
            preprocess=self.preprocess,
        )
        self._job = job
        self._job_keys = job_keys
        self._job_done = 0
        for task in todo:
            entry = self._pages[task.key]
            entry.status = "queued"
            entry.error = ""
            self.page_list.set_status(task.key, "queued")
        self.progress.setRange(0, len(todo))
        self.progress.setValue(0)
        self.progress.show()
        if self._current_key in keys:
            self._show_result(self._current_key)
        msg = f"Recognising {len(todo)} page{'s' if len(todo) != 1 else ''}"
        self.set_status(msg + (f" ({reused} already done)…" if reused else "…"))
        self._update_actions()
        self._request_ocr.emit(job)
        return job

    def cancel_recognition(self) -> None:
        if self._job is not None:
            self._job.cancel.cancel()  # kills the running Tesseract processes at once
            self.set_status("Cancelling…")

    def _is_current_job(self, job_id: int) -> bool:
        return self._job is not None and self._job.job_id == job_id

    @Slot(int, int)
    def _on_ocr_started(self, job_id: int, total: int) -> None:
        if self._is_current_job(job_id):
            self.progress.setRange(0, max(1, total))

    @Slot(int, int, int, str)
    def _on_ocr_progress(self, job_id: int, done: int, total: int, message: str) -> None:
        if self._is_current_job(job_id):
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)
            self.progress.setFormat(f"{done}/{total} pages")
            self.set_status(message)

    @Slot(int, object)
    def _on_ocr_page_started(self, job_id: int, key: Any) -> None:
        if self._is_current_job(job_id) and key in self._pages:
            self._pages[key].status = "running"
            self.page_list.set_status(key, "running")
            if key == self._current_key:
                self._show_result(key)

    @Slot(int, object, object, object)
    def _on_ocr_page_finished(self, job_id: int, key: Any, result: PageResult, corrected: CorrectedPage | None) -> None:
        if self._job is None or self._job.job_id != job_id or key not in self._pages:
            return
        skey = self._job_keys.get(key) or f"{self._job.lang}|{self._job.psm}|{preprocess_key(self._job.preprocess)}"
        proof = self._make_proof(result, corrected)
        self._results[(key, skey)] = CachedResult(result, corrected, proof)
        self._autosave_dirty = True
        entry = self._pages[key]
        entry.shown_key = skey
        entry.status = "done"
        self._set_page_done_status(key)
        if key == self._current_key:
            self._show_result(key)
        self._update_actions()

    def _set_page_done_status(self, key: int) -> None:
        cached = self.cached(key)
        if cached is None:
            return
        n = len(cached.proof.corrections)
        detail = f"{cached.result.mean_confidence:.0f} % conf · {n} change{'s' if n != 1 else ''}"
        self.page_list.set_status(key, "done", detail)

    @Slot(int, object, str)
    def _on_ocr_page_failed(self, job_id: int, key: Any, message: str) -> None:
        if not self._is_current_job(job_id) or key not in self._pages:
            return
        entry = self._pages[key]
        entry.status = "failed"
        entry.error = message
        self.page_list.set_status(key, "failed")
        self.show_error(f"{entry.label}: {message}")
        if key == self._current_key:
            self._show_result(key)

    @Slot(int, str)
    def _on_ocr_notice(self, job_id: int, message: str) -> None:
        self.show_notice(message)

    @Slot(int, bool)
    def _on_ocr_finished(self, job_id: int, cancelled: bool) -> None:
        if not self._is_current_job(job_id):
            return
        self._end_job(cancelled)
        self.set_status("Recognition cancelled." if cancelled else "Recognition finished.")
        self.recognition_finished.emit(cancelled)

    @Slot(int, str)
    def _on_ocr_failed(self, job_id: int, message: str) -> None:
        if not self._is_current_job(job_id):
            return
        self._end_job(False, failed=True)
        self.show_error(message)
        self.set_status("Recognition failed.")
        self.recognition_finished.emit(False)

    def _end_job(self, cancelled: bool, failed: bool = False) -> None:
        job = self._job
        self._job = None
        if job is not None:
            for task in job.tasks:
                entry = self._pages.get(task.key)
                if entry is not None and entry.status in ("queued", "running"):
                    entry.status = "cancelled" if cancelled else ("failed" if failed else "new")
                    self.page_list.set_status(task.key, entry.status)
        self.progress.hide()
        if self._current_key is not None and self.cached(self._current_key) is None:
            self._show_result(self._current_key)
        self._update_actions()

    def _on_language_picker_language_changed(self, code: str) -> None:
        self.settings.set("ocr/language", code)
        self._on_settings_changed()
        self.warm_up()

    def warm_up(self) -> None:
        """Have the OCR worker load the engine and corrector for the current language now."""
        if self.warm_up_enabled:
            job = OcrJob(0, (), lang=self.language_picker.code(), psm=self.psm, preprocess=self.preprocess)
            self._request_warm_up.emit(job)

    def _on_settings_changed(self) -> None:
        """Language or preprocessing changed: show results for the new settings where known."""
        self._autosave_dirty = True
        for key, entry in self._pages.items():
            skey = self.settings_key(key)
            if (key, skey) in self._results:
                entry.shown_key = skey
                self._set_page_done_status(key)
            elif entry.shown_key is not None:
                self.page_list.set_status(key, "done", "other settings: press F5 to recognise again")
        if self._current_key is not None:
            self._show_result(self._current_key)
        self._update_actions()

    @Slot(object, str)
    def _on_loader_languages_ready(self, languages: tuple[str, ...], version: str) -> None:
        self.tesseract_version = version
        self.language_picker.set_installed(languages)
        self.languages_loaded.emit()
        self.warm_up()

    @Slot(str)
    def _on_loader_languages_failed(self, message: str) -> None:
        self.show_error(message)
        self.languages_loaded.emit()

    # ================================================================== proofreading

    def _make_proof(self, result: PageResult, corrected: CorrectedPage | None) -> ProofPage:
        proof = ProofPage(result, corrected, self)
        proof.changed.connect(self._on_proof_changed)
        proof.decided.connect(lambda i, old, new, p=proof: self._on_proof_decided(p, i, old, new))
        return proof

    def _on_proof_changed(self) -> None:
        self._autosave_dirty = True
        self._update_title()
        self._update_actions()

    def _on_proof_view_decision_requested(self, index: int, what: str) -> None:
        proof = self.current_proof()
        if proof is None or not 0 <= index < len(proof.corrections):
            return
        if what in ("accept", "reject"):
            done = proof.accept(index) if what == "accept" else proof.reject(index)
            if not done:
                self.set_status("You edited this word by hand: undo the edit (Ctrl+Z) to decide the change, "
                                "or leave your text as it is.")
                return
        elif what == "accept-kind":
            self.accept_all_of_kind(index)
            return
        self._advance_after_decision(proof, index)

    def _advance_after_decision(self, proof: ProofPage, index: int) -> None:
        """After a decision, move to the next undecided change (keyboard flow)."""
        n = len(proof.corrections)
        for step in range(1, n + 1):
            j = (index + step) % n
            if proof.status[j] == "pending":
                self.proof_view.set_current(j)
                return
        self.proof_view.set_current(index)

    def accept_all_of_kind(self, index: int) -> None:
        proof = self.current_proof()
        if proof is None:
            return
        c = proof.corrections[index]
        n = 0
        self._learning = False  # one "always" pair is learned below, not n single accepts
        try:
            for cached in self._results.values():
                for i, other in enumerate(cached.proof.corrections):
                    if (other.before == c.before and other.after == c.after and cached.proof.status[i] != "accepted"
                            and cached.proof.accept(i)):
                        n += 1
        finally:
            self._learning = True
        self._learn("accept_all_of_kind", c.before, c.after)
        self.set_status(f"Accepted {n} change{'s' if n != 1 else ''} {c.before!r} → {c.after!r}.")
        self._advance_after_decision(proof, index)

    def accept_all_on_page(self) -> None:
        proof = self.current_proof()
        if proof is not None:
            skipped = proof.accept_all()
            if skipped:
                self.set_status(f"Accepted all changes except {skipped} you edited by hand (your text is kept).")

    # ---- learning ---------------------------------------------------------------------------

    def user_model(self) -> Any:
        """The per-user correction model (the file in the user data dir), opened on first use."""
        if self._user_model is None:
            from ocr_desktop.core.correction import UserModel, default_user_model_path

            self._user_model = UserModel(default_user_model_path())
        return self._user_model

    def suggest_for_suspect(self, raw: str, start: int, end: int) -> list[str]:
        """What a suspect word may have been (the context menu's suggestions), for the current
        language and this user's dictionary; the corrector's models are shared with the worker."""
        lang = self.language_picker.code()
        if self._suggester is None or self._suggester[0] != lang:
            from ocr_desktop.core.correction import PostProcessor

            self._suggester = (lang, PostProcessor(lang=lang, user_model=self.user_model()))
        suggestions: list[str] = self._suggester[1].suggestions(raw, start, end)
        return suggestions

    def _forget_suggester(self) -> None:
        self._suggester = None

    def add_to_dictionary(self, word: str) -> None:
        """The proofreader says a flagged word is right: it goes into the user's dictionary."""
        try:
            self.user_model().add_word(word)
        except Exception as exc:
            self.show_error(f"“{word}” could not be added to your dictionary: {describe_error(exc)}")
            return
        self._suggester = None
        self._request_reset_corrector.emit()
        self.statusBar().showMessage(f"“{word}” added to your dictionary; it is accepted from the next recognition on.",
                                     5000)

    def _on_proof_decided(self, proof: ProofPage, index: int, old: str, new: str) -> None:
        c = proof.corrections[index]
        context = proof.raw[max(0, c.start - 40) : c.end + 40]
        if new == "accepted":
            self._learn("record_accept", c, context)
        elif new == "rejected":
            self._learn("record_reject", c, context)

    def _learn(self, what: str, *args: Any) -> None:
        """Tell the user model; the OCR worker re-reads it before the next page it corrects."""
        if not self._learning:
            return
        try:
            getattr(self.user_model(), what)(*args)
        except Exception as exc:
            log.warning("learning (%s) failed: %s", what, exc)
            self.show_notice(f"What you taught the corrector could not be saved: {describe_error(exc)}")
            return
        self._request_reset_corrector.emit()

    def _learn_manual_edits(self, results: list[CachedResult] | None = None) -> None:
        """Misread words the user retyped in the final text become learned pairs (once each).

        Called when the work is saved (for the saved pages: ``results``, or all), never when it
        is discarded. Only a retyped word that resembles what OCR read is a correction of a
        misreading (typ0s -> typos); a word replaced by another (brown -> red) is the user
        changing the text, not teaching OCR."""
        import difflib

        for cached in self._results.values() if results is None else results:
            proof = cached.proof
            if not proof.dirty:
                continue
            enhanced = proof.enhanced_text()
            base = [(m.start(), m.end()) for m in re.finditer(r"\S+", enhanced)]
            final = proof.final_text().split()
            words = [enhanced[a:b] for a, b in base]
            if words == final:
                continue
            matcher = difflib.SequenceMatcher(a=words, b=final, autojunk=False)
            for op, a0, a1, b0, b1 in matcher.get_opcodes():
                if op != "replace" or a1 - a0 != b1 - b0:
                    continue  # words added or removed are no retyped words
                for k in range(a1 - a0):
                    # the raw word is what OCR read; learn raw -> typed
                    rs, re_ = proof.raw_span_of_enhanced(*base[a0 + k])
                    self._learn_retyped(proof.raw[rs:re_].strip(), final[b0 + k])

    def _learn_retyped(self, raw_before: str, after: str) -> None:
        import difflib

        if not raw_before or len(raw_before.split()) != 1 or raw_before == after:
            return
        if difflib.SequenceMatcher(a=raw_before.lower(), b=after.lower()).ratio() < _MANUAL_EDIT_LIKENESS:
            return
        pair = (raw_before, after)
        if pair not in self._learned_edits:
            self._learned_edits.add(pair)
            self._learn("record_manual_edit", raw_before, after)

    def show_learning_dialog(self) -> Any:
        from ocr_desktop.gui.widgets.learning_dialog import LearningDialog

        try:
            model = self.user_model()
        except Exception as exc:
            self.show_error(f"The corrector's user model is not available: {describe_error(exc)}")
            return None
        dialog = LearningDialog(model, self)
        dialog.model_changed.connect(self._request_reset_corrector.emit)
        dialog.model_changed.connect(self._forget_suggester)
        dialog.open()
        return dialog

    # ================================================================== preprocessing

    @staticmethod
    def _as_settings(value: Any) -> Any:
        """A PreprocessSettings for a spec string or settings object."""
        if isinstance(value, str):
            from ocr_desktop.core.preprocess import parse_preprocess_spec

            try:
                return parse_preprocess_spec(value)
            except Exception:
                return parse_preprocess_spec("auto")
        return value

    def _saved_preprocess(self) -> Any:
        from ocr_desktop.core.preprocess import PRESETS, PreprocessSettings

        preset = self.settings.get("preprocess/preset")
        if preset in PRESETS:
            return PRESETS[preset]
        raw = self.settings.get("preprocess/settings")
        if raw:
            try:
                return PreprocessSettings.from_json(raw)
            except Exception as exc:
                log.warning("saved preprocessing settings are unusable (%s); using Auto", exc)
        return PRESETS["auto"]

    @Slot(bool)
    def _on_loader_preprocess_ready(self, available: bool) -> None:
        if not available:
            self.preprocess_dock.setWidget(QLabel("Preprocessing is not available in this installation."))
            return
        from ocr_desktop.gui.widgets.preprocess_panel import PreprocessPanel

        panel = PreprocessPanel(self)
        self.preprocess_panel = panel
        if isinstance(self.preprocess, str):
            self.preprocess = self._saved_preprocess()
        panel.set_settings(self._as_settings(self.page_preprocess(self._current_key)), emit=False)
        panel.set_preview_source_ready(self._current_page_image is not None)
        panel.settings_changed.connect(self._on_preprocess_panel_settings_changed)
        panel.apply_requested.connect(self._on_preprocess_panel_apply_requested)
        panel.show_processed.toggled.connect(self.act_processed.setChecked)
        self.act_processed.toggled.connect(panel.show_processed.setChecked)
        self.preprocess_dock.setWidget(panel)
        self.preprocess_panel_ready.emit()

    def _on_preprocess_panel_settings_changed(self, settings: Any) -> None:
        if not self.act_processed.isChecked():
            self.act_processed.setChecked(True)  # moving a slider means "show me"
        else:
            self.request_preview(settings)

    def _on_preprocess_panel_apply_requested(self, scope: str) -> None:
        panel = self.preprocess_panel
        if panel is None:
            return
        panel.flush()
        settings = panel.settings()
        if scope == "page" and self._current_key is not None:
            self._pages[self._current_key].preprocess = settings
            keys = [self._current_key]
        else:
            self.preprocess = settings
            for entry in self._pages.values():
                entry.preprocess = None
            preset = panel.preset_key()
            self.settings.set("preprocess/preset", preset)
            self.settings.set("preprocess/settings", "" if preset != "custom" else settings.to_json())
            keys = [self._current_key] if self._current_key is not None else []
        self._on_settings_changed()
        if keys:
            self.recognise_keys(keys)

    def request_preview(self, settings: Any = None) -> int:
        """Queue a preview of the current page with ``settings`` (the panel's by default)."""
        page = self._current_page_image
        if page is None or self._current_key is None:
            return 0
        if settings is None:
            settings = (
                self.preprocess_panel.settings()
                if self.preprocess_panel is not None
                else self._as_settings(self.page_preprocess(self._current_key))
            )
        self._preview_generation += 1
        gen = self._preview_generation
        self.preview_worker.note_generation(gen)  # lets the worker skip requests this one overtakes
        self._request_preview.emit(PreviewRequest(gen, self._current_key, page.image, page.dpi, settings))
        return gen

    @Slot(int, object, object, float)
    def _on_preview_worker_finished(self, generation: int, image: Any, notes: Any, scale: float) -> None:
        if generation != self._preview_generation:
            self.stale_previews_dropped += 1  # an answer to a request the user has moved past
            return
        self._processed = (generation, image, scale)
        if self.act_processed.isChecked():
            self.image_view.set_image(image, scale, keep_view=True)
        panel = self.preprocess_panel
        if panel is not None:
            settings = panel.settings()
            panel.set_notes(tuple(notes), auto=getattr(settings, "mode", "") == "auto")
            panel.set_error("")
            panel.previews_shown += 1
        self.preview_shown.emit(generation)

    @Slot(int, str)
    def _on_preview_worker_failed(self, generation: int, message: str) -> None:
        if generation == self._preview_generation and self.preprocess_panel is not None:
            self.preprocess_panel.set_error(message)

    def _on_processed_toggled(self, checked: bool) -> None:
        self.settings.set("view/show_processed", checked)
        if checked:
            if self._processed is not None and self._processed[0] == self._preview_generation:
                self.image_view.set_image(self._processed[1], self._processed[2], keep_view=True)
            else:
                self.request_preview()
        elif self._page_display is not None:
            self.image_view.set_image(self._page_display, keep_view=True)
        self.image_view.set_overlay_visible(not checked)

    # ================================================================== word ↔ image

    def _crop(self, bbox: tuple[int, int, int, int]) -> QImage | None:
        page = self._current_page_image
        if page is None:
            return None
        from ocr_desktop.gui.qt_image import array_to_qimage

        x, y, w, h = bbox
        pad = max(4, h // 3)
        H, W = page.image.shape[:2]
        x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(W, x + w + pad), min(H, y + h + pad)
        if x1 <= x0 or y1 <= y0:
            return None
        return array_to_qimage(page.image[y0:y1, x0:x1])

    def _words_in(self, cached: CachedResult, start: int, end: int) -> list[int]:
        return [i for i, w in enumerate(cached.result.words) if w.start < max(end, start + 1) and w.end > start]

    def _show_range_on_image(self, start: int, end: int, caption: str) -> None:
        cached = self.cached(self._current_key)
        if cached is None:
            return
        hits = self._words_in(cached, start, end)
        if not hits:
            self.proof_view.set_crop(None)
            return
        self.image_view.select_word(hits[0])
        boxes = [cached.result.words[i].bbox for i in hits]
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        self.proof_view.set_crop(self._crop((x0, y0, x1 - x0, y1 - y0)), caption)

    def next_suspect(self) -> int | None:
        """Select the next suspect in reading order; returns its index (None when there is none)."""
        proof = self.current_proof()
        if proof is None or not proof.suspects:
            self.set_status("No suspect words on this page.")
            return None
        order = sorted(range(len(proof.suspects)), key=lambda i: proof.suspects[i].start)
        current = getattr(self, "_suspect_index", None)
        pos = order.index(current) + 1 if current in order else 0
        index = order[pos % len(order)]
        self._suspect_index = index
        s = proof.suspects[index]
        self.proof_view.select_raw_range(s.start, s.end)
        self._show_range_on_image(s.start, s.end, f"Suspect {pos % len(order) + 1}/{len(order)}: "
                                                  f"{s.word} ({s.reason.replace('-', ' ')})")
        return index

    def show_suspect_suggestions(self) -> Any:
        """The suspect menu (suggestions, add to dictionary) for the suspect F9 selected, or the
        next one; opened beside the word in the final text. Returns the menu (None: no suspect)."""
        proof = self.current_proof()
        index = getattr(self, "_suspect_index", None)
        if proof is None or index is None or not 0 <= index < len(proof.suspects):
            index = self.next_suspect()
        if proof is None or index is None:
            return None
        return self.proof_view.open_suspect_menu(index)

    def _on_proof_view_current_changed(self, index: int) -> None:
        proof = self.current_proof()
        if proof is not None and 0 <= index < len(proof.corrections):
            c = proof.corrections[index]
            self._show_range_on_image(c.start, c.end, change_caption(c.before, c.after))
        self._update_actions()

    # ================================================================== theme

    def _apply_theme(self, theme: str, *, save: bool = False) -> None:
        from ocr_desktop.gui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
            self.proof_view.refresh()
        if save:
            self.settings.set("view/theme", theme)

    # ================================================================== out

    def _on_copy_triggered(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QPlainTextEdit) and focus.textCursor().hasSelection():
            focus.copy()
        else:
            self.copy_final_text()

    def copy_final_text(self) -> None:
        proof = self.current_proof()
        if proof is None:
            self.set_status("Nothing to copy yet.")
            return
        QGuiApplication.clipboard().setText(proof.final_text())
        self.set_status("Final text copied to the clipboard.")

    def copy_raw_text(self) -> None:
        cached = self.cached(self._current_key)
        if cached is None:
            return
        QGuiApplication.clipboard().setText(cached.result.text)
        self.set_status("Raw OCR text copied to the clipboard.")

    def _documents(self) -> list[Any]:
        """The open documents (a file, or one pasted image), in the order of the page list."""
        docs: list[Any] = []
        seen: set[int] = set()
        for key in self._order:
            doc = self._pages[key].document
            if id(doc) not in seen:
                seen.add(id(doc))
                docs.append(doc)
        return docs

    def _save_scope(self, all_documents: bool) -> Any:
        """The document a save writes (the current page's), or None for every open page."""
        entry = self._pages.get(self._current_key) if self._current_key is not None else None
        if all_documents or entry is None or len(self._documents()) < 2:
            return None
        return entry.document

    def _recognised_entries(self, document: Any = None) -> list[tuple[PageEntry, CachedResult]]:
        """Recognised pages in list order: of ``document``, or of all documents when None."""
        out = []
        for key in self._order:
            entry = self._pages[key]
            if document is not None and entry.document is not document:
                continue
            c = self.cached(key)
            if c is not None:
                out.append((entry, c))
        return out

    def final_text(self, document: Any = None) -> str:
        return PAGE_SEPARATOR.join(c.proof.final_text() for _e, c in self._recognised_entries(document))

    def json_document(self, document: Any = None) -> dict[str, Any]:
        from ocr_desktop.core.models import EnhancedResult, OcrResult, result_to_json

        groups: dict[str, list[tuple[PageEntry, CachedResult]]] = {}
        for entry, cached in self._recognised_entries(document):
            group = entry.source or f"<{entry.label}>"
            groups.setdefault(group, []).append((entry, cached))
        docs = []
        for group, items in groups.items():
            source = items[0][0].source
            lang = items[0][1].result.lang
            ocr = OcrResult(tuple(c.result for _e, c in items), source=source, lang=lang)
            enhanced = None
            if all(c.corrected is not None for _e, c in items):
                enhanced = EnhancedResult(tuple(c.corrected for _e, c in items), source=source)  # type: ignore[misc]
            doc = result_to_json(ocr, enhanced)
            if source is None:
                doc["name"] = group.strip("<>")
            for page_doc, (_entry, cached) in zip(doc["pages"], items, strict=True):
                proof = cached.proof
                status = {(c.start, c.end, c.before, c.after): proof.status[i] for i, c in enumerate(proof.corrections)}
                page_doc["final_text"] = proof.final_text()
                for cd in page_doc["corrections"]:
                    cd["status"] = status.get((cd["start"], cd["end"], cd["before"], cd["after"]), "rejected")
            docs.append(doc)
        if len(docs) == 1:
            return docs[0]
        return {"documents": docs}

    def save_text(self, path: str | Path, *, all_documents: bool = False) -> bool:
        """The final text of the current document (of every open one with ``all_documents``, or
        when only one is open) into ``path``."""

        def text(document: Any) -> str:
            t = self.final_text(document)
            return t if t.endswith("\n") or not t else t + "\n"

        return self._save(path, all_documents, text)

    def save_json(self, path: str | Path, *, all_documents: bool = False) -> bool:
        from ocr_desktop.core.export import json_dumps

        return self._save(path, all_documents, lambda document: json_dumps(self.json_document(document)))

    def _save(self, path: str | Path, all_documents: bool, content: Any) -> bool:
        """Write ``content(document)`` for the save's scope atomically; the pages saved are marked so."""
        from ocr_desktop.core.export import write_atomic

        document = self._save_scope(all_documents)
        if not self._recognised_entries(document):
            self.show_notice("Nothing to save: no page of this document has been recognised yet.")
            return False
        try:
            write_atomic(path, content(document))
        except Exception as exc:
            self.show_error(describe_error(exc))
            return False
        self._mark_saved(Path(path), document)
        return True

    def _mark_saved(self, path: Path, document: Any = None) -> None:
        saved_entries = self._recognised_entries(document)
        # every result of the saved pages, also those kept for other preprocessing settings
        keys = {e.key for e in self._pages.values() if document is None or e.document is document}
        results = [c for (key, _skey), c in self._results.items() if document is None or key in keys]
        self._learn_manual_edits(results)
        for cached in results:
            cached.proof.dirty = False
        self._saved_path = path
        self.settings.set("files/last_folder", str(path.parent))
        saved = len(saved_entries)
        pages = [k for k in self._order if document is None or self._pages[k].document is document]
        left = len(pages) - saved
        what = f"{saved} recognised page{'s' if saved != 1 else ''}"
        if document is not None:
            others = len(self._documents()) - 1
            what += f" of this document; {others} other document{'s' if others != 1 else ''} not in it"
        if left:
            # say which pages did not go into the file, rather than leave them out quietly
            what += f"; {left} page{'s' if left != 1 else ''} not recognised yet left out"
        self.set_status(f"Saved {path} ({what}).")
        self._update_title()

    def _suggested_name(self, suffix: str, all_documents: bool = False) -> str:
        entry = self._pages.get(self._current_key) if self._current_key is not None else None
        # a PDF page is labelled "scan.pdf p.2": its name is the document's, with the page number
        label = entry.label if entry else "ocr"
        doc, sep, page = label.rpartition(" p.")
        stem = f"{Path(doc).stem} p{page}" if sep and page.isdigit() else Path(label).stem
        if all_documents and len(self._documents()) > 1:
            stem = "all documents"
        folder = self.settings.get("files/last_folder") or str(Path.home())
        return str(Path(folder) / f"{stem}{suffix}")

    def save_text_dialog(self, all_documents: bool = False) -> bool:
        return self._save_dialog("text", ".txt", "Text (*.txt)", self.save_text, all_documents)

    def save_json_dialog(self, all_documents: bool = False) -> bool:
        return self._save_dialog("JSON", ".json", "JSON (*.json)", self.save_json, all_documents)

    def _save_dialog(self, what: str, suffix: str, file_filter: str, save: Any, all_documents: bool) -> bool:
        title = f"Save {what} of all documents" if all_documents else f"Save {what}"
        path, _ = QFileDialog.getSaveFileName(self, title, self._suggested_name(suffix, all_documents), file_filter)
        return bool(save(path, all_documents=all_documents)) if path else False

    # ================================================================== help

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for Help: every action's keys a person types (dedicated keys such as a
        keyboard's Copy or Open key also work, but are not listed), then the mouse."""
        names = {self.act_copy: "Copy the selection, or the final text when nothing is selected"}
        rows = []
        for act in self.actions():
            typed = [s for s in act.shortcuts() if is_typed_key(s)]
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in typed)
            if keys:
                rows.append((names.get(act, act.text().replace("&", "").rstrip("…")), keys))
        rows.append(("Zoom the page", "Mouse wheel"))
        rows.append(("Pan the page", "Drag with the mouse"))
        rows.append(("Select a word on the page and in both texts", "Click the word or its box"))
        rows.append(("Select a change", "Click it in either text"))
        return rows

    def show_shortcuts(self) -> None:
        from html import escape

        rows = "".join(f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>"
                       for name, keys in self.shortcut_rows())
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table cellspacing=4>{rows}</table>")
        box.open()

    def about_text(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        return (
            f"<h3>OCR Desktop {__version__}</h3>"
            "<p>Tesseract OCR with preprocessing and an OCR-aware corrector you proofread side by side.</p>"
            f"<p>Qt {qVersion()} · PySide6 {pyside_version} · Tesseract {self.tesseract_version}</p>"
            "<p>Licensed under the GPL, version 3 or later.</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About OCR Desktop", self.about_text())

    def open_log_file(self) -> bool:
        from ocr_desktop.paths import log_file

        path = log_file()
        if not path.exists():
            self.show_notice(f"There is no log file yet ({path}).")
            return False
        return self._open_with_desktop(path)

    def open_log_folder(self) -> bool:
        from ocr_desktop.paths import user_log_dir

        folder = user_log_dir()
        if not folder.is_dir():
            self.show_notice(f"There is no log folder yet ({folder}).")
            return False
        return self._open_with_desktop(folder)

    def _open_with_desktop(self, path: Path) -> bool:
        """A file or folder opened by the desktop, which gets the child environment (see gui.desktop)."""
        from ocr_desktop.gui.desktop import open_url

        if open_url(QUrl.fromLocalFile(str(path))):
            return True
        self.show_notice(f"No program to open {path} was found; it is at that path.")
        return False

    # ================================================================== session

    def offer_restore_later(self) -> None:
        """After start-up: offer to restore an autosaved session left by a crash or kill."""
        QTimer.singleShot(0, self.offer_restore)

    def offer_restore(self) -> bool:
        from ocr_desktop.gui.session.autosave import discard_session, read_session

        doc = read_session()
        if doc is None or not doc.get("pages"):
            return False
        n = sum(1 for p in doc["pages"] if p.get("result"))
        answer = QMessageBox.question(
            self,
            "Restore the last session?",
            f"OCR Desktop did not close normally last time. Restore its {len(doc['pages'])} page(s)"
            f" ({n} recognised, with your proofreading)?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return self.restore_session(doc)
        discard_session()
        return False

    def session_snapshot(self) -> Any:
        """What autosave needs, taken on the GUI thread without converting anything: references to
        the immutable OCR results plus each page's small proofreading state."""
        from ocr_desktop.gui.session.autosave import PageSnapshot, SessionSnapshot, session_dir

        pages = []
        for key in self._order:
            entry = self._pages[key]
            pasted = entry.source is None
            # a pasted image has no file: the writer keeps its pixels beside the session file
            source = str(session_dir() / f"pasted-{key}.png") if pasted else str(entry.source)
            pixels = None
            if pasted and not Path(source).exists():
                pixels = entry.document.page(0).image  # an in-memory document: no decoding
            cached = self.cached(key)
            pages.append(PageSnapshot(
                source=source, pasted=pasted, index=entry.index, label=entry.label,
                preprocess=self._preprocess_to_json(entry.preprocess),
                result_key=entry.shown_key if cached is not None else None,
                result=cached.result if cached is not None else None,
                corrected=cached.corrected if cached is not None else None,
                proof=cached.proof.state() if cached is not None else None,
                pixels=pixels,
            ))
        return SessionSnapshot(
            language=self.language_picker.code(),
            preprocess=self._preprocess_to_json(self.preprocess),
            current=self._order.index(self._current_key) if self._current_key in self._order else 0,
            pages=tuple(pages),
        )

    def session_document(self) -> dict[str, Any]:
        """Everything needed to bring this session back (see gui.session.autosave), converted here."""
        from ocr_desktop.gui.session.autosave import snapshot_document, write_pasted_pixels

        snapshot = self.session_snapshot()
        write_pasted_pixels(snapshot)
        return snapshot_document(snapshot)

    @staticmethod
    def _preprocess_to_json(value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return value.to_dict() if hasattr(value, "to_dict") else None

    @staticmethod
    def _preprocess_from_json(value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        from ocr_desktop.core.preprocess import PreprocessSettings

        return PreprocessSettings.from_dict(value)

    def autosave_now(self, *, force: bool = False) -> bool:
        """Hand a snapshot of the session to the writer thread when something changed since the last
        one (or ``force``). ``autosaved(path)`` follows once it is on disk. False: nothing to do, or a
        write is still running (the next tick tries again)."""
        if self._closing or not (self._autosave_dirty or force) or not self._order or self._autosave_in_flight:
            return False
        try:
            snapshot = self.session_snapshot()
        except Exception as exc:
            log.warning("autosave snapshot failed: %s", exc)
            return False
        self._autosave_dirty = False  # changes from now on go into the next snapshot
        self._autosave_in_flight = True
        self._request_autosave.emit(snapshot)
        return True

    @Slot(str)
    def _on_session_writer_finished(self, path: str) -> None:
        self._autosave_in_flight = False
        self.autosaved.emit(path)

    @Slot(str)
    def _on_session_writer_failed(self, _message: str) -> None:
        self._autosave_in_flight = False
        self._autosave_dirty = True  # try again on the next tick

    def restore_session(self, doc: dict[str, Any]) -> bool:
        """Reopen the pages of an autosaved session with their results and proofreading."""
        from ocr_desktop.core.image_io import ArrayDocument, open_document
        from ocr_desktop.gui.session.autosave import corrected_from_dict, page_result_from_dict

        self._learning = False
        restored = 0
        try:
            if doc.get("language"):
                self.language_picker.set_code(doc["language"], emit=False)
            try:
                if doc.get("preprocess") is not None:
                    self.preprocess = self._preprocess_from_json(doc["preprocess"])
            except Exception as exc:
                log.warning("session preprocessing unusable: %s", exc)
            documents: dict[str, Any] = {}
            keys = []
            for item in doc.get("pages", []):
                source = item.get("source")
                try:
                    if source not in documents:
                        if item.get("pasted"):
                            import numpy as np
                            from PIL import Image

                            with Image.open(source) as im:
                                documents[source] = ArrayDocument(np.asarray(im.convert("RGB")), name=item["label"])
                        else:
                            documents[source] = open_document(source)
                except Exception as exc:
                    self.show_error(f"Could not reopen {source}: {describe_error(exc)}")
                    continue
                document = documents[source]
                key = next(self._ids)
                entry = PageEntry(key, document, int(item.get("index", 0)), item.get("label") or str(source),
                                  None if item.get("pasted") else source)
                try:
                    entry.preprocess = self._preprocess_from_json(item.get("preprocess"))
                except Exception:
                    entry.preprocess = None
                self._pages[key] = entry
                self._order.append(key)
                self.page_list.add_page(key, entry.label)
                self._request_thumbnail.emit(PageRequest(0, key, document, entry.index))
                keys.append(key)
                if item.get("result"):
                    result = page_result_from_dict(item["result"])
                    corrected = corrected_from_dict(item.get("corrected"))
                    proof = self._make_proof(result, corrected)
                    proof.restore(item.get("proof") or {})
                    skey = item.get("result_key") or self.settings_key(key)
                    self._results[(key, skey)] = CachedResult(result, corrected, proof)
                    entry.shown_key = skey
                    entry.status = "done"
                    self._set_page_done_status(key)
                    restored += 1
            current = int(doc.get("current", 0))
            if keys:
                self.page_list.select_key(keys[min(max(0, current), len(keys) - 1)])
        finally:
            self._learning = True
        self._autosave_dirty = True
        self.set_status(f"Restored {len(self._order)} page(s) from the last session ({restored} recognised).")
        self._update_actions()
        return bool(self._order)

    # ================================================================== layout and closing

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get("window/state")
        # a state saved by an older layout (other docks, other defaults) is not restored
        restored = not state.isEmpty() and self.restoreState(state, LAYOUT_VERSION)
        if geometry.isEmpty():
            self.resize(self._default_size())
        if not restored:
            self.preprocess_dock.hide()
            self.resizeDocks([self.pages_dock], [180], Qt.Orientation.Horizontal)
            self.resizeDocks([self.preprocess_dock], [330], Qt.Orientation.Horizontal)
        splitter = self.settings.get("window/splitter")
        if splitter.isEmpty() or not restored or not self.splitter.restoreState(splitter):
            # image : texts about 4 : 5, so the page and both texts stay readable
            self.splitter.setSizes([540, 680])
        proof_splitter = self.settings.get("window/proof_splitter")
        if restored and not proof_splitter.isEmpty():
            self.proof_view.splitter.restoreState(proof_splitter)

    @staticmethod
    def _default_size() -> QSize:
        """1400×880, or less on a smaller screen."""
        screen = QGuiApplication.primaryScreen()
        size = QSize(1400, 880)
        if screen is not None:
            available = screen.availableGeometry().size()
            size = size.boundedTo(QSize(max(800, available.width() - 40), max(600, available.height() - 40)))
        return size

    def _save_layout(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.set("window/splitter", self.splitter.saveState())
        self.settings.set("window/proof_splitter", self.proof_view.splitter.saveState())
        self.settings.sync()

    def _on_preprocess_panel_toggled(self, visible: bool) -> None:
        if visible:
            self.preprocess_dock.raise_()  # in front when it shares a tab with another dock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize and not self.preprocess_dock.isHidden():
            # the panel is there to tune what Tesseract sees: when its dock (or a smaller window)
            # takes room, the image must not be the part squeezed to a strip (after the splitter
            # has shared out the new width itself)
            QTimer.singleShot(0, self, self._keep_room_for_the_image)
        return super().eventFilter(watched, event)

    def _keep_room_for_the_image(self, again: bool = True) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if len(sizes) == 2 and sizes[0] < IMAGE_MIN_WIDTH_WITH_PANEL and sizes[0] < sizes[1]:
            image = min(total * 11 // 20, max(sizes[0], IMAGE_MIN_WIDTH_WITH_PANEL))
            self.splitter.setSizes([image, total - image])
            if again and self.splitter.sizes()[0] < image:
                # the texts' view gets narrower only once it has stacked them (on its resize)
                QTimer.singleShot(0, self, lambda: self._keep_room_for_the_image(again=False))

    def ask_unsaved(self) -> bool:
        """True when closing may go on (saved or discarded), False to keep the window open."""
        if not self.confirm_close or not self.has_unsaved_work():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved proofreading",
            "You have proofreading decisions or edits that are not saved. Save them before closing?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            # every open document: the window closes only when nothing is left unsaved
            return self.save_text_dialog(all_documents=True) and not self.has_unsaved_work()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and not self.ask_unsaved():
            event.ignore()
            return
        # edits are learned when saved (``_mark_saved``): a discarded page teaches nothing
        self._save_layout()
        self.shutdown()
        if self._autosave_enabled:
            from ocr_desktop.gui.session.autosave import discard_session

            discard_session()  # a normal close: nothing to restore next time
        event.accept()

    def shutdown(self) -> None:
        """Stop every worker thread (cancelling a running recognition). Safe to call twice."""
        self._closing = True
        self._autosave_timer.stop()
        if self._job is not None:
            self._job.cancel.cancel()
        for t in self._threads:
            t.stop(10_000)
        for entry in self._pages.values():
            try:
                entry.document.close()
            except Exception:
                log.debug("closing a document failed", exc_info=True)


def key_sequences(shortcut: QKeySequence | str | QKeySequence.StandardKey | list[Any]) -> list[QKeySequence]:
    """Every binding of a shortcut: a standard key brings all of the platform's (Redo: Ctrl+Y and
    Ctrl+Shift+Z), a list is flattened, duplicates dropped; empty parts are left out."""
    parts = shortcut if isinstance(shortcut, list) else [shortcut]
    out: list[QKeySequence] = []
    for part in parts:
        if isinstance(part, QKeySequence.StandardKey):
            seqs = QKeySequence.keyBindings(part)
        else:
            seqs = [part if isinstance(part, QKeySequence) else QKeySequence(part)]
        for seq in seqs:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out


def is_typed_key(seq: QKeySequence) -> bool:
    """A combination typed on an ordinary keyboard (letters, F1–F12, Esc, arrows...), not a
    dedicated key (F13+, Open, Copy, Zoom In...)."""
    if seq.isEmpty():
        return False
    first: QKeyCombination = seq[0]  # type: ignore[index]  # PySide6 6.11 stubs lack QKeySequence.__getitem__
    return first.key().value <= Qt.Key.Key_F12.value


def change_caption(before: str, after: str) -> str:
    """'retum' → 'return'; a deletion or insertion said in words (an empty side reads as nothing)."""
    if not after.strip():
        return f"remove {before.strip()!r}"
    if not before.strip():
        return f"insert {after.strip()!r}"
    return f"{before.strip()!r} → {after.strip()!r}"


def schedule(ms: int, fn: Any) -> None:
    QTimer.singleShot(ms, fn)
