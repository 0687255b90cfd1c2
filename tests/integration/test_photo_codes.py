"""Photos of every kind of code, looked up in a catalog imported from CSV:
manufacturer codes stored in one printed form and photographed in another,
QR and Data Matrix labels (Snipe-IT's URL labels among them), two codes in
one photo, and honest answers when a code is unknown or unreadable."""

import io

import pytest
from PIL import Image, ImageDraw

from services.csv_import import import_csv
from services.inbound import Attachment, Inbound
from tests.catalog import seed_context
from tests.photos import scene

ASSETS = """Asset Tag,Item Name,Category,ID,Location,Status
A-1042,Dell Latitude 5440 laptop,laptop,77,IT store,Ready to Deploy
A-2001,Epson projector,projector,78,Meeting room B,Ready to Deploy
"""
# each barcode stored in one printed form: the photos show another
STOCK = """sku,name,unit,on_hand,barcode
TON-26A,HP 26A toner cartridge,cartridge,3,042100005264
PAP-A4,Copy paper A4,ream,40,0036000291452
GLU-STK,Glue sticks,stick,12,96385074
SAN-GEL,Hand sanitizer gel,bottle,8,04006381333931
"""


@pytest.fixture
def catalog(uow):
    for kind, text in (("assets", ASSETS), ("stock", STOCK)):
        result = import_csv(kind, text.encode(), uow, seed_context())
        assert not result.errors, result.errors


def photo(assistant, who, image: bytes, text: str = ""):
    return assistant.receive(Inbound(assistant.person(who), text, (Attachment("image", image),))).replies


@pytest.mark.parametrize(
    "code, kind, sku",
    [
        ("04252614", "UPCE", "TON-26A"),  # stored as its UPC-A expansion
        ("036000291452", "UPCA", "PAP-A4"),  # stored as a 13-digit EAN with a leading 0
        ("96385074", "EAN8", "GLU-STK"),
        ("4006381333931", "EAN13", "SAN-GEL"),  # stored as GTIN-14
    ],
)
def test_a_product_code_finds_its_item_whichever_form_was_stored(assistant, catalog, code, kind, sku):
    (reply,) = photo(assistant, "alice", scene([(code, kind)]))
    assert reply.text.startswith(f"{sku} ")


def test_words_with_a_photographed_upce_act_on_its_item(assistant, catalog, uow):
    (reply,) = photo(assistant, "alice", scene([("04252614", "UPCE")]), "used 1 of these")
    assert reply.text.startswith("Recorded 1 cartridge of HP 26A toner cartridge used")
    with uow(read_only=True) as unit:
        assert unit.stock.get("TON-26A").on_hand == 2


def test_a_snipe_it_qr_label_finds_the_asset_through_its_imported_id(assistant, catalog):
    (reply,) = photo(assistant, "alice", scene([("https://assets.example.org/hardware/78", "QR")]))
    assert reply.text.startswith("A-2001 Epson projector (available")


@pytest.mark.parametrize(
    "text, kind",
    [("A-1042", "QR"), ("SKU: PAP-A4", "QR"), ("A-1042", "DataMatrix"), ("PAP-A4", "DataMatrix")],
)
def test_qr_and_data_matrix_labels_are_matched_on_the_key_they_hold(assistant, catalog, text, kind):
    (reply,) = photo(assistant, "alice", scene([(text, kind)], size=(1200, 900)))
    assert reply.text.startswith(text.removeprefix("SKU: ") + " ")


def test_a_qr_code_with_text_we_dont_know_says_what_it_holds(assistant, catalog):
    (reply,) = photo(assistant, "maria", scene([("Visit our booth at hall 3!", "QR")]))
    assert reply.text == "A QR code holding “Visit our booth at hall 3!”: nothing in the catalog matches it"
    assert not reply.offers  # not a tag a manager could add


def test_a_url_path_word_is_not_taken_for_an_item(assistant, catalog):
    (reply,) = photo(assistant, "alice", scene([("https://example.org/products/ton-26a-refill/glue", "QR")]))
    assert "nothing in the catalog matches it" in reply.text


def test_two_codes_in_one_photo_are_both_found(assistant, catalog):
    (reply,) = photo(assistant, "alice", scene([("A-1042", "Code128"), ("96385074", "EAN8")], angle=12))
    lines = reply.text.splitlines()
    assert any(line.startswith("A-1042 Dell") for line in lines)
    assert any(line.startswith("GLU-STK Glue sticks") for line in lines)


def test_words_with_two_codes_change_nothing_and_say_so(assistant, catalog, uow):
    image = scene([("PAP-A4", "Code128"), ("96385074", "EAN8")])
    (reply,) = photo(assistant, "alice", image, "used 2 of these")
    last = reply.text.splitlines()[-1]
    assert last.startswith("Nothing was changed") and "PAP-A4" in last and "GLU-STK" in last
    with uow(read_only=True) as unit:
        assert unit.stock.get("PAP-A4").on_hand == 40 and unit.stock.get("GLU-STK").on_hand == 12


