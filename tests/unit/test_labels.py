"""Labels our printer makes must read back, through a real decoder."""

import io

import pytest
import zxingcpp
from PIL import Image

from services import labels


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)]


def test_a_png_label_decodes_to_its_tag_and_has_bars_at_least_0_4_mm():
    image = Image.open(io.BytesIO(labels.png("A-1042", "Dell Latitude 5440 laptop")))
    assert decode(image) == ["A-1042"]
    assert image.info["dpi"][0] == pytest.approx(300, abs=1)
    assert labels.mm(labels.MODULE_MM) >= round(0.4 / 25.4 * 300)  # the narrowest bar in pixels at 300 dpi


def test_a_pdf_sheet_lays_out_21_labels_a_page_all_readable():
    codes = [(f"A-{n:04d}", f"Thing {n}") for n in range(23)]
    pdf = labels.pdf_sheet(codes)
    assert pdf.startswith(b"%PDF") and b"/Count 2" in pdf  # 23 labels: two pages
    for code, name in codes[:3]:
        assert decode(labels.label_image(code, name)) == [code]


def test_an_svg_label_carries_the_code_and_the_name():
    text = labels.svg("PAP-A4", "Copy paper A4").decode()
    assert text.startswith("<?xml") and "PAP-A4 · Copy paper A4" in text


def test_a_code_too_long_for_a_sheet_label_is_refused():
    with pytest.raises(labels.LabelError, match="too long"):
        labels.pdf_sheet([("X" * 40, "Very long")])


def test_a_qr_label_reads_back_as_a_qr_code_of_its_tag_with_modules_of_a_millimetre():
    image = Image.open(io.BytesIO(labels.png("A-1042", "Dell Latitude 5440 laptop", qr=True)))
    (found,) = zxingcpp.read_barcodes(image)
    assert (found.text, found.format) == ("A-1042", zxingcpp.BarcodeFormat.QRCode)
    module_px = (found.position.top_right.x - found.position.top_left.x) / 21  # version 1: 21 modules
    assert module_px >= labels.mm(0.8)


def test_a_qr_sheet_and_a_long_name_still_read():
    codes = [(f"A-{n:04d}", "A very long name for a thing that wraps over several lines") for n in range(22)]
    pdf = labels.pdf_sheet(codes, qr=True)
    assert pdf.startswith(b"%PDF") and b"/Count 2" in pdf
    assert [r.text for r in zxingcpp.read_barcodes(labels.qr_label_image(*codes[0]))] == ["A-0000"]


def test_a_qr_svg_label_is_well_formed_and_escapes_the_name():
    from xml.etree import ElementTree

    text = labels.svg("PAP-A4", "Paper & <envelopes>", qr=True).decode()
    root = ElementTree.fromstring(text)
    assert root.get("width") == "63.5mm"
    assert "Paper &amp; &lt;envelopes&gt;" in text and ">PAP-A4<" in text
    assert any(el.tag.endswith("path") for el in root.iter())
