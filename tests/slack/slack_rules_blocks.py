"""Block Kit rules: what Slack checks in a list of blocks (a message's or a view's), each limit
citing its page of https://docs.slack.dev/reference/block-kit."""

from __future__ import annotations

from typing import Any, Iterator

from slack_sdk.models.blocks import Block

from tests.slack.slack_rules_refusal import _problem

BLOCKS_DOC = "https://docs.slack.dev/reference/block-kit/blocks"

# https://docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message,
# and 100 blocks in modals or Home tabs".
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
# https://docs.slack.dev/reference/block-kit/blocks/section-block: block_id max 255 and should be
# unique for each message; text max 3000; fields max 10 items, each max 2000.
MAX_BLOCK_ID = 255
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_SECTION_FIELD_TEXT = 2000
# https://docs.slack.dev/reference/block-kit/blocks/header-block: plain_text, max 150.
MAX_HEADER_TEXT = 150
# https://docs.slack.dev/reference/block-kit/blocks/actions-block: max 25 elements.
MAX_ACTIONS_ELEMENTS = 25
MAX_PLACEHOLDER = 150
# https://docs.slack.dev/reference/block-kit/blocks/context-block: max 10 elements.
MAX_CONTEXT_ELEMENTS = 10
# https://docs.slack.dev/reference/block-kit/block-elements/button-element: text plain_text max 75,
# action_id max 255 (unique among the action_ids of its block), value max 2000, url max 3000.
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_URL = 3000
MAX_ACTION_ID = 255

# The block types slack_sdk.models knows (Block.parse answers None for anything else); they are
# the ones listed on https://docs.slack.dev/reference/block-kit/blocks.
KNOWN_BLOCK_TYPES = frozenset(
    {
        "section",
        "divider",
        "image",
        "actions",
        "context",
        "context_actions",
        "input",
        "file",
        "call",
        "header",
        "markdown",
        "video",
        "rich_text",
        "table",
        "task_card",
        "plan",
        "alert",
        "card",
        "container",
        "carousel",
        "auth_provider",
    }
)
TEXT_OBJECT_TYPES = ("plain_text", "mrkdwn")


def _text_of(obj: Any) -> str | None:
    return obj.get("text") if isinstance(obj, dict) and isinstance(obj.get("text"), str) else None


def _too_long(obj: Any, limit: int, pointer: str) -> list[str]:
    text = _text_of(obj)
    if text is not None and len(text) > limit:
        return [_problem(f"must be less than {limit + 1} characters", pointer)]
    return []


def _walk(node: Any, pointer: str) -> Iterator[tuple[dict, str]]:
    """Every dict inside a block, with its JSON pointer."""
    if isinstance(node, dict):
        yield node, pointer
        for key, value in node.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{pointer}/{i}")