def test_an_unknown_product_code_is_shown_as_unknown_in_its_printed_form(assistant, catalog):
    (reply,) = photo(assistant, "maria", scene([("01234565", "UPCE")]))
    assert reply.text == "01234565 (UPC-E): not in the catalog"
    assert not reply.offers  # a manufacturer's code is not an asset tag


def test_a_photo_with_no_code_and_one_with_an_unreadable_code_get_different_answers(assistant, catalog):
    (nothing,) = photo(assistant, "alice", scene([]))
    assert nothing.code == "no_barcode" and "couldn't find a barcode or QR code" in nothing.text
    torn = Image.open(io.BytesIO(scene([("A-1042", "Code128")]))).convert("L")
    ImageDraw.Draw(torn).rectangle([945, 0, 960, 1200], fill=255)  # a strip torn out of the bars
    out = io.BytesIO()
    torn.save(out, format="JPEG")
    (unreadable,) = photo(assistant, "alice", out.getvalue())
    assert unreadable.code == "unreadable_code", unreadable.text
    assert "looks like a barcode" in unreadable.text and "haven't acted on it" in unreadable.text


def test_a_code_read_only_through_filters_counts_only_when_the_catalog_knows_it(uow, catalog):
    from services import barcodes
    from services.barcode_reading import Reading

    readings = [Reading("A-1042", "Code 128", sure=False), Reading("A-9999", "Code 128", sure=False)]
    with uow(read_only=True) as unit:
        found, doubtful = barcodes.look_up(unit, readings)
    assert [f.key for f in found] == ["A-1042"] and doubtful == 1


def test_a_qr_label_asked_for_in_chat_is_a_qr_code_of_the_tag(assistant, catalog):
    import zxingcpp

    (reply,) = assistant.handle("alice", "qr label for A-1042")
    name, data = reply.attachment
    assert reply.text == "QR label for A-1042 (Dell Latitude 5440 laptop)." and name == "label-A-1042.png"
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert (found.text, found.format) == ("A-1042", zxingcpp.BarcodeFormat.QRCode)


def test_an_ean8_is_never_taken_for_the_upce_with_the_same_digits(assistant, uow):
    # 13350789 is a valid EAN-8 and a valid UPC-E; the item carries the UPC-E's expansion
    stock = "sku,name,unit,on_hand,barcode\nCOF-1KG,Coffee beans 1 kg,bag,5,133507000089\n"
    assert not import_csv("stock", stock.encode(), uow, seed_context()).errors
    (reply,) = photo(assistant, "alice", scene([("13350789", "EAN8")]), "used 3 of these")
    assert reply.text.startswith("13350789 (EAN-8): not in the catalog")
    (reply,) = photo(assistant, "alice", scene([("13350789", "UPCE")]))
    assert reply.text.startswith("COF-1KG Coffee beans")
    with uow(read_only=True) as unit:
        assert unit.stock.get("COF-1KG").on_hand == 5


def test_half_an_ean13_behind_a_glare_line_is_not_read_as_a_upce(assistant, uow):
    # left of the line, 7469453612087 reads as the valid UPC-E 14694537: the catalog's item
    stock = "sku,name,unit,on_hand,barcode\nCHG-65,65 W charger,each,5,14694537\n"
    assert not import_csv("stock", stock.encode(), uow, seed_context()).errors
    import numpy
    import zxingcpp

    from tests.photos import symbol

    code = symbol("7469453612087", "EAN13", module_px=2)
    first_ink = int(numpy.argmax(numpy.asarray(code).min(axis=0) < 128))  # the printed first digit
    line = first_ink + 104  # one module just right of the centre guard
    ImageDraw.Draw(code).rectangle([line, 0, line + 1, code.height], fill=255)
    page = Image.new("L", (code.width + 600, code.height + 400), 255)
    page.paste(code, (300, 200))
    assert [(c.text, c.valid) for c in zxingcpp.read_barcodes(page)] == [("0146900000457", True)]  # unguarded
    out = io.BytesIO()
    page.save(out, format="PNG")
    (reply,) = photo(assistant, "alice", out.getvalue(), "used 3 of these")
    assert "CHG-65" not in reply.text
    with uow(read_only=True) as unit:
        assert unit.stock.get("CHG-65").on_hand == 5


def test_a_code_two_items_share_or_a_text_naming_two_items_names_neither(assistant, uow, catalog):
    from domain.stock import StockItem

    with uow() as unit:  # a duplicate from before imports refused them
        unit.stock.add(StockItem("GLU-DUP", "Glue sticks (old SKU)", "stick", barcode="00000096385074"))
        unit.commit()
    (reply,) = photo(assistant, "alice", scene([("96385074", "EAN8")]), "used 1 of these")
    assert "names more than one item (GLU-DUP, GLU-STK)" in reply.text and "Nothing was changed" in reply.text
    (reply,) = photo(assistant, "alice", scene([("A-1042 A-2001", "QR")]))
    assert "names more than one item (A-1042, A-2001)" in reply.text


