"""A kit made in words: "make a kit 'Camera kit' of A-4001, A-4002 and 4 AA
batteries", "new kit 'Site survey': F-204, F-216 and F-211". The members are
left as said; understanding finds each in the catalog."""

from __future__ import annotations

import re

from domain import commands as C

MAKE_KIT = re.compile(
    r"^(?:(?:please|pls|can you|could you)\s+)*(?:make|create|set\s+up|build|add|new|start)\s+(?:up\s+)?(?:a\s+|an\s+)?"
    r"(?:new\s+)?kit\s+(?:called\s+|named\s+)?(?:[\"'“‘](?P<quoted>[^\"'”’]+)[\"'”’]|(?P<name>.+?))\s*"
    r"(?:\s(?:of|with|containing|that has|having)\s+|:\s*|=\s*)(?P<members>.+)$",
    re.I,
)
# "what's in the PA kit?", "what does the video call kit have in it", "contents of KIT-CLINIC"
WHAT_IS_IN = re.compile(
    r"^(?:what(?:'s|\s+is|\s+are|s)?\s+(?:in|inside|part\s+of)|what\s+(?:does|do)|what\s+goes\s+(?:in|with)|"
    r"(?:the\s+)?contents\s+of)\s+(?:the\s+)?(?P<ref>(?:(?!department|dept|team)[^,;])*?\bkit\b|kit-[\w-]+)"
    r"(?:\s+(?:have\s+in\s+it|has\s+in\s+it|contain|include|consist\s+of|made\s+of))?$",
    re.I,
)
_KIT = r"(?:the\s+)?(?P<kit>[^,;]*?\bkit\b|kit-[\w-]+)"
ADD_TO_KIT = re.compile(
    rf"^(?:please\s+)?(?:add|put|include)\s+(?P<members>.+?)\s+(?:to|in|into)\s+{_KIT}$", re.I
)
TAKE_FROM_KIT = re.compile(
    rf"^(?:please\s+)?(?:remove|take|drop)\s+(?P<members>.+?)\s+(?:from|out\s+of)\s+{_KIT}$", re.I
)
KIT_WITHOUT = re.compile(
    rf"^(?:please\s+)?(?:check\s*out|take|borrow|sign\s*out|grab)\s+{_KIT}\s+(?:without|except(?:\s+for)?|but\s+not|minus)\s+"
    r"(?P<members>.+?)(?P<rest>\s+(?:for|till|until|back|due)\b.*)?$",
    re.I,
)
SEPARATORS = re.compile(r"\s*(?:,|;|\+|&|\band\b|\bplus\b)\s*", re.I)


def read(text: str) -> C.Command | None:
    asked = WHAT_IS_IN.match(text.strip().rstrip("?.! "))
    if asked:
        return C.Info(ref=asked["ref"])
    for pattern, field in ((ADD_TO_KIT, "adding"), (TAKE_FROM_KIT, "removing")):
        change = pattern.match(text.strip().rstrip(".!"))
        if change:
            members = tuple(m for m in SEPARATORS.split(change["members"]) if m.strip())
            return C.EditKit(ref=change["kit"], **{field: members})
    found = MAKE_KIT.match(text.strip().rstrip(".!"))
    if not found:
        return None
    members = tuple(m for m in SEPARATORS.split(found["members"]) if m.strip())
    title = (found["quoted"] or found["name"] or "").strip()
    return C.CreateKit(title=title, members=members) if title and members else None
