"""Every audit action the code can write has a row that proves it is written, on its object.

The rows live beside each app's services, in ``remix/<app>/tests/test_audit_events.py``
(``remix/core/tests/audit_rows.py`` says how a row reads). Here the source of ``remix/`` is read
(outside tests and migrations) for every ``action=`` given to ``audit_record`` or to a wrapper
that passes its keywords on (the ledger's ``_record``), and each action must have a row.

An action built at run time is expanded into the values the code can give it: a conditional
(``"…created" if created else "…updated"``), a name assigned a string (``IDEMPOTENCY_ACTION``),
an f-string whose parts are such values, a parameter by the strings its callers in the module pass
(``_reported(event, key, "refused", …)`` gives ``funding.webhook.refused``) and an attribute by the
strings passed under that keyword in the module (``_Kind(key="commons")`` gives
``catalogue.commons.…``). A part the scan cannot expand shows as ``<unresolved …>`` and, having
no row, fails the test: teach the scan, or write the action out.

Every action found today has a row, the ten ``catalogue.{document|commons}.{…}`` and the three
``funding.webhook.{status}`` included: none was out of reach. Two are written outside services,
and their rows go through the same door as people do: ``accounts.user.verified`` (the admin's
action) and ``grants.application.api_key`` (the API's create endpoint with an Idempotency-Key).
"""

import ast
import importlib
from collections import defaultdict
from pathlib import Path

import remix

SOURCE = Path(remix.__file__).parent
WRITER = "audit_record"


def _python_files(root: Path):
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node) -> str:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def _calls(node, scope=None):
    """Every call in a module, with the function it is written in (None at module level)."""
    for child in ast.iter_child_nodes(node):
        inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
        if isinstance(child, ast.Call):
            yield child, scope
        yield from _calls(child, inner)


def _wrappers(modules) -> set[str]:
    """Functions that hand their keywords on to ``audit_record(**kwargs)``."""
    found = set()
    for _path, module in modules:
        for function in ast.walk(module):
            if isinstance(function, ast.FunctionDef):
                for call in ast.walk(function):
                    if (
                        isinstance(call, ast.Call)
                        and _name(call.func) == WRITER
                        and any(keyword.arg is None for keyword in call.keywords)
                    ):
                        found.add(function.name)
    return found


class _Expander:
    """The strings an expression of one module can be, as far as a reading of it can tell."""

    def __init__(self, module: ast.Module):
        self.module = module
        self.calls = list(_calls(module))
        self.reading: set[int] = set()  # the nodes being expanded: a loop stops unresolved

    def values(self, node, scope) -> set[str]:
        if id(node) in self.reading:
            return {f"<unresolved {ast.unparse(node)}>"}
        self.reading.add(id(node))
        try:
            return self._values(node, scope)
        finally:
            self.reading.discard(id(node))

    def _values(self, node, scope) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return self.values(node.body, scope) | self.values(node.orelse, scope)
        if isinstance(node, ast.JoinedStr):
            texts = {""}
            for part in node.values:
                options = self.values(
                    part.value if isinstance(part, ast.FormattedValue) else part, scope
                )
                texts = {text + option for text in texts for option in options}
            return texts
        if isinstance(node, ast.Name):
            return self.name_values(node.id, scope) or {f"<unresolved {node.id}>"}
        if isinstance(node, ast.Attribute):
            return self.keyword_values(node.attr) or {f"<unresolved {ast.unparse(node)}>"}
        return {f"<unresolved {ast.unparse(node)}>"}

    def name_values(self, name: str, scope) -> set[str]:
        """Assigned in the function, else at module level, else a parameter given by callers."""
        places = [(list(ast.walk(scope)), scope)] if scope is not None else []
        places.append((self.module.body, None))
        for nodes, where in places:
            found = set()
            for node in nodes:
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        found |= self._assigned(name, target, node.value, where)
            if found:
                return found
        if scope is not None:
            return self.argument_values(scope, name)
        return set()

    def _assigned(self, name, target, value, scope) -> set[str]:
        if isinstance(target, ast.Name) and target.id == name:
            return self.values(value, scope)
        if (
            isinstance(target, ast.Tuple)
            and isinstance(value, ast.Tuple)
            and len(target.elts) == len(value.elts)  # no starred target
        ):
            pairs = zip(target.elts, value.elts, strict=True)
            return set().union(*(self._assigned(name, t, v, scope) for t, v in pairs))
        return set()

    def argument_values(self, function, name: str) -> set[str]:
        positional = [arg.arg for arg in function.args.posonlyargs + function.args.args]
        found = set()
        for call, scope in self.calls:
            if _name(call.func) != function.name:
                continue
            if name in positional and positional.index(name) < len(call.args):
                found |= self.values(call.args[positional.index(name)], scope)
            for keyword in call.keywords:
                if keyword.arg == name:
                    found |= self.values(keyword.value, scope)
        return found

    def keyword_values(self, attribute: str) -> set[str]:
        found = set()
        for call, scope in self.calls:
            for keyword in call.keywords:
                if keyword.arg == attribute:
                    found |= self.values(keyword.value, scope)
        return found


