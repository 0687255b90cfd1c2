"""Workflow Builder steps (custom functions) as Slack runs them, for the strict double.

- https://docs.slack.dev/tools/bolt-python/concepts/custom-steps: a step is declared in the manifest's
  `functions` (callback id, `input_parameters`, `output_parameters`) and run by a `function_executed`
  event carrying the inputs, a `function_execution_id` and a `bot_access_token` for this execution.
- https://docs.slack.dev/reference/methods/functions.completeSuccess: `function_execution_id` and
  `outputs` (an object conforming to the output parameters) are required; errors
  function_execution_not_found, execution_not_in_running_state, parameter_validation_failed.
- https://docs.slack.dev/reference/methods/functions.completeError: `function_execution_id` and
  `error` (a string) are required; same execution errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FunctionSpec:
    callback_id: str
    inputs: dict[str, str] = field(default_factory=dict)  # name -> type
    required_inputs: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    required_outputs: list[str] = field(default_factory=list)


def read_manifest_functions(path: Path) -> dict[str, FunctionSpec]:
    """The manifest's `functions`, read with an indentation-aware reader (no YAML in the venv):
    functions -> callback id -> input_parameters/output_parameters -> properties (name: type), required."""
    specs: dict[str, FunctionSpec] = {}
    stack: list[tuple[int, str]] = []
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line.strip() or line.strip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        while stack and indent <= stack[-1][0]:
            stack.pop()
        key, _, value = line.strip().partition(":")
        path_keys = [k for _, k in stack]
        if path_keys[:1] == ["functions"]:
            if len(path_keys) == 1:
                specs[key] = FunctionSpec(key)
            elif len(path_keys) >= 3:
                spec, part = specs[path_keys[1]], path_keys[2]
                names = spec.inputs if part == "input_parameters" else spec.outputs
                required = spec.required_inputs if part == "input_parameters" else spec.required_outputs
                if key == "required" and len(path_keys) == 3:
                    required += [n.strip() for n in re.findall(r"[\w]+", value)]
                elif len(path_keys) == 5 and path_keys[3] == "properties" and key == "type":
                    names[path_keys[4]] = value.strip()
        if not value.strip():
            stack.append((indent, key))
    return specs


def outputs_problems(spec: FunctionSpec, outputs: object) -> list[str]:
    if not isinstance(outputs, dict):
        return ["outputs must be an object"]
    problems = [f"missing required output: {name}" for name in spec.required_outputs if name not in outputs]
    problems += [f"unknown output: {name}" for name in outputs if name not in spec.outputs]
    problems += [
        f"output {name} must be a string"
        for name, kind in spec.outputs.items()
        if kind == "string" and name in outputs and not isinstance(outputs[name], str)
    ]
    return problems
