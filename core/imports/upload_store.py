"""Where an admin upload waits between its preview and its confirmation.

django-import-export writes the uploaded file to a "tmp storage", puts the
storage's name of it into a hidden field of the confirm page, and on
confirmation reads and then deletes the file of the name posted back. With
its default TempFolderStorage that name is a path in the system's temp
folder, and any name the client posts is read and deleted.

Here the name is never a path and never the client's choice:

- `PrivateUploadStorage` keeps each upload under a random id (uuid4 hex) in
  a private folder of the project's storage (the "import_export" entry of
  STORAGES if there is one, else the default: MEDIA_ROOT/private/imports,
  or the private S3 bucket), and refuses any other name;
- `SessionBoundImportMixin` remembers each id it hands out in the session
  of the user who uploaded it, with the model it is for, and confirms only
  such an id, once; anything else is refused with a Russian message and
  touches no file.
"""

import contextvars
import datetime
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.tmp_storages import MediaStorage

UPLOAD_ID = re.compile(r"[0-9a-f]{32}")
FOLDER = "private/imports"
# Uploads a session waits to confirm; an older one is dropped, with its file.
MAX_PENDING = 5
# A file nobody confirmed (the tab was closed) is removed after this long.
MAX_AGE = datetime.timedelta(days=1)
SESSION_KEY = "pending_imports"

REFUSED_TITLE = "Загрузка не найдена"
REFUSED_TEXT = (
    "Этот файл не был загружен в вашем сеансе для этого раздела или уже "
    "загружен в реестр. Загрузите файл снова."
)


def is_upload_id(name) -> bool:
    return isinstance(name, str) and UPLOAD_ID.fullmatch(name) is not None


class PrivateUploadStorage(MediaStorage):
    """The library's MediaStorage, in a private folder, named only by a
    random id."""

    def __init__(self, **kwargs):
        name = kwargs.get("name")
        if name is not None and not is_upload_id(name):
            raise SuspiciousFileOperation("An import upload is named by its id only.")
        kwargs["MEDIA_FOLDER"] = FOLDER
        super().__init__(**kwargs)

    def save(self, data):
        self.prune()
        if not self.name:
            self.name = uuid.uuid4().hex
        path = self.get_full_path()
        saved = self._storage.save(path, ContentFile(data))
        if saved != path:  # the storage picked another name: never read it as ours
            self._storage.delete(saved)
            raise SuspiciousFileOperation("An import upload id is already taken.")

    def prune(self, oldest=None) -> None:
        """Remove the uploads older than MAX_AGE (or than `oldest`):
        previews never confirmed."""
        oldest = oldest or timezone.now() - MAX_AGE
        try:
            _dirs, files = self._storage.listdir(FOLDER)
        except (FileNotFoundError, NotImplementedError):
            return
        for name in files:
            if not is_upload_id(name):
                continue
            path = f"{FOLDER}/{name}"
            try:
                if self._storage.get_modified_time(path) < oldest:
                    self._storage.delete(path)
            except (FileNotFoundError, NotImplementedError):
                continue

    def remove_all(self) -> None:
        """Remove every waiting upload (personal data is being destroyed:
        a file not yet confirmed may name the person)."""
        self.prune(oldest=timezone.now() + MAX_AGE)


def _label(model) -> str:
    return model._meta.label_lower


def _pending(request) -> list[list]:
    entries = request.session.get(SESSION_KEY, [])
    return [e for e in entries if isinstance(e, list) and len(e) == 3]


def remember(request, model, name: str) -> None:
    """Note in the session that this user may confirm upload `name` of `model`."""
    entries = _pending(request) + [[request.user.pk, _label(model), name]]
    for _user, _model, dropped in entries[:-MAX_PENDING]:
        if is_upload_id(dropped):
            PrivateUploadStorage(name=dropped).remove()
    request.session[SESSION_KEY] = entries[-MAX_PENDING:]


def forget(request, name: str) -> None:
    request.session[SESSION_KEY] = [e for e in _pending(request) if e[2] != name]


def take(request, model, name) -> bool:
    """Whether `name` is an upload of `model` this user made in this
    session; it is forgotten then, so that it is confirmed only once."""
    if not is_upload_id(name):
        return False
    entry = [request.user.pk, _label(model), name]
    if entry not in _pending(request):
        return False
    forget(request, name)
    return True


@dataclass
class _Upload:
    request: object
    written: list[str] = field(default_factory=list)


# The admin request an import_action is handling, for write_to_tmp_storage,
# which the library calls without it.
_current: contextvars.ContextVar[_Upload | None] = contextvars.ContextVar(
    "import_upload", default=None)


class SessionBoundImportMixin:
    """Mixed into an ImportMixin admin: uploads are kept by
    PrivateUploadStorage and confirmed only by the session that made them."""

    tmp_storage_class = PrivateUploadStorage

    def get_tmp_storage_class(self):
        storage_class = super().get_tmp_storage_class()
        if not issubclass(storage_class, PrivateUploadStorage):
            raise ImproperlyConfigured("Admin imports need PrivateUploadStorage.")
        return storage_class

    def import_action(self, request, **kwargs):
        upload = _Upload(request)
        token = _current.set(upload)
        offered = False
        try:
            response = super().import_action(request, **kwargs)
            offered = "confirm_form" in (getattr(response, "context_data", None) or {})
        finally:
            _current.reset(token)
            if not offered:  # errors in the file: nothing to confirm, keep nothing
                for name in upload.written:
                    forget(request, name)
                    PrivateUploadStorage(name=name).remove()
        return response

    def write_to_tmp_storage(self, import_file, input_format):
        upload = _current.get()
        if upload is None:
            raise ImproperlyConfigured("write_to_tmp_storage() outside import_action().")
        tmp_storage = super().write_to_tmp_storage(import_file, input_format)
        upload.written.append(tmp_storage.name)
        remember(upload.request, self.model, tmp_storage.name)
        return tmp_storage

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request) or not self.create_confirm_form(
                request).is_valid():
            # The library's 403, or its page of form errors: it reads no file.
            return super().process_import(request, **kwargs)
        name = request.POST.get("import_file_name", "")
        if not take(request, self.model, name):
            return self.refuse_import(request)
        try:
            return super().process_import(request, **kwargs)
        finally:
            PrivateUploadStorage(name=name).remove()  # spent, whatever happened

    def refuse_import(self, request):
        context = {
            **self.admin_site.each_context(request),
            "title": REFUSED_TITLE,
            "subtitle": REFUSED_TEXT,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/base_site.html", context, status=400)
