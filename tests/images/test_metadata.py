"""Clean public files: no camera metadata or GPS, the orientation applied, captions and
credits read from XMP and IPTC."""

import io
import struct

import pytest
from PIL import ExifTags, Image

from images import library as images
from images.models import CaptionedImage, Rendition
from tests.helpers.pictures import camera_jpeg, encoded, upload

pytestmark = pytest.mark.django_db


XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Reuters">'
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Divers search the harbour'
    "</rdf:li></rdf:Alt></dc:description><dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li>"
    "</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def iptc_jpeg(caption, byline, credit):
    """A JPEG carrying an IPTC record in its Photoshop (APP13) segment."""

    def dataset(number, value):
        data = value.encode()
        return bytes([0x1C, 2, number]) + struct.pack(">H", len(data)) + data

    iptc = dataset(120, caption) + dataset(80, byline) + dataset(110, credit)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    resource += iptc + (b"\x00" if len(iptc) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    jpeg = encoded("JPEG")
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def test_public_files_carry_no_metadata_and_no_gps(editor_client):
    data = camera_jpeg()
    with Image.open(io.BytesIO(data)) as sent:  # the test file really has them
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert sent.getexif()[ExifTags.Base.Make] == "NewsCam"
    response = upload(editor_client, data, "IMG_0001.JPG")
    assert response.status_code == 302
    image = CaptionedImage.objects.get()
    images.make_renditions(image)
    files = [image.image] + [r.file for r in Rendition.objects.filter(image=image)]
    assert len(files) > 3
    for stored in files:
        raw = stored.read()
        stored.close()
        assert b"NewsCam" not in raw
        assert b"Exif" not in raw
        with Image.open(io.BytesIO(raw)) as picture:
            assert not picture.getexif()
            assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert not {"exif", "xmp", "icc_profile", "photoshop"} & set(picture.info)


def test_orientation_is_applied(editor_client):
    # Orientation 6: shown turned a quarter clockwise, so the left half is on top.
    assert upload(editor_client, camera_jpeg(orientation=6), "upright.jpg").status_code == 302
    image = CaptionedImage.objects.get()
    assert (image.width, image.height) == (100, 200)
    with Image.open(image.image) as picture:
        top, bottom = picture.getpixel((50, 20)), picture.getpixel((50, 180))
    assert top[0] > 200
    assert top[2] < 60
    assert bottom[2] > 200
    assert bottom[0] < 60


def test_caption_and_credit_come_from_xmp(editor_client):
    data = encoded("JPEG", xmp=XMP.encode())
    assert upload(editor_client, data, "agency.jpg").status_code == 302
    image = CaptionedImage.objects.get()
    assert image.caption == "Divers search the harbour"
    assert image.credit == "Jane Doe / Reuters"
    assert b"Reuters" not in image.image.read()


def test_caption_and_credit_come_from_iptc_but_never_overwrite_the_editor(editor_client):
    data = iptc_jpeg("Crowds at the gate", "Sam Roe", "AP")
    with Image.open(io.BytesIO(data)) as sent:
        assert images.read_credits(sent) == ("Crowds at the gate", "Sam Roe / AP")
    assert upload(editor_client, data, "wire.jpg", credit="Our photographer").status_code == 302
    image = CaptionedImage.objects.get()
    assert image.caption == "Crowds at the gate"
    assert image.credit == "Our photographer"
