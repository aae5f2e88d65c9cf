"""Where citeproc-py 0.11.1 departs from CSL 1.0.2 in ways our styles hit, and the fixes.

citeproc-py passes about 60 % of the CSL test suite. Four of its departures change what
the official styles we vendor print for our items, and it is slow; `apply()` patches the
library's classes once per process (fix 4 with the help of `source()`):

1. **Group suppression** (CSL §"Group"): a group is suppressed only when the variables it
   *calls while rendering* are all empty. citeproc-py asks every branch of every `cs:choose`
   statically, so GB/T's `[N]`, `[R]`, `[EB]` vanish from any entry without a URL (the
   medium macro has a variable in a branch not taken). We decide per item, on the branch
   `cs:choose` really takes.
2. **Labels of empty variables** (CSL §"Label": rendered only if the variable is non-empty):
   Chicago printed "Edition." after every newspaper entry. A label of an absent variable
   now renders nothing.
3. **Speed** (not a departure): every option and term lookup is an XPath query on the
   style, and an item's reference is looked up through three objects at every test; the
   style trees never change once loaded, so both are memoised (about 3× faster, the same
   output).
4. **Name-part formatting of institutional names** (CSL §"Name-part Formatting": personal
   names only): GB/T 2015 upper-cases family names and citeproc-py applies that to literal
   names too ("INNOVATION HUB ATLAS"). `source()` notes the literal names it hands over,
   and name-part formatting leaves them as they are.
5. **`initialize="false"`** (CSL 1.0.1 name option) is ignored: Chicago's reference list
   gave "Smith, J., J. Doe" for John Smith and Jane Doe. Given names now stay whole there.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from citeproc import model
from citeproc.source import CitationItem, Name, VariableError
from citeproc.source.json import CiteProcJSON

_APPLIED: list[bool] = []
_LITERALS: set[str] = set()


class _Source(CiteProcJSON):
    def parse_names(self, json_data: Iterable[dict[str, str]]) -> list[Name]:
        names = []
        for data in json_data:
            if "literal" in data:
                _LITERALS.add(data["literal"])
            names.append(Name(**data))
        return names


def _format_part(original: Any) -> Any:
    def format_part(self: Any, given: Any, family: Any) -> Any:
        if not given and str(family) in _LITERALS:  # a literal name, joined into a str
            return given, family
        return original(self, given, family)

    return format_part


def source(items: list[dict[str, Any]]) -> CiteProcJSON:
    """A citeproc-py bibliography source of CSL-JSON items (fix 4)."""
    return _Source(items)


def _condition(branch: Any, item: Any) -> None:
    """The test half of citeproc-py's `If.render` (raises ConditionFailed)."""
    results: list[bool] = []
    if "type" in branch.attrib:
        results += branch._type(item)
    if "variable" in branch.attrib:
        results += branch._variable(item)
    if "is-numeric" in branch.attrib:
        results += branch._is_numeric(item)
    if "is-uncertain-date" in branch.attrib:
        results += branch._is_uncertain_date(item)
    if "locator" in branch.attrib:
        results += branch._locator(item)
    if "position" in branch.attrib:
        results += branch._position(item, None)
    match = branch.get("match")
    if match == "any":
        result = any(results)
    elif match == "none":
        result = not any(results)
    else:
        result = all(results)
    if not result:
        raise model.ConditionFailed


def calls_variable(element: Any, item: Any) -> bool:
    """Whether rendering `element` for `item` calls a variable (fix 1)."""
    if isinstance(element, model.Choose):
        for branch in element.getchildren():
            if isinstance(branch, model.Else):
                return any(calls_variable(child, item) for child in branch)
            try:
                _condition(branch, item)
            except model.ConditionFailed:
                continue
            return any(calls_variable(child, item) for child in branch)
        return False
    if isinstance(element, model.Text) and "macro" in element.attrib:
        macro = element.get_macro(element.get("macro"))
        return any(calls_variable(child, item) for child in macro)
    return bool(element.calls_variable())


def _group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    output = []
    variable_called = False
    variable_rendered = False
    delimiter = self.get("delimiter", "")
    for child in self.iterchildren():
        calls = calls_variable(child, item)
        variable_called = variable_called or calls
        try:
            if isinstance(child, model.Choose):
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
            if text is not None:
                output.append(text)
                variable_rendered = variable_rendered or calls
        except VariableError:
            pass
    if output and (not variable_called or variable_rendered):
        return self.join(output)
    raise VariableError


def _label_process(original: Any) -> Any:
    def process(self: Any, item: Any, variable: str | None = None, *args: Any, **kwargs: Any):
        name = variable if variable is not None else self.get("variable")
        if name == "locator":
            if not item.has_locator:
                return None
        elif name and name.replace("-", "_") not in item.reference:
            return None
        return original(self, item, variable, *args, **kwargs)

    return process


def _memoised_xpath(original: Any) -> Any:
    cache: dict[tuple[Any, str], Any] = {}

    def xpath_search(self: Any, expression: str) -> Any:
        # the key holds the element, so lxml keeps handing out this same proxy for it
        key = (self, expression)
        if key not in cache:
            cache[key] = original(self, expression)
        return cache[key]

    return xpath_search


def _name_option(original: Any) -> Any:
    def get_option(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "initialize-with" and self.get("initialize", "true") == "false":
            return None
        return original(self, name, *args, **kwargs)

    return get_option


def apply() -> None:
    """Patch citeproc-py's classes (fixes 1–5); idempotent."""
    if _APPLIED:
        return
    _APPLIED.append(True)
    model.Group.process = _group_process
    model.Label.process = _label_process(model.Label.process)
    model.Name_Part.format_part = _format_part(model.Name_Part.format_part)
    model.Name.get_option = _name_option(model.Name.get_option)
    model.CitationStylesElement.xpath_search = _memoised_xpath(
        model.CitationStylesElement.xpath_search
    )
    reference = functools.cached_property(lambda item: item.bibliography.source[item.key])
    reference.__set_name__(CitationItem, "reference")
    CitationItem.reference = reference
