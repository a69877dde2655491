"""Turning spec names into valid, readable C++ identifiers."""

import re

CPP_KEYWORDS = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new noexcept not not_eq
nullptr operator or or_eq private protected public register reinterpret_cast requires return
short signed sizeof static static_assert static_cast struct switch template this thread_local
throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
xor xor_eq final override import module
""".split())

# Macros that common system headers define and that would silently rewrite a member name.
KNOWN_MACROS = frozenset("""
major minor makedev linux unix i386 errno assert NULL EOF stdin stdout stderr
BUFSIZ TRUE FALSE DOMAIN OVERFLOW UNDERFLOW
""".split())

RESERVED = CPP_KEYWORDS | KNOWN_MACROS


def sanitize(name: str) -> str:
    """Any string -> an identifier: invalid characters become '_', keywords get a '_' suffix."""
    ident = re.sub(r"[^0-9A-Za-z_]", "_", name)
    if not ident:
        return "empty"
    if ident[0].isdigit():
        ident = "_" + ident
    if ident.startswith("__") or (ident.startswith("_") and len(ident) > 1 and ident[1].isupper()):
        ident = "x" + ident  # reserved for the implementation
    if ident in RESERVED:
        ident += "_"
    return ident


def pascal(name: str) -> str:
    """'one-shot' -> 'OneShot', 'os.version' -> 'OsVersion', 'IPAMConfig' stays."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", name) if p]
    return "".join(p[0].upper() + p[1:] for p in parts) or "Empty"


def snake(name: str) -> str:
    """'ContainerCreate' -> 'container_create', 'Content-Type' -> 'content_type'."""
    s = re.sub(r"[^0-9A-Za-z]+", "_", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return sanitize(s.strip("_").lower())


def enum_constant(value) -> str:
    """An enum value as a constant name: '' -> 'empty', 'on-failure' -> 'on_failure'."""
    text = str(value)
    if text == "":
        return "empty"
    ident = re.sub(r"[^0-9A-Za-z_]", "_", text)
    if ident[0].isdigit():
        ident = "v" + ident
    return sanitize(ident)


def unique(name: str, taken: set, separator: str = "") -> str:
    """`name`, or `name2`, `name3`, ... the first one not in `taken` (which it joins).
    With separator "_": `name_`, `name_2`, ... (members clashing with their struct's name)."""
    def candidates():
        yield name
        if separator:
            yield name + separator
        n = 2
        while True:
            yield f"{name}{separator}{n}"
            n += 1

    candidate = next(c for c in candidates() if c not in taken)
    taken.add(candidate)
    return candidate


def version_id(version: str) -> str:
    """'1.55' -> '1_55' (namespace docker::v1_55)."""
    return version.replace(".", "_")
