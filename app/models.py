"""Every table, imported once so that metadata (Alembic, tests) sees the whole schema."""

from app.acf.models import AcfField, AcfFieldGroup
from app.comments.models import Comment, CommentMeta
from app.content.models import (
    CustomCss,
    CustomizeChangeset,
    Entry,
    EntryMeta,
    ImportSource,
    OembedCache,
    OldUrl,
    ReusableBlock,
    UserRequest,
)
from app.core.content_version import SiteState
from app.core.db import metadata
from app.events.models import Event
from app.imports.models import ImportRecord, ImportRun
from app.media.models import Attachment
from app.menus.models import MenuItem
from app.options.models import Option
from app.taxonomy.models import Term, TermMeta, TermRelationship
from app.users.models import User, UserMeta

__all__ = [
    "AcfField",
    "AcfFieldGroup",
    "Attachment",
    "Comment",
    "CommentMeta",
    "CustomCss",
    "CustomizeChangeset",
    "Entry",
    "EntryMeta",
    "Event",
    "ImportRecord",
    "ImportRun",
    "ImportSource",
    "MenuItem",
    "OembedCache",
    "OldUrl",
    "Option",
    "ReusableBlock",
    "SiteState",
    "Term",
    "TermMeta",
    "TermRelationship",
    "User",
    "UserMeta",
    "UserRequest",
    "metadata",
]