def test_a_shops_hardware_page_in_a_qr_code_is_not_a_snipe_it_label(assistant, catalog):
    (reply,) = photo(assistant, "alice", scene([("https://www.example-shop.com/catalog/hardware/78", "QR")]))
    assert "nothing in the catalog matches it" in reply.text


def test_bars_on_a_transparent_png_are_read_on_white(assistant, catalog):
    from tests.photos import symbol

    bars = symbol("A-1042", "Code128", module_px=3)
    clear = Image.new("RGBA", (bars.width + 100, bars.height + 100), (0, 0, 0, 0))
    clear.paste((0, 0, 0, 255), (50, 50), mask=bars.point(lambda v: 255 - v))
    out = io.BytesIO()
    clear.save(out, format="PNG")
    (reply,) = photo(assistant, "alice", out.getvalue())
    assert reply.text.startswith("A-1042 Dell")


def test_an_image_too_large_to_open_is_refused_kindly(assistant, catalog, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100_000)  # so a small test image counts as a bomb
    (reply,) = photo(assistant, "alice", scene([("A-1042", "Code128")], size=(1000, 800)))
    assert reply.code == "not_an_image" and "too large" in reply.text


def test_a_barcode_another_item_has_is_refused_in_chat_in_any_form(assistant, catalog, uow):
    (reply,) = assistant.handle("maria", "set GLU-STK barcode to 036000291452")  # PAP-A4's, as a UPC-A
    assert "already the barcode of PAP-A4 (Copy paper A4)" in reply.text
    with uow(read_only=True) as unit:
        assert unit.stock.get("GLU-STK").barcode == "96385074"


def test_a_file_that_is_not_an_image_beside_a_photo_is_skipped_and_nothing_is_acted_on(
    assistant, catalog, uow
):
    photo_file = Attachment("image", scene([("PAP-A4", "Code128")]))
    message = Inbound(
        assistant.person("alice"), "used 2 of these", (photo_file, Attachment("image", b"%PDF-1.4"))
    )
    (reply,) = assistant.receive(message).replies
    assert reply.text.startswith("PAP-A4 Copy paper A4")
    assert "One of the files isn't an image I can read, so it was skipped." in reply.text
    with uow(read_only=True) as unit:
        assert unit.stock.get("PAP-A4").on_hand == 40


@pytest.mark.parametrize("damage", ["torn", "blurred"])
def test_words_with_a_known_code_and_an_unreadable_one_below_it_change_nothing(
    assistant, catalog, uow, damage
):
    import numpy
    from PIL import ImageFilter

    from tests.photos import symbol

    upper, lower = symbol("PAP-A4", "Code128", 3), symbol("A-2001", "Code128", 3)
    if damage == "torn":
        ImageDraw.Draw(lower).rectangle([lower.width // 2, 0, lower.width // 2 + 7, lower.height], fill=255)
    else:
        lower = lower.filter(ImageFilter.GaussianBlur(3))
    page = Image.new("L", (max(upper.width, lower.width) + 200, upper.height + lower.height + 210), 255)
    page.paste(upper, (100, 100))
    page.paste(lower, (100, 110 + upper.height))  # 10 px below: a crop around one takes in the other
    assert numpy.asarray(page).min() == 0
    out = io.BytesIO()
    page.save(out, format="PNG")
    (reply,) = photo(assistant, "alice", out.getvalue(), "used 2 of these")
    assert "Nothing was changed" in reply.text and "looks like a barcode" in reply.text
    with uow(read_only=True) as unit:
        assert unit.stock.get("PAP-A4").on_hand == 40


def test_a_clean_level_ean13_is_not_also_read_as_a_upce_from_a_slanted_line(assistant, uow):
    stock = "sku,name,unit,on_hand,barcode\nBAT-1,Battery,each,5,7507462169977\nDEC-1,Decoy,each,5,15074627\n"
    assert not import_csv("stock", stock.encode(), uow, seed_context()).errors
    from tests.photos import symbol

    page = Image.new("L", (1600, 1200), 255)
    page.paste(symbol("7507462169977", "EAN13", module_px=3), (500, 400))
    out = io.BytesIO()
    page.save(out, format="PNG")
    (reply,) = photo(assistant, "alice", out.getvalue(), "used 1 of these")
    assert reply.text.startswith("Recorded 1 each of Battery used") and "DEC-1" not in reply.text


def test_words_do_not_act_on_a_code_read_only_through_filters(assistant, catalog, uow, monkeypatch):
    from services import barcodes
    from services.barcode_reading import Reading, Sight

    monkeypatch.setattr(barcodes, "read", lambda image: Sight([Reading("PAP-A4", "Code 128", sure=False)]))
    (reply,) = photo(assistant, "alice", scene([]), "used 2 of these")
    assert reply.text.startswith("PAP-A4 Copy paper A4")
    assert "Nothing was changed: that code was hard to read" in reply.text
    with uow(read_only=True) as unit:
        assert unit.stock.get("PAP-A4").on_hand == 40
