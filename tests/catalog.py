"""A small catalog for tests, loaded through the real CSV importer."""

from __future__ import annotations

from datetime import timezone

from domain.people import Person, Role
from services.context import Context
from services.csv_import import import_csv
from tests.conftest import NOW

ASSETS = """asset_tag,name,category,manufacturer,model,serial,cost,purchase_date,useful_life_years,salvage_value,location,department,aliases
A-1042,Dell Latitude 5440 laptop,laptop,Dell,Latitude 5440,SN1,1299.00,2024-03-15,3,100.00,IT store,IT,
A-1043,Dell Latitude 5440 laptop,laptop,Dell,Latitude 5440,SN2,1299.00,2024-03-15,3,100.00,IT store,IT,
A-2001,Epson projector,projector,Epson,EB-992F,SN3,749.00,2023-09-01,5,50.00,Meeting room B,Facilities,beamer
A-2002,BenQ portable projector,projector,BenQ,GV31,SN4,399.00,2024-06-20,5,0,Meeting room A,Facilities,
A-3001,Makita cordless drill,tool,Makita,DHP485,SN5,189.00,2022-05-03,5,0,Workshop,Facilities,drill
"""
STOCK = """sku,name,unit,packs,on_hand,reorder_point,reorder_qty,unit_cost,location,supplier,barcode,aliases
PAP-A4,Copy paper A4,ream,box=5;pallet=200,40,15,50,4.20,Supply closet,Office Depot,5012345678900,paper
TON-26A,HP 26A toner cartridge,cartridge,box=2,3,2,4,89.00,Supply closet,Office Depot,,toner
PEN-BLU,Blue ballpoint pens,pen,pack=10;box=50,120,30,100,0.35,Supply closet,Staples,,pens
"""


def seed_context() -> Context:
    return Context(Person("setup", Role.MANAGER), NOW, timezone.utc, "test-seed")


def seed(uow_factory) -> None:
    ctx = seed_context()
    for kind, text in (("assets", ASSETS), ("stock", STOCK)):
        result = import_csv(kind, text.encode(), uow_factory, ctx)
        assert not result.errors, result.errors
