"""Answers to questions. Read-only: nothing here writes."""

from __future__ import annotations

from domain.assets import Asset, AssetStatus
from domain.fields import format_value
from domain.stock import StockItem
from services.context import Context
from services.replies import Card
from services.resolver import CatalogItem
from storage.unit_of_work import UnitOfWork


def load(uow: UnitOfWork, items: list[CatalogItem]) -> list[Asset | StockItem]:
    loaded = [uow.assets.get(i.key) if i.type.value == "asset" else uow.stock.get(i.key) for i in items]
    return [item for item in loaded if item is not None]


def status_line(ctx: Context, asset: Asset) -> str:
    if asset.status is AssetStatus.CHECKED_OUT:
        due = f", due {ctx.local(asset.due)}" if asset.due else ""
        late = " — overdue" if asset.is_overdue(ctx.now) else ""
        return f"{asset.tag} ({asset.name}) is with {ctx.name_of(asset.holder)}{due}{late}."
    where = f" at {asset.location}" if asset.location else ""
    return f"{asset.tag} ({asset.name}) is {asset.status.value.replace('_', ' ')}{where}."


def who_has(ctx: Context, items: list[Asset | StockItem], loans_of=None) -> str:
    """`loans_of(sku)`: who has how much of a lendable item (none given: not looked up)."""
    lines = []
    for item in items:
        lent = loans_of(item.sku) if isinstance(item, StockItem) and loans_of is not None else []
        if isinstance(item, StockItem) and (item.lendable or lent):  # a kit's batteries are lent too
            lines.append(loans_line(ctx, item, lent))
        elif isinstance(item, StockItem):
            lines.append(f"{item.name} is stock, not held by anyone: {item.describe(item.on_hand)} on hand.")
        else:
            lines.append(status_line(ctx, item))
    return "\n".join(lines)


def loans_line(ctx: Context, item: StockItem, loans) -> str:
    shelf = f"{item.describe(item.on_hand)} on the shelf"
    if not loans:
        return f"Nobody has {item.name} on loan; {shelf}."
    out = "; ".join(
        f"{ctx.who(loan.holder)} {item.describe(loan.quantity)}"
        + (
            f" (due {ctx.local(loan.due)}{', overdue' if loan.is_overdue(ctx.now) else ''})"
            if loan.due
            else ""
        )
        for loan in loans
    )
    return f"{item.name} on loan: {out}. {shelf[0].upper()}{shelf[1:]}."


def where_is(ctx: Context, items: list[Asset | StockItem]) -> str:
    lines = []
    for item in items:
        place = item.location or "no recorded location"
        if isinstance(item, Asset) and item.status is AssetStatus.CHECKED_OUT:
            lines.append(f"{item.tag} ({item.name}) is out with {ctx.name_of(item.holder)} (home: {place}).")
        else:
            label = item.tag if isinstance(item, Asset) else item.sku
            lines.append(f"{label} ({item.name}): {place}.")
    return "\n".join(lines)


def how_many(ctx: Context, items: list[Asset | StockItem]) -> str:
    stock = [i for i in items if isinstance(i, StockItem)]
    assets = [i for i in items if isinstance(i, Asset)]
    lines = [
        f"{i.name}: {i.describe(i.on_hand)} on hand" + (" (low)" if i.is_low else "") + "." for i in stock
    ]
    if assets:
        free = sum(1 for a in assets if a.is_available)
        lines.append(f"{assets[0].name}: {len(assets)} in the catalog, {free} available.")
    return "\n".join(lines)


def info(ctx: Context, items: list[Asset | StockItem]) -> str:
    return "\n\n".join(asset_card(ctx, i) if isinstance(i, Asset) else stock_card(i) for i in items)


def asset_card(ctx: Context, asset: Asset) -> str:
    lines = [f"{asset.tag} — {asset.name}"]
    make = " ".join(filter(None, [asset.manufacturer, asset.model]))
    details = ", ".join(
        filter(None, [asset.category, make, f"serial {asset.serial}" if asset.serial else None])
    )
    if details:
        lines.append(details)
    lines.append(status_line(ctx, asset))
    place = ", ".join(filter(None, [asset.location, asset.department]))
    if place:
        lines.append(f"Location: {place}")
    if asset.condition:
        lines.append(f"Condition: {asset.condition}")
    if asset.cost is not None:
        lines.append(worth_line(ctx, asset))
    lines += upkeep_lines(ctx, asset)
    return "\n".join(lines)


def upkeep_lines(ctx: Context, asset: Asset) -> list[str]:
    """Warranty and service, when the asset has them."""
    today = ctx.now.astimezone(ctx.tz).date()
    lines = []
    if asset.warranty_until:
        verb = "ends" if asset.warranty_until >= today else "ended"
        lines.append(f"Warranty {verb} {asset.warranty_until:%a %-d %b %Y}.")
    due = asset.next_service()
    if due:
        last = f", last {asset.last_service:%-d %b %Y}" if asset.last_service else ", none recorded"
        when = "overdue since" if due < today else "next due"
        shown = f"{when} {due:%a %-d %b %Y}" if asset.last_service or asset.purchase_date else "due now"
        lines.append(f"Service every {asset.service_interval_months} months{last}; {shown}.")
    return lines


