"""Media files copied and checked, links to old uploads rewritten; event dates from the plugin's feed or table."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import Session

from app.content.models import Entry
from app.core.settings import get_settings
from app.events.models import Event
from app.media.models import Attachment
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import export, item, meta

UPLOADS = "https://example.com/wp-content/uploads"


def _attachment(post_id: int, file: str, sizes: str = "a:0:{}") -> str:
    metadata = f'a:4:{{s:5:"width";i:40;s:6:"height";i:30;s:4:"file";s:{len(file)}:"{file}";s:5:"sizes";{sizes}}}'
    return item(
        post_id,
        post_type="attachment",
        status="inherit",
        attachment_url=f"{UPLOADS}/{file}",
        metas=[meta("_wp_attached_file", file), meta("_wp_attachment_metadata", metadata)],
    )


def test_files_are_copied_checked_and_old_upload_links_rewritten(session: Session, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    Image.new("RGB", (40, 30), "navy").save(uploads / "photo.png")
    Image.new("RGB", (20, 15), "navy").save(uploads / "photo-20x15.png")
    Image.new("RGB", (10, 10), "red").save(uploads / "fake.jpg", format="PNG")
    sizes = 'a:1:{s:5:"small";a:3:{s:4:"file";s:15:"photo-20x15.png";s:5:"width";i:20;s:6:"height";i:15;}}'
    content = (
        f'<img src="{UPLOADS}/2024/03/photo.png"><a href="#notes">notes</a>'
        f'<a href="{UPLOADS}/2024/03/gone.pdf">gone</a><a href="https://other.example/wp-content/uploads/x.png">x</a>'
    )
    path = export(
        tmp_path,
        _attachment(10, "2024/03/photo.png", sizes),
        _attachment(11, "2024/03/fake.jpg"),
        _attachment(12, "2024/03/missing.png"),
        item(20, content=content),
    )
    report = import_wxr(path, "--uploads-dir", tmp_path / "uploads", report=tmp_path / "r.json")

    media_root = get_settings().media_root
    assert (media_root / "2024/03/photo.png").read_bytes() == (uploads / "photo.png").read_bytes()
    assert (media_root / "2024/03/photo-20x15.png").is_file()
    photo = session.get(Attachment, 10)
    assert photo is not None
    assert photo.is_stored
    assert len(photo.sha256) == 64
    assert photo.filesize
    assert report["media"]["missing_files"]["items"] == [{"attachment": 12, "file": "2024/03/missing.png"}]
    assert [m["attachment"] for m in report["media"]["mime_mismatches"]["items"]] == [11]
    rewritten = session.get(Entry, 20).content  # type: ignore[union-attr]
    site = get_settings().site_url
    assert f'<img src="{site}/wp-content/uploads/2024/03/photo.png">' in rewritten
    assert '<a href="#notes">' in rewritten
    assert f'href="{UPLOADS}/2024/03/gone.pdf"' in rewritten, "links to files we do not have stay as they were"
    assert "https://other.example/wp-content/uploads/x.png" in rewritten


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Time.ly//All-in-One Event Calendar Plugin//EN
X-WR-TIMEZONE:Europe/Zurich
BEGIN:VEVENT
UID:ai1ec-30@example.com
DTSTAMP:20240101T000000Z
DTSTART;TZID=Europe/Zurich:20240603T090000
DTEND;TZID=Europe/Zurich:20240603T110000
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Webinar
LOCATION:Palais des Nations @ Avenue de la Paix 8\\, Geneva
X-COST:10
END:VEVENT
END:VCALENDAR
"""


def test_event_dates_come_from_the_feed_and_events_without_them_are_reported(session: Session, tmp_path: Path) -> None:
    feed = tmp_path / "events.ics"
    feed.write_text(ICS.replace("\n", "\r\n"))
    path = export(tmp_path, item(30, post_type="ai1ec_event"), item(31, post_type="ai1ec_event", title="No dates"))
    report = import_wxr(path, "--events-ics", feed, report=tmp_path / "r.json")

    event = session.get(Event, 30)
    assert event is not None
    assert event.starts_at == datetime(2024, 6, 3, 7, 0, tzinfo=UTC)
    assert (event.timezone_name, event.recurrence_rules, event.venue) == (
        "Europe/Zurich",
        "FREQ=WEEKLY;COUNT=4",
        "Palais des Nations",
    )
    assert report["events"]["with_dates"] == 1
    assert report["events"]["without_dates"]["items"] == [{"id": 31, "title": "No dates"}]
    undated = session.get(Event, 31)
    assert undated is not None
    assert undated.starts_at is None


