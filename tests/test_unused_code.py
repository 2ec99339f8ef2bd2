"""No function or method of the product that nothing in the product calls: a helper only the
tests use belongs under tests/. Measured on the source with the AST, as vulture measures at
60 % confidence: a name defined by `def` and never used (read, called, passed, named in a
string as getattr and Qt take names) anywhere in ttdn_desktop/ is unused, whatever object it
is on. Qt's virtual methods (camelCase: paintEvent, sizeHint…), dunder methods and the
callbacks of the standard library listed below are called by their libraries, not by us."""

import ast
import re

from tests.test_layers import PACKAGE, _modules

# Methods the standard library calls on our subclasses.
LIBRARY_CALLBACKS = {
    "handle_starttag": "html.parser.HTMLParser (exchange/mail_body.py)",
    "handle_endtag": "html.parser.HTMLParser (exchange/mail_body.py)",
    "handle_data": "html.parser.HTMLParser (exchange/mail_body.py)",
    "header_fetch_parse": "email.policy.Policy (exchange/mail.py)",
}
QT_VIRTUAL = re.compile(r"^[a-z]+[A-Z]\w*$")
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


def _used(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                IDENTIFIER.match(node.value):
            names.add(node.value)
        elif isinstance(node, ast.alias):
            names.add(node.name.rpartition(".")[2])
    return names


def unused_functions(sources: dict[str, str]) -> list[str]:
    """«file:line name» of every function defined in `sources` ({name: text}) and used in
    none of them."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    used = set().union(*(_used(tree) for tree in trees.values()))
    found = []
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            function = node.name
            if function in used or function in LIBRARY_CALLBACKS or \
                    QT_VIRTUAL.match(function) or \
                    (function.startswith("__") and function.endswith("__")):
                continue
            found.append(f"{name}:{node.lineno} {function}")
    return found


def test_every_function_of_the_product_is_used_by_the_product():
    sources = {p.relative_to(PACKAGE).as_posix(): p.read_text(encoding="utf-8")
               for p in _modules()}
    assert unused_functions(sources) == []


def test_the_check_finds_what_nothing_calls():
    sources = {"a.py": "def used():\n    pass\n\n\ndef only_tests_call_me():\n    pass\n\n\n"
                       "class View:\n    def paintEvent(self, event):\n        pass\n\n"
                       "    def __len__(self):\n        return 0\n\n"
                       "    def by_name(self):\n        pass\n\n"
                       "    def handle_data(self, data):\n        pass\n",
               "b.py": "from a import used\nused()\ngetattr(object(), 'by_name')\n"}
    assert unused_functions(sources) == ["a.py:5 only_tests_call_me"]
