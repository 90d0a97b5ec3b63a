"""Which exports are read, and which site they come from."""

import pytest
from django.core.management import CommandError

from articles.models import Article, Author, ImportedObject, Section
from tests.helpers.wordpress import EXPORTS, counts, edited, run_import

pytestmark = pytest.mark.django_db

NO_SITE = EXPORTS / "no-site-address.xml"
NO_VERSION = EXPORTS / "no-wxr-version.xml"


def test_an_export_naming_no_site_is_the_site_of_its_first_post(client):
    summary, _ = run_import(NO_SITE)
    assert summary.startswith("Imported http://pump.example.net (WXR 1.1).")
    assert "the export names no site" in summary
    ref = ImportedObject.objects.get(kind="post", key="5")
    assert ref.source == "http://pump.example.net"
    article = Article.objects.get(pk=ref.object_id)
    assert article.headline == "Bell ringers wanted"
    response = client.get("/2013/02/bell-ringers/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200

    summary, _ = run_import(NO_SITE)
    assert Article.objects.count() == 1
    assert "  Articles: 0 created, 1 updated" in summary.splitlines()


def test_an_export_with_no_address_at_all_is_known_by_its_title(tmp_path):
    bare = edited(
        NO_SITE,
        tmp_path,
        {
            "<link>http://pump.example.net/2013/02/bell-ringers/</link>": "",
            '<guid isPermaLink="false">http://pump.example.net/?p=5</guid>': "",
        },
    )
    summary, _ = run_import(bare)
    assert summary.startswith("Imported export:The Parish Pump (WXR 1.1).")
    assert ImportedObject.objects.get(kind="post", key="5").source == "export:The Parish Pump"
    run_import(bare)
    assert Article.objects.count() == 1


def test_an_export_without_a_wxr_version_is_refused_and_nothing_changes():
    with pytest.raises(CommandError) as refused:
        run_import(NO_VERSION)
    assert str(refused.value) == (
        "no-wxr-version.xml cannot be imported: this is not a WordPress export: it has no "
        "<wp:wxr_version> (WordPress's own importer refuses such a file too). "
        "Nothing was imported."
    )
    assert set(counts().values()) == {0}


def versioned(tmp_path, version):
    wxr_version = f"<wp:wxr_version>{version}</wp:wxr_version>"
    return edited(
        NO_VERSION, tmp_path, {"<title>Versionless</title>": f"<title>V</title>{wxr_version}"}
    )


@pytest.mark.parametrize("version", ["", "abc", "1.2-beta", "1"])
def test_an_export_whose_wxr_version_is_not_a_version_number_is_refused(tmp_path, version):
    export = versioned(tmp_path, version)
    with pytest.raises(CommandError, match="wxr_version") as refused:
        run_import(export)
    if version:
        assert f"its <wp:wxr_version> “{version}” is not a version number" in str(refused.value)
    assert not Author.objects.exists()
    assert not Section.objects.exists()


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_wxr_versions_wordpress_writes_are_read(tmp_path, version):
    export = versioned(tmp_path, version)
    summary, _ = run_import(export)
    assert summary.startswith(f"Imported https://versionless.example.org (WXR {version}).")
    assert Article.objects.get().headline == "A post"