def worth_line(ctx: Context, asset: Asset) -> str:
    if asset.cost is None:
        return f"{asset.tag} has no recorded cost."
    value = asset.book_value(ctx.now.astimezone(ctx.tz).date())
    method = asset.depreciation_method.value.replace("_", "-")
    basis = f"{method}, {asset.useful_life_years}-year life" if asset.useful_life_years else "not depreciated"
    return f"Cost {money(asset.cost)}, book value today {money(value)} ({basis})."


def worth(ctx: Context, items: list[Asset | StockItem]) -> str:
    lines = []
    for item in items:
        if isinstance(item, Asset):
            lines.append(f"{item.tag} ({item.name}): " + worth_line(ctx, item))
        elif item.unit_cost is not None:
            lines.append(
                f"{item.name}: {item.describe(item.on_hand)} at {money(item.unit_cost)} each = {money(item.unit_cost * item.on_hand)}."
            )
        else:
            lines.append(f"{item.name} has no unit cost recorded.")
    return "\n".join(lines)


def cards(ctx: Context, items: list[Asset | StockItem]) -> tuple[Card, ...]:
    return tuple(_asset_fields(ctx, i) if isinstance(i, Asset) else _stock_fields(i) for i in items[:10])


def _asset_fields(ctx: Context, asset: Asset) -> Card:
    fields = [
        ("Status", asset.status.value.replace("_", " ") + (" (overdue)" if asset.is_overdue(ctx.now) else ""))
    ]
    if asset.holder:
        fields.append(("Holder", ctx.name_of(asset.holder)))
    if asset.due:
        fields.append(("Due", ctx.local(asset.due)))
    fields += [("Location", asset.location or "—"), ("Department", asset.department or "—")]
    if asset.cost is not None:
        fields.append(("Book value", money(asset.book_value(ctx.now.astimezone(ctx.tz).date()))))
    return Card(f"{asset.tag} — {asset.name}", tuple(fields))


def _stock_fields(item: StockItem) -> Card:
    fields = [("On hand", item.describe(item.on_hand) + (" (low)" if item.is_low else ""))]
    if item.reorder_point is not None:
        fields.append(("Reorder point", item.describe(item.reorder_point)))
    fields += [("Location", item.location or "—"), ("Supplier", item.supplier or "—")]
    return Card(f"{item.sku} — {item.name}", tuple(fields))


def stock_card(item: StockItem) -> str:
    lines = [
        f"{item.sku} — {item.name}",
        f"On hand: {item.describe(item.on_hand)}" + (" (low)" if item.is_low else ""),
    ]
    if item.packs.sizes:
        lines.append("Packs: " + ", ".join(f"{n} = {s} {item.unit}s" for n, s in item.packs.sizes))
    if item.reorder_point is not None:
        qty = f", reorder {item.describe(item.reorder_qty)}" if item.reorder_qty else ""
        lines.append(f"Reorder point: {item.describe(item.reorder_point)}{qty}")
    for label, value in (("Location", item.location), ("Supplier", item.supplier), ("Barcode", item.barcode)):
        if value:
            lines.append(f"{label}: {value}")
    if item.unit_cost is not None:
        lines.append(f"Unit cost: {money(item.unit_cost)}")
    return "\n".join(lines)


def low_stock(ctx: Context, uow: UnitOfWork) -> str:
    low = uow.stock.low()
    if not low:
        return "Nothing is at or below its reorder point."
    lines = ["At or below the reorder point:"]
    for item in low:
        order = f"; order {item.describe(item.reorder_qty)}" if item.reorder_qty else ""
        supplier = f" from {item.supplier}" if item.supplier else ""
        lines.append(
            f"• {item.name} ({item.sku}): {item.describe(item.on_hand)} (reorder at {item.reorder_point}){order}{supplier}"
        )
    return "\n".join(lines)


def money(value) -> str:
    return f"${value:,.2f}" if value is not None else format_value(value)


def alias_suggestions(ctx: Context, uow: UnitOfWork) -> str:
    ctx.actor.require_manager("review alias suggestions")
    suggestions = uow.aliases.open()
    if not suggestions:
        return "No alias suggestions waiting."
    lines = ["Words people used before picking an item (say “accept alias N” or “dismiss alias N”):"]
    lines += ["• " + s.describe() for s in suggestions[:20]]
    return "\n".join(lines)


def in_maintenance(ctx: Context, uow: UnitOfWork) -> str:
    repairs = uow.assets.in_maintenance()
    if not repairs:
        return "Nothing is in maintenance."
    lines = ["In maintenance:"]
    lines += [f"• {a.tag} {a.name}" + (f" — {a.condition}" if a.condition else "") for a in repairs[:50]]
    return "\n".join(lines)
