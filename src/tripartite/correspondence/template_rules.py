"""What a letter template may contain, and the sandbox its text is rendered in.

A template is typed by staff in Word, but its placeholders are Jinja, a programming language:
``{{ ''.__class__.__mro__[1].__subclasses__() }}`` walks from a string to the interpreter and
runs commands on the server. So a template may only print the documented placeholders, test
them in ``{% if %}`` and pass them through a few text filters (``ALLOWED_FILTERS``). Every
parsed template (the text of each paragraph at upload, the XML docxtpl compiles at rendering,
the subject) is walked node by node and anything else is refused: attributes, items, calls,
other filters, tests, arithmetic, and every other tag (``set``, ``for``, ``import``,
``include``, ``macro``…). No placeholder holds a list, so ``for`` has nothing to repeat.

``LetterSandbox`` is the second wall, for a template that reached the renderer without the
first (one stored before these rules, say): a Jinja sandbox in which reading any attribute or
item, calling anything and any arithmetic raise ``SecurityError``, with no globals and only
the allowed filters.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

ALLOWED_FILTERS = ("upper", "lower", "capitalize", "title", "trim")
_COMPARISONS = ("eq", "ne")
_CONSTANTS = (str, int, float, bool, type(None))
_TAGS = {
    nodes.Assign: "set", nodes.AssignBlock: "set", nodes.For: "for", nodes.Macro: "macro",
    nodes.CallBlock: "call", nodes.FilterBlock: "filter", nodes.With: "with",
    nodes.Block: "block", nodes.Extends: "extends", nodes.Include: "include",
    nodes.Import: "import", nodes.FromImport: "from … import",
    nodes.ScopedEvalContextModifier: "autoescape", nodes.EvalContextModifier: "autoescape",
    nodes.ExprStmt: "do", nodes.Continue: "continue", nodes.Break: "break",
}


@dataclass(frozen=True)
class Forbidden:
    """One thing a template may not contain: where (the line of its source) and what."""

    lineno: int
    what: str  # translated: "reading an attribute (“.__class__”)"
    name: str = ""  # set when it is only an unknown name


class TemplateNotAllowed(SecurityError):
    def __init__(self, found: Forbidden):
        super().__init__(found.what)
        self.found = found


def allowed_summary() -> str:
    return _("A template may print the placeholders ({{ name }}), test them with "
             "{% if name %} … {% endif %} and pass them through the filters upper, lower, "
             "capitalize, title and trim; nothing else.")


def forbidden(tree: nodes.Template, known) -> list[Forbidden]:
    """Everything in ``tree`` a template may not contain, in the order of the source; names
    not in ``known`` are reported with ``name`` set (the caller may word them apart)."""
    found = []
    for node in tree.body:
        _statement(node, known, found)
    return sorted(found, key=lambda item: item.lineno)


def require_allowed(tree: nodes.Template, known) -> None:
    found = forbidden(tree, known)
    if found:
        raise TemplateNotAllowed(found[0])


def _statement(node, known, found: list) -> None:
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                _expression(child, known, found)
    elif isinstance(node, nodes.If):
        _expression(node.test, known, found)
        for child in (*node.body, *node.elif_, *node.else_):
            _statement(child, known, found)
    else:
        tag = _TAGS.get(type(node), type(node).__name__.lower())
        found.append(Forbidden(node.lineno, _("the tag “{%% %(tag)s %%}”") % {"tag": tag}))


def _expression(node, known, found: list) -> None:
    if isinstance(node, nodes.Name):
        if node.name not in known or node.ctx != "load":
            found.append(Forbidden(node.lineno, _("the name “%(name)s”") % {"name": node.name},
                                   name=node.name))
    elif isinstance(node, nodes.Const):
        if not isinstance(node.value, _CONSTANTS):
            found.append(Forbidden(node.lineno, _("a value of another kind")))
    elif isinstance(node, nodes.Not):
        _expression(node.node, known, found)
    elif isinstance(node, nodes.And | nodes.Or):
        _expression(node.left, known, found)
        _expression(node.right, known, found)
    elif isinstance(node, nodes.Compare) and all(op.op in _COMPARISONS for op in node.ops):
        _expression(node.expr, known, found)
        for operand in node.ops:
            _expression(operand.expr, known, found)
    elif isinstance(node, nodes.Filter):
        _filter(node, known, found)
    else:
        found.append(Forbidden(node.lineno, _describe(node)))


def _filter(node: nodes.Filter, known, found: list) -> None:
    if node.name not in ALLOWED_FILTERS:
        found.append(Forbidden(node.lineno, _("the filter “|%(name)s”") % {"name": node.name}))
    elif node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        found.append(Forbidden(node.lineno, _("the filter “|%(name)s” with arguments") % {
            "name": node.name}))
    if node.node is not None:
        _expression(node.node, known, found)


def _describe(node) -> str:
    if isinstance(node, nodes.Getattr):
        return _("reading an attribute (“.%(name)s”)") % {"name": node.attr}
    if isinstance(node, nodes.Getitem | nodes.Slice):
        return _("an index or a key (“[…]”)")
    if isinstance(node, nodes.Call):
        return _("a call (“(…)”)")
    if isinstance(node, nodes.Test):
        return _("the test “is %(name)s”") % {"name": node.name}
    if isinstance(node, nodes.BinExpr | nodes.UnaryExpr | nodes.Concat | nodes.Compare):
        return _("a calculation or a comparison other than == and !=")
    return _("an expression of the kind “%(kind)s”") % {"kind": type(node).__name__}


class LetterSandbox(ImmutableSandboxedEnvironment):
    """A Jinja environment in which a template can print values and test them, nothing more."""

    intercepted_binops = frozenset(("+", "-", "*", "/", "//", "%", "**"))
    intercepted_unops = frozenset(("+", "-"))

    def __init__(self, **options):
        super().__init__(**options)
        self.globals = {}  # not even range, lipsum, cycler, joiner, namespace, dict
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}
        self.tests = {}

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return False

    def is_safe_callable(self, obj) -> bool:
        return False

    def getattr(self, obj, attribute):
        raise SecurityError(f"reading {attribute!r} of a {type(obj).__name__} is not allowed")

    def getitem(self, obj, argument):
        raise SecurityError(f"reading an item of a {type(obj).__name__} is not allowed")

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's signature
        raise SecurityError("calling anything is not allowed")

    def call_binop(self, context, operator, left, right):
        raise SecurityError(f"the operator {operator!r} is not allowed")

    def call_unop(self, context, operator, arg):
        raise SecurityError(f"the operator {operator!r} is not allowed")