def _empty_text_objects(block: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/composition-objects/text-object: `text` is required
    # (min length 1) for plain_text and mrkdwn objects.
    return [
        _problem("must be more than 0 characters", f"{p}/text")
        for node, p in _walk(block, pointer)
        if node.get("type") in TEXT_OBJECT_TYPES and not (_text_of(node) or "")
    ]


def _element_problems(element: Any, pointer: str) -> list[str]:
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [_problem("must be an element object with a type", pointer)]
    problems: list[str] = []
    action_id = element.get("action_id")
    if action_id is not None and (not isinstance(action_id, str) or len(action_id) > MAX_ACTION_ID):
        problems.append(
            _problem(f"must be a string of at most {MAX_ACTION_ID} characters", f"{pointer}/action_id")
        )
    if element["type"] == "button":
        problems += _button_problems(element, pointer)
    if element["type"].endswith("_select"):
        problems += _select_problems(element, pointer)
    return problems


def _select_problems(menu: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element: `placeholder` is
    # a plain_text object, its text at most 150 characters.
    placeholder = menu.get("placeholder")
    if placeholder is None:
        return []
    if not isinstance(placeholder, dict) or placeholder.get("type") != "plain_text":
        return [_problem("must be a plain_text text object", f"{pointer}/placeholder")]
    return _too_long(placeholder, MAX_PLACEHOLDER, f"{pointer}/placeholder/text")


def _button_problems(button: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/block-elements/button-element
    text = button.get("text")
    if not isinstance(text, dict) or text.get("type") != "plain_text":
        return [_problem("must be a plain_text text object", f"{pointer}/text")]
    problems = _too_long(text, MAX_BUTTON_TEXT, f"{pointer}/text/text")
    for key, limit in (("value", MAX_BUTTON_VALUE), ("url", MAX_BUTTON_URL)):
        value = button.get(key)
        if isinstance(value, str) and len(value) > limit:
            problems.append(_problem(f"must be less than {limit + 1} characters", f"{pointer}/{key}"))
    return problems


def _duplicate_action_ids(elements: list, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/block-elements/button-element: action_id "should be
    # unique among all other action_ids in the containing block"; duplicates fail the whole message.
    seen: set[str] = set()
    problems = []
    for i, element in enumerate(elements):
        action_id = element.get("action_id") if isinstance(element, dict) else None
        if isinstance(action_id, str):
            if action_id in seen:
                problems.append(
                    _problem(f"duplicate action_id '{action_id}' in block", f"{pointer}/{i}/action_id")
                )
            seen.add(action_id)
    return problems


def _section_problems(block: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/blocks/section-block
    problems = _too_long(block.get("text"), MAX_SECTION_TEXT, f"{pointer}/text/text")
    fields = block.get("fields")
    if isinstance(fields, list):
        if len(fields) > MAX_SECTION_FIELDS:
            problems.append(_problem(f"no more than {MAX_SECTION_FIELDS} items allowed", f"{pointer}/fields"))
        for i, item in enumerate(fields):
            problems += _too_long(item, MAX_SECTION_FIELD_TEXT, f"{pointer}/fields/{i}/text")
    if "accessory" in block:
        problems += _element_problems(block["accessory"], f"{pointer}/accessory")
    return problems


def _header_problems(block: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/blocks/header-block
    text = block.get("text")
    if not isinstance(text, dict) or text.get("type") != "plain_text":
        return [_problem("must be a plain_text text object", f"{pointer}/text")]
    return _too_long(text, MAX_HEADER_TEXT, f"{pointer}/text/text")


def _elements_problems(block: dict, pointer: str, limit: int, interactive: bool) -> list[str]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        return [_problem("must provide at least one element", f"{pointer}/elements")]
    problems = []
    if len(elements) > limit:
        problems.append(_problem(f"no more than {limit} items allowed", f"{pointer}/elements"))
    if interactive:
        for i, element in enumerate(elements):
            problems += _element_problems(element, f"{pointer}/elements/{i}")
        problems += _duplicate_action_ids(elements, f"{pointer}/elements")
    return problems


def _type_specific_problems(block: dict, pointer: str) -> list[str]:
    kind = block["type"]
    if kind == "section":
        return _section_problems(block, pointer)
    if kind == "header":
        return _header_problems(block, pointer)
    if kind == "actions":  # https://docs.slack.dev/reference/block-kit/blocks/actions-block
        return _elements_problems(block, pointer, MAX_ACTIONS_ELEMENTS, interactive=True)
    if kind == "context":  # https://docs.slack.dev/reference/block-kit/blocks/context-block
        return _elements_problems(block, pointer, MAX_CONTEXT_ELEMENTS, interactive=False)
    if kind == "input" and "element" in block:
        return _element_problems(block["element"], f"{pointer}/element")
    return []


def _sdk_problems(block: dict, pointer: str) -> list[str]:
    """slack_sdk.models' own checks (Block.parse + validate_json)."""
    try:
        parsed = Block.parse(block)
        if parsed is None:
            return [_problem(f"unsupported block type '{block.get('type')}'", f"{pointer}/type")]
        parsed.validate_json()
    except Exception as error:  # the SDK raises SlackObjectFormationError, TypeError, ...
        return [_problem(f"{type(error).__name__}: {error}", pointer)]
    return []


def _block_problems(block: Any, pointer: str) -> list[str]:
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        return [_problem("must be a block object with a type", pointer)]
    if block["type"] not in KNOWN_BLOCK_TYPES:  # https://docs.slack.dev/reference/block-kit/blocks
        return [_problem(f"unsupported block type '{block['type']}'", f"{pointer}/type")]
    problems = _sdk_problems(block, pointer)
    block_id = block.get("block_id")
    if block_id is not None and (not isinstance(block_id, str) or len(block_id) > MAX_BLOCK_ID):
        problems.append(
            _problem(f"must be a string of at most {MAX_BLOCK_ID} characters", f"{pointer}/block_id")
        )
    return problems + _type_specific_problems(block, pointer) + _empty_text_objects(block, pointer)


def _duplicate_block_ids(blocks: list, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/blocks/section-block (block_id): "should be unique
    # for each message and each iteration of a message".
    seen: set[str] = set()
    problems = []
    for i, block in enumerate(blocks):
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if isinstance(block_id, str):
            if block_id in seen:
                problems.append(_problem(f"duplicate block_id '{block_id}'", f"{pointer}/{i}/block_id"))
            seen.add(block_id)
    return problems


def block_problems(blocks: Any, max_blocks: int, pointer: str = "/blocks") -> list[str]:
    """What is wrong with a list of blocks (empty list: nothing)."""
    if not isinstance(blocks, list):
        return [_problem("must be an array of blocks", pointer)]
    problems = []
    if len(blocks) > max_blocks:
        problems.append(_problem(f"no more than {max_blocks} items allowed", pointer))
    for i, block in enumerate(blocks):
        problems += _block_problems(block, f"{pointer}/{i}")
    return problems + _duplicate_block_ids(blocks, pointer)