def actions_written(root: Path) -> dict[str, set[str]]:
    """Every audit action the code under ``root`` can write, with where: {action: {"path:line"}}."""
    modules = list(_python_files(root))
    writers = {WRITER} | _wrappers(modules)
    found = defaultdict(set)
    for path, module in modules:
        expander = _Expander(module)
        for call, scope in expander.calls:
            action = next((k.value for k in call.keywords if k.arg == "action"), None)
            if action is None or _name(call.func) not in writers:
                continue
            for value in expander.values(action, scope):
                found[value].add(f"{path.relative_to(root.parent)}:{call.lineno}")
    return dict(found)


def all_rows() -> list:
    rows = []
    for path in sorted(SOURCE.glob("*/tests/test_audit_events.py")):
        if path.parent.parent.name != "core":
            app = path.parent.parent.name
            rows += importlib.import_module(f"remix.{app}.tests.test_audit_events").ROWS
    return rows


def test_every_action_the_code_writes_has_a_row_and_every_row_an_action_written():
    written = actions_written(SOURCE)
    rows = {row.action for row in all_rows()}

    without_row = {action: sorted(where) for action, where in written.items() if action not in rows}
    assert without_row == {}
    assert rows - set(written) == set()
    assert len(written) >= 80  # the scan still finds what it found when this was written


def test_each_row_has_its_own_id():
    ids = [row.id for row in all_rows()]
    assert sorted(ids) == sorted(set(ids))


def test_audit_events_are_written_through_audit_record_only():
    direct = [
        f"{path.relative_to(SOURCE.parent)}:{call.lineno}"
        for path, module in _python_files(SOURCE)
        if path != SOURCE / "core" / "audit.py"
        for call, _scope in _calls(module)
        if _name(call.func) in {"create", "bulk_create", "AuditEvent"}
        and "AuditEvent" in ast.unparse(call.func)
    ]
    assert direct == []


# A services module of a made-up app: every way the code names an action, and a few it cannot.
SCANNED_SERVICES = """from remix.core.audit import audit_record

NAMED = "app.thing.named"


def _record(**kwargs):
    return audit_record(**kwargs)


class Kind:
    def __init__(self, key):
        self.key = key


PAGE, NOTE = Kind(key="page"), Kind(key="note")


def save(kind, created, hide):
    audit_record(action="app.thing.literal")
    audit_record(action="app.thing.created" if created else "app.thing.updated")
    audit_record(action=NAMED)
    _record(action=f"app.{kind.key}.{'hidden' if hide else 'shown'}")
    local = "app.thing.local"
    audit_record(action=local)
    state, _data = "done", {}
    audit_record(action=f"app.{kind.key}.{state}")
    audit_record(action=unknown())
    AuditEvent.objects.filter(action="app.thing.read")


def report(event, status):
    audit_record(action=f"app.hook.{status}")


def again(event, status):
    audit_record(action=f"app.loop.{status}")
    again(event, status)


def hook(event):
    report(event, "refused")
    report(event, status="unmatched")
"""


def test_the_scan_expands_what_the_code_can_build(tmp_path):
    package = tmp_path / "app"
    (package / "tests").mkdir(parents=True)
    (package / "services.py").write_text(SCANNED_SERVICES)
    (package / "tests" / "test_services.py").write_text(
        'audit_record(action="app.thing.in_a_test")\n'
    )

    assert sorted(actions_written(tmp_path)) == [
        "<unresolved unknown()>",
        "app.hook.refused",
        "app.hook.unmatched",
        "app.loop.<unresolved status>",
        "app.note.done",
        "app.note.hidden",
        "app.note.shown",
        "app.page.done",
        "app.page.hidden",
        "app.page.shown",
        "app.thing.created",
        "app.thing.literal",
        "app.thing.local",
        "app.thing.named",
        "app.thing.updated",
    ]