def test_event_dates_come_from_a_dump_of_the_plugin_table(session: Session, tmp_path: Path) -> None:
    table = tmp_path / "ai1ec_events.csv"
    columns = [
        "post_id",
        "start",
        "end",
        "timezone_name",
        "allday",
        "instant_event",
        "recurrence_rules",
        "exception_rules",
        "recurrence_dates",
        "exception_dates",
        "venue",
        "country",
        "address",
        "city",
        "province",
        "postal_code",
        "show_map",
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_url",
        "cost",
        "ticket_url",
        "ical_feed_url",
        "ical_source_url",
        "ical_organizer",
        "ical_contact",
        "ical_uid",
        "show_coordinates",
        "latitude",
        "longitude",
        "force_regenerate",
    ]
    row = dict.fromkeys(columns, "")
    row.update(
        post_id="40",
        start="1717398000",
        end="1717405200",
        timezone_name="Asia/Bangkok",
        allday="0",
        instant_event="0",
        venue="UNCC",
        cost='a:2:{s:4:"cost";s:0:"";s:7:"is_free";b:1;}',
        show_map="1",
        show_coordinates="1",
        latitude="13.759000",
        longitude="100.508000",
        force_regenerate="0",
    )
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerow(row)
    import_wxr(export(tmp_path, item(40, post_type="ai1ec_event")), "--events-table", table, report=tmp_path / "r.json")
    event = session.get(Event, 40)
    assert event is not None
    assert event.starts_at == datetime.fromtimestamp(1717398000, tz=UTC)
    assert (event.is_free, event.venue, event.latitude, event.timezone_name) == (True, "UNCC", 13.759, "Asia/Bangkok")


def test_linked_files_are_served_even_when_no_attachment_of_the_export_names_their_file(
    client: TestClient, tmp_path: Path
) -> None:
    # WordPress.com and other tools export attachments without _wp_attached_file (WordPress's importer takes the
    # file from the URL), and content may link an uploaded file no attachment names. Links were pointed at this
    # site's copies, yet those files were never copied: every such link answered 404, and no file was reported.
    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    Image.new("RGB", (4, 3), "navy").save(uploads / "no-meta.png")
    Image.new("RGB", (4, 3), "red").save(uploads / "by-hand.png")
    bare = [f"{UPLOADS}/2024/03/{name}" for name in ("no-meta.png", "gone.png")]
    attachments = [
        item(10 + n, post_type="attachment", status="inherit", attachment_url=url) for n, url in enumerate(bare)
    ]
    post = item(20, content=f'<img src="{UPLOADS}/2024/03/no-meta.png"><img src="{UPLOADS}/2024/03/by-hand.png">')

    report = import_wxr(
        export(tmp_path, *attachments, post), "--uploads-dir", tmp_path / "uploads", report=tmp_path / "r.json"
    )

    links = re.findall(r'src="([^"]+)"', client.get("/wp-json/wp/v2/posts/20").json()["content"]["rendered"])
    assert [client.get(urlsplit(link).path).status_code for link in links] == [200, 200]
    assert client.get("/wp-json/wp/v2/media/10").json()["source_url"] == links[0]
    assert report["media"]["missing_files"]["items"] == [{"attachment": 11, "file": "2024/03/gone.png"}]


def test_sub_sizes_the_uploads_copy_lacks_keep_the_old_sites_urls(client: TestClient, tmp_path: Path) -> None:
    # WordPress names every sub-size in the metadata, but a copy of wp-content/uploads may lack some (PDF previews
    # made by Imagick, sizes deleted by a cleanup plugin). Their URLs pointed at this site, where nothing answers.
    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    Image.new("RGB", (40, 30), "navy").save(uploads / "photo.png")
    Image.new("RGB", (20, 15), "navy").save(uploads / "photo-20x15.png")
    sizes = (
        'a:2:{s:9:"thumbnail";a:3:{s:4:"file";s:15:"photo-20x15.png";s:5:"width";i:20;s:6:"height";i:15;}'
        's:6:"medium";a:3:{s:4:"file";s:15:"photo-30x23.png";s:5:"width";i:30;s:6:"height";i:23;}}'
    )
    post = item(20, content='<img class="wp-image-10" src="' + UPLOADS + '/2024/03/photo.png" width="40" height="30">')
    report = import_wxr(
        export(tmp_path, _attachment(10, "2024/03/photo.png", sizes), post),
        "--uploads-dir",
        tmp_path / "uploads",
        report=tmp_path / "r.json",
    )

    site = get_settings().site_url
    media = client.get("/wp-json/wp/v2/media/10").json()
    assert media["source_url"] == f"{site}/wp-content/uploads/2024/03/photo.png"
    sizes_answered = media["media_details"]["sizes"]
    assert sizes_answered["thumbnail"]["source_url"] == f"{site}/wp-content/uploads/2024/03/photo-20x15.png"
    assert sizes_answered["medium"]["source_url"] == f"{UPLOADS}/2024/03/photo-30x23.png"
    assert client.get(urlsplit(sizes_answered["thumbnail"]["source_url"]).path).status_code == 200
    srcset = re.search(r'srcset="([^"]+)"', client.get("/wp-json/wp/v2/posts/20").json()["content"]["rendered"])
    assert srcset is not None
    assert f"{UPLOADS}/2024/03/photo-30x23.png 30w" in srcset.group(1)
    assert f"{site}/wp-content/uploads/2024/03/photo-20x15.png 20w" in srcset.group(1)
    assert report["media"]["missing_files"]["items"] == [{"attachment": 10, "file": "2024/03/photo-30x23.png"}]
