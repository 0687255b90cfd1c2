"""The catalog the phrasing corpus is understood against."""

from services.resolver import CatalogIndex

ASSETS = [
    # tag, name, model, manufacturer, category, aliases
    ("A-1042", "Dell Latitude 5440 laptop", "Latitude 5440", "Dell", "laptop", ""),
    ("A-1043", "Dell Latitude 5440 laptop", "Latitude 5440", "Dell", "laptop", ""),
    ("A-1044", "Dell Latitude 5440 laptop", "Latitude 5440", "Dell", "laptop", ""),
    ("A-1050", "MacBook Pro 14 laptop", "MacBook Pro 14", "Apple", "laptop", "mbp|macbook"),
    ("A-2001", "Epson projector", "EB-992F", "Epson", "projector", "beamer"),
    ("A-2002", "BenQ portable projector", "GV31", "BenQ", "projector", ""),
    ("A-3001", "Makita cordless drill", "DHP485", "Makita", "tool", "drill"),
    ("A-3002", "Bosch laser measure", "GLM 50-27", "Bosch", "tool", "laser|tape measure"),
    ("A-4001", "Canon EOS R50 camera", "EOS R50", "Canon", "camera", "camera"),
    ("A-5001", "Standing desk", "Jarvis", "Fully", "furniture", ""),
    ("A-6001", "iPad Air tablet", "iPad Air 11", "Apple", "tablet", "ipad"),
    ("A-7001", "Extension ladder", "D6228-2", "Werner", "tool", "ladder"),
    ("A-8001", "Polycom conference phone", "Trio 8800", "Polycom", "av", "speakerphone"),
    ("B-2001", "Pressure washer", "K5", "Karcher", "tool", ""),
]
STOCK = [
    # sku, name, barcode, aliases, unit, packs[, lendable]
    ("PAP-A4", "Copy paper A4", "5012345678900", "paper|printer paper", "ream", "box=5;pallet=200"),
    ("TON-26A", "HP 26A toner cartridge", "", "toner", "cartridge", "box=2"),
    ("PEN-BLU", "Blue ballpoint pens", "", "pens|biros", "pen", "pack=10;box=50"),
    ("BAT-AA", "AA batteries", "", "batteries", "battery", "pack=4;box=24"),
    ("BAT-AAA", "AAA batteries", "", "", "battery", "pack=4"),
    ("TAPE-PK", "Packing tape", "", "tape", "roll", "case=36"),
    ("GLV-M", "Nitrile gloves (M)", "", "gloves", "glove", "box=100;case=1000"),
    ("CUP-C", "Coffee cups", "", "cups", "cup", "sleeve=50;case=1000"),
    ("STK-Y", "Yellow sticky notes", "", "post-its|sticky notes", "pad", "pack=12"),
    ("MRK-W", "Whiteboard markers", "", "markers|dry erase markers", "marker", "pack=4"),
    ("CLN-W", "Cleaning wipes", "", "wipes", "tub", "case=6"),
    # lendable: lent and given back, not used up
    ("HS-USB", "USB headset", "", "headsets|headphones", "headset", "", True),
    ("CAB-HDMI", "HDMI cable", "", "hdmi|hdmi lead", "cable", "bag=5", True),
]


PLACES = {
    "location": {"IT store", "Meeting room A", "Meeting room B", "Warehouse", "Workshop", "Supply closet"},
    "department": {"IT", "Facilities", "Sales", "Marketing"},
}


KITS = [("KIT-CAM", "Camera kit"), ("KIT-AV", "Presentation set")]  # code, name


def corpus_index() -> CatalogIndex:
    return CatalogIndex(ASSETS, STOCK, PLACES, KITS)
