"""The replay harness's own rules: ID mapping in one pass, object kinds by shape, ties, resources."""

from __future__ import annotations

from pathlib import Path

from tests.golden.compare import Mapper, flatten
from tests.golden.report import Difference, Report, Tally
from tests.golden.site import IdMap, Site, kind_of, resource_of


def _mapper(ids: IdMap) -> Mapper:
    site = Site(name="example", export=Path("export.xml"), ties=(("term", frozenset({26, 67})),))
    site.__dict__["host"] = "http://golden.test"  # what its _meta.json would give
    return Mapper(site, ids, "http://ours.test")


def test_urls_are_mapped_once_even_when_golden_and_our_ids_overlap() -> None:
    mapper = _mapper(IdMap(posts={5: 7, 7: 9}, users={2: 1}, terms={16: 3}, comments={4: 5}))

    url = "http://golden.test/wp-json/wp/v2/posts/5?categories=16&parent=7#comment-4"

    assert mapper.url(url) == "http://ours.test/wp-json/wp/v2/posts/7?categories=3&parent=9#comment-5"
    assert mapper.url("/wp/v2/comments?parent=4&post=5") == "/wp/v2/comments?parent=5&post=7"
    assert mapper.url("/wp/v2/users/2") == "/wp/v2/users/1"


def test_fields_are_mapped_by_the_kind_of_object_that_holds_them() -> None:
    mapper = _mapper(IdMap(posts={5: 7}, users={2: 1}, terms={5: 30}, comments={5: 50}))
    post = {"id": 5, "author": 2, "parent": 5, "categories": [5], "_links": {"self": [{"href": "/wp/v2/posts/5"}]}}
    comment = {"id": 5, "post": 5, "parent": 0, "author": 2, "author_name": "Ann"}
    term = {"id": 5, "parent": 5, "taxonomy": "category", "slug": "news"}

    assert mapper.body(post) == {
        "id": 7, "author": 1, "parent": 7, "categories": [30], "_links": {"self": [{"href": "/wp/v2/posts/7"}]},
    }  # fmt: skip
    assert mapper.body(comment) == {"id": 50, "post": 7, "parent": 0, "author": 1, "author_name": "Ann"}
    assert mapper.body(term)["id"] == mapper.body(term)["parent"] == 30


def test_kinds_by_shape() -> None:
    assert kind_of({"id": 1, "author_name": "Ann", "avatar_urls": {}}) == "comment"
    assert kind_of({"id": 1, "avatar_urls": {}, "slug": "ann"}) == "user"
    assert kind_of({"id": 1, "taxonomy": "post_tag"}) == "term"
    assert kind_of({"id": 1, "title": "Gallery", "url": "/", "type": "post", "subtype": "post"}) == "post"
    assert kind_of({"id": 1, "title": "gallery", "url": "/tag/gallery/", "type": "post_tag"}) == "term"
    assert kind_of({"id": 1, "title": {"rendered": "Hello"}, "type": "post"}) == "post"


def test_only_the_named_ties_may_swap() -> None:
    mapper = _mapper(IdMap(terms={26: 260, 67: 670}))

    assert mapper.untied([1, 260, 670], [1, 670, 260]) == [1, 260, 670]
    assert mapper.untied([1, 260, 2], [2, 260, 1]) == [2, 260, 1]
    assert mapper.untied([{"a": 1}], [{"a": 2}]) == [{"a": 2}]


def test_collections_are_compared_item_by_item() -> None:
    leaves = dict(flatten([{"id": 3, "title": {"rendered": "T"}, "acf": {"x": 1}}, {"id": 1, "tags": []}]))

    assert leaves == {
        "[ids]": [3, 1], "[id=3].id": 3, "[id=3].title.rendered": "T", "[id=1].id": 1, "[id=1].tags": [],
    }  # fmt: skip


def test_tallies_split_by_resource() -> None:
    tally = Tally()
    tally.add("a.json", "status", 200, 200)
    tally.add("a.json", "id", 1, 2)
    tally.add("b.json", "status", 200, 200)
    requests = {"a.json": "/wp-json/wp/v2/posts?_embed&per_page=5", "b.json": "/?rest_route=/wp/v2/users/1"}

    parts = tally.split(lambda name: resource_of(requests[name]))

    assert {name: (part.checked, len(part.differences)) for name, part in parts.items()} == {
        "posts?_embed": (2, 1),
        "users": (1, 0),
    }
    assert resource_of("/wp-json/") == "/"


def test_a_route_names_the_kind_of_objects_a_fields_answer_keeps_too_few_keys_for() -> None:
    from tests.golden.sites import SITE_A

    fields_only = {"id": 6, "slug": "guidance", "link": "http://example.test/category/guidance/"}
    assert kind_of(fields_only) == "post"  # its shape alone says nothing
    assert kind_of(fields_only, SITE_A.kind_of_route("/wp-json/wp/v2/categories?_fields=id,slug,link")) == "term"
    assert SITE_A.kind_of_route("/wp-json/wp/v2/users?_embed&per_page=5") == "user"
    assert SITE_A.kind_of_route("/wp-json/wp/v2/comments?_fields=id") == "comment"
    assert SITE_A.kind_of_route("/wp-json/wp/v2/events/5") == "post"
    assert SITE_A.kind_of_route("/wp-json/wp/v2/search?search=x") == ""


def test_fields_of_one_item_go_apart_wherever_the_item_is_shown() -> None:
    site = Site(name="x", export=Path("x.xml"), apart_item_fields={5: {"media_details.sizes": "re-made"}})
    assert site.field_tally_title("[id=5].media_details.sizes.large.file") == "re-made"
    assert site.field_tally_title("[id=9]._embedded.wp:featuredmedia[id=5].media_details.sizes") == "re-made"
    assert site.field_tally_title("media_details.sizes.full.width", lambda number: 5 if number is None else number)
    assert site.field_tally_title("[id=5].media_details.sizes_other") is None
    assert site.field_tally_title("[id=6].media_details.sizes.large.file") is None
    assert site.field_tally_title("[id=5].media_details.width") is None


def test_a_posts_content_counts_from_the_answer_that_shows_it_best() -> None:
    report = Report("example")

    def differing(request: str) -> Difference:
        return Difference(request, "[id=5].content.rendered", "<p>a</p>", "<p>b</p>")

    report.add_content(5, differing("title-order.json"), 0)  # our page of that list does not hold it
    report.add_content(5, differing("other-order.json"), 1)
    assert report.content[5] == differing("other-order.json")
    report.add_content(5, None, 2)  # a list in our order: no gallery counter of an earlier post differs
    report.add_content(5, differing("later-same-order.json"), 2)
    assert report.content[5] is None
    report.add_content(5, differing("single.json"), 3)
    assert report.content_differences() == [5]
