"""A generated catalog for benchmarks: realistic names, many identical units."""

from __future__ import annotations

import random

ASSET_KINDS = {
    "laptop": [
        "Dell Latitude",
        "Lenovo ThinkPad",
        "HP EliteBook",
        "Apple MacBook Air",
        "Asus ExpertBook",
        "Acer TravelMate",
    ],
    "monitor": ["Dell UltraSharp", "LG UltraFine", "Samsung ViewFinity", "BenQ GW", "HP E-Series"],
    "projector": ["Epson EB", "BenQ MW", "Optoma HD", "ViewSonic PA", "NEC ME"],
    "drill": ["Makita DHP", "DeWalt DCD", "Bosch GSB", "Milwaukee M18", "Ryobi R18"],
    "camera": ["Canon EOS", "Nikon Z", "Sony Alpha", "Fujifilm X-T", "Panasonic Lumix"],
    "phone": ["iPhone", "Pixel", "Galaxy S", "Moto G", "Nokia G"],
    "tablet": ["iPad", "Galaxy Tab", "Surface Go", "Lenovo Tab", "Fire HD"],
    "printer": ["HP LaserJet", "Brother HL", "Canon imageCLASS", "Xerox VersaLink", "Epson WorkForce"],
    "desk": ["Fully Jarvis", "Flexispot E", "IKEA Bekant", "Herman Miller Nevi", "Steelcase Migration"],
    "chair": ["Herman Miller Aeron", "Steelcase Leap", "Haworth Zody", "IKEA Markus", "Humanscale Freedom"],
    "ladder": ["Werner D", "Little Giant", "Louisville L", "Gorilla GLA", "Youngman"],
    "saw": ["Makita DSS", "DeWalt DWE", "Bosch GKS", "Festool TS", "Milwaukee 2730"],
    "microscope": ["Olympus CX", "Nikon Eclipse", "Zeiss Primo", "Leica DM", "Motic BA"],
    "router": ["Cisco ISR", "Ubiquiti EdgeRouter", "MikroTik RB", "Juniper SRX", "Netgear Orbi"],
    "headset": ["Jabra Evolve", "Poly Voyager", "Sennheiser SC", "Logitech Zone", "Sony WH"],
    "vacuum": ["Dyson V", "Karcher WD", "Numatic Henry", "Makita DCL", "Shark IZ"],
}
STOCK_THINGS = [
    ("hex bolt", "bolt", "box=100"),
    ("wood screw", "screw", "box=200"),
    ("cable tie", "tie", "bag=100"),
    ("AA battery", "battery", "pack=4;box=24"),
    ("printer paper", "ream", "box=5"),
    ("toner cartridge", "cartridge", "box=2"),
    ("nitrile glove", "glove", "box=100;case=1000"),
    ("packing tape", "roll", "case=36"),
    ("label roll", "roll", "box=10"),
    ("marker", "marker", "pack=4"),
    ("notebook", "notebook", "pack=5"),
    ("safety glasses", "pair", "box=12"),
    ("dust mask", "mask", "box=20"),
    ("sandpaper sheet", "sheet", "pack=25"),
    ("drill bit", "bit", "set=10"),
    ("light bulb", "bulb", "pack=6"),
    ("coffee filter", "filter", "box=100"),
    ("trash bag", "bag", "roll=50"),
]
STOCK_VARIANTS = [
    "black",
    "white",
    "red",
    "blue",
    "zinc",
    "steel",
    "large",
    "small",
    "medium",
    "heavy duty",
    "recycled",
    "premium",
]
# A fifth word for catalogs with more stock lines than the four words above can
# name (20 x 12 x 18 x 15 = 64,800); smaller catalogs never draw it.
GRADES = ["eco", "pro", "trade", "bulk", "compact", "industrial", "lab", "site", "office", "export"]
SIZES = ["M4", "M5", "M6", "M8", "M10", "10mm", "20mm", "50mm", "100mm", "200mm", "A4", "A3", "XL", "L", "S"]
BRANDS = [
    "Uline",
    "3M",
    "Staples",
    "Grainger",
    "Wurth",
    "Fastenal",
    "Avery",
    "Scotch",
    "Duracell",
    "Energizer",
    "Ansell",
    "Kimberly",
    "Brady",
    "Bosch",
    "Stanley",
    "Tesa",
    "Pentel",
    "Bic",
    "Sharpie",
    "Philips",
]


def generate(assets: int, stock: int, seed: int = 7) -> tuple[list[tuple], list[tuple]]:
    """(asset rows, stock rows) in the resolver's catalog shape."""
    rng = random.Random(seed)
    asset_rows, n = [], 0
    while n < assets:
        kind = rng.choice(list(ASSET_KINDS))
        brand_line = rng.choice(ASSET_KINDS[kind])
        model = f"{brand_line} {rng.randint(100, 9999)}{rng.choice(['', 'X', 'G2', 'Pro', 'S'])}".strip()
        manufacturer = brand_line.split()[0]
        name = f"{model} {kind}"
        for _ in range(rng.choice([1, 1, 2, 5, 10, 20])):  # identical units share the name and model
            if n >= assets:
                break
            asset_rows.append((f"G-{n:06d}", name, model, manufacturer, kind, ""))
            n += 1
    stock_rows, names = [], set()
    plain_names = len(BRANDS) * len(STOCK_VARIANTS) * len(STOCK_THINGS) * len(SIZES)
    while len(stock_rows) < stock:
        thing, unit, packs = rng.choice(STOCK_THINGS)
        name = f"{rng.choice(BRANDS)} {rng.choice(STOCK_VARIANTS)} {thing} {rng.choice(SIZES)}"
        if name in names and len(names) > plain_names // 2:  # plain names are running out
            name = f"{name} {rng.choice(GRADES)}"
        if name not in names:
            names.add(name)
            stock_rows.append((f"S-{len(stock_rows):05d}", name, "", "", unit, packs))
    return asset_rows, stock_rows
