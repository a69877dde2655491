"""The intermediate representation: every decision templates need, made once, in Python."""

from dataclasses import dataclass, field, replace
from typing import Iterator, List, Optional, Tuple


@dataclass(frozen=True)
class CppType:
    """A C++ type as structure; `cpp` (also `str()`) is the one place it becomes text.

    kind "named": a type spelled as is (`std::string`, `bool`, `docker::KeySet`,
    `docker::JsonValue`); "model": a generated model `name` in `namespace`
    (`::docker::v1_55::ContainerSummary`); "template": `name<args...>`
    (`std::vector`, `std::map`, `docker::Field`, `docker::JsonStream`).
    `optional` wraps the whole in `std::optional<...>`.
    """
    kind: str
    name: str
    args: Tuple["CppType", ...] = ()
    namespace: str = ""
    optional: bool = False

    def render(self, qualify=True):
        if self.kind == "model":
            text = f"::{self.namespace}::{self.name}" if qualify else self.name
        elif self.kind == "template":
            text = f"{self.name}<{', '.join(a.render(qualify) for a in self.args)}>"
        else:
            text = self.name
        return f"std::optional<{text}>" if self.optional else text

    @property
    def cpp(self):
        return self.render()

    def __str__(self):
        return self.render()

    def plain(self):
        """The type without the version namespace, comparable across versions."""
        return self.render(qualify=False)

    def models(self) -> Iterator[str]:
        """Names of the generated models this type mentions, in spelling order."""
        if self.kind == "model":
            yield self.name
        for a in self.args:
            yield from a.models()

    def as_optional(self, optional=True):
        return replace(self, optional=optional)

    @property
    def value(self):
        """The type without its std::optional."""
        return replace(self, optional=False)

    @property
    def is_string(self):
        return self == STRING


def named(spelling):
    return CppType("named", spelling)


def model_type(name, namespace):
    return CppType("model", name, namespace=namespace)


def template(name, *args):
    return CppType("template", name, tuple(args))


def vector(item):
    return template("std::vector", item)


def string_map(value):
    return template("std::map", STRING, value)


def field_of(value):
    return template("docker::Field", value)


STRING = named("std::string")
JSON = named("docker::JsonValue")  # free-form JSON: a box, so model headers need no nlohmann/json.hpp


@dataclass
class Field:
    json_name: str
    cpp_name: str
    cpp_type: CppType        # the value type; the member is docker::Field<cpp_type>
    doc: str = ""
    required: bool = False
    nullable: bool = False
    since: Optional[str] = None   # first API version when newer than the oldest known (facts.py)
    until: Optional[str] = None   # last API version when a newer known version drops it (facts.py)
    # A shape older daemons send that this version's spec no longer has (legacy.py):
    # `until` is the last version with it, `changed_in` the next known version.
    legacy: bool = False
    changed_in: Optional[str] = None
    schema: Optional[dict] = field(default=None, compare=False, repr=False)   # the spec's property


@dataclass
class EnumValue:
    json_value: str
    cpp_name: str


@dataclass
class Model:
    name: str
    kind: str                # "struct" | "enum" | "alias"
    doc: str = ""
    fields: List[Field] = field(default_factory=list)
    values: List[EnumValue] = field(default_factory=list)   # kind == "enum"
    alias_of: Optional[CppType] = None   # kind == "alias"
    deps: List[str] = field(default_factory=list)           # models whose headers it includes

    def fields_by_key_length(self):
        """[(length, [fields])] sorted, for from_json's dispatch on the key length."""
        groups = {}
        for f in self.fields:
            groups.setdefault(len(f.json_name.encode()), []).append(f)
        return sorted(groups.items())

    def keys_by_length(self):
        """[(length, [(json key, [fields])])] sorted by length: a key's current member
        first, then the legacy member of an older shape under the same key (legacy.py)."""
        out = []
        for length, fields in self.fields_by_key_length():
            keys = {}
            for f in fields:
                keys.setdefault(f.json_name, []).append(f)
            out.append((length, [(k, sorted(fs, key=lambda f: f.legacy)) for k, fs in keys.items()]))
        return out

    def member_keys(self):
        """[(json key, compact form, [fields])] in the spec's order (legacy
        shapes after), which dockerd's encoder also follows: read_model tries
        the member after the last one read first. The compact form is the key
        as it appears in compact text, `"Key":`, or "" (never tried) for a key
        that JSON would escape."""
        keys = {}
        for f in self.fields:
            keys.setdefault(f.json_name, []).append(f)
        plain = lambda k: all(0x20 <= ord(c) < 0x7F and c not in '"\\' for c in k)
        return [(k, f'"{k}":' if plain(k) else "", sorted(fs, key=lambda f: f.legacy)) for k, fs in keys.items()]

    def member_index(self, json_name):
        """The position of a key in member_keys()."""
        return [k for k, _, _ in self.member_keys()].index(json_name)

    @property
    def current_fields(self):
        """The fields of this version's spec (no legacy shapes)."""
        return [f for f in self.fields if not f.legacy]


@dataclass
class Param:
    json_name: str
    cpp_name: str
    cpp_type: CppType        # member type as declared in the params struct (optional: std::optional)
    location: str            # "path" | "query" | "header" | "body"
    required: bool
    doc: str = ""
    encoding: str = "plain"  # query: plain | json | json_each ; header: plain | auth | auth_config ;
                             # path: segment | slashed ; body: json | stream
    since: Optional[str] = None   # first API version when newer than its operation (facts.py)
    until: Optional[str] = None   # last API version when a newer known version drops it (facts.py)

    @property
    def where(self):
        r"""How the reference names it: `query parameter \`all\``, `JSON body`."""
        if self.location == "body":
            return "request body (JSON)" if self.encoding == "json" else "request body (stream)"
        return f"{self.location} parameter `{self.json_name}`"


# What the runtime throws for a status (runtime/src/errors.cpp, throw_status_error).
ERROR_TYPES = {304: "docker::NotModified", 400: "docker::InvalidArgument", 401: "docker::Unauthorized",
               403: "docker::Forbidden", 404: "docker::NotFound", 409: "docker::Conflict",
               501: "docker::NotImplemented", 503: "docker::Unavailable"}


@dataclass
class ErrorResponse:
    status: int
    doc: str = ""

    @property
    def exception(self):
        if self.status in ERROR_TYPES:
            return ERROR_TYPES[self.status]
        return "docker::Internal" if self.status >= 500 else "docker::ApiError"


@dataclass
class Response:
    kind: str                # json | empty | text | binary | json_stream | output | hijack | header_json
    cpp_type: Optional[CppType] = None   # decoded type (json, json_stream item, header_json)
    header: str = ""         # header_json: the header carrying base64 JSON
    upgrade: str = "tcp"     # hijack: the protocol of the Upgrade header

    @property
    def return_type(self) -> CppType:
        if self.kind in ("json", "header_json"):
            return self.cpp_type
        if self.kind == "json_stream":
            return template("docker::JsonStream", self.cpp_type)
        if self.kind == "binary":
            return template("std::unique_ptr", named("docker::ByteReader"))
        return named({
            "empty": "void",
            "text": "std::string",
            "output": "docker::OutputStream",
            "hijack": "docker::HijackResponse",
        }[self.kind])


@dataclass
class PathPart:
    literal: str = ""
    param: Optional[Param] = None


@dataclass
class Operation:
    operation_id: str
    method_name: str
    tag: str
    http_method: str
    path: str
    path_parts: List[PathPart]
    summary: str
    doc: str
    params: List[Param]
    response: Response
    params_struct: str
    content_type: str = ""   # of the request body
    deprecated: bool = False
    deps: List[str] = field(default_factory=list)         # models it takes or returns
    # The models its parameter struct holds (complete types there); what it only
    # returns is declared, so the tag's declarations need fewer model headers.
    param_deps: List[str] = field(default_factory=list)
    result_deps: List[str] = field(default_factory=list)   # the models its result names
    since: Optional[str] = None   # first API version when newer than the oldest known (facts.py)
    until: Optional[str] = None   # last API version when a newer known version drops it (facts.py)
    errors: List[ErrorResponse] = field(default_factory=list)   # the spec's non-success statuses
    # [(JSON path in the request body, first API version)] of the body fields newer than the
    # operation, in any known version (also those newer than this one): facts.py
    body_since: List[Tuple[str, str]] = field(default_factory=list)

    @property
    def body(self):
        return next((p for p in self.params if p.location == "body"), None)

    @property
    def result_alias(self):
        """Api::<OperationId>Result, the name of what it returns in the traits struct."""
        stem = self.params_struct
        return (stem[:-len("Params")] if stem.endswith("Params") else stem) + "Result"

    @property
    def slashed_mask(self):
        """docker::Route::slashed: bit i set when the i-th path parameter keeps its '/'."""
        params = [part.param for part in self.path_parts if part.param]
        return sum(1 << i for i, p in enumerate(params) if p.encoding == "slashed")

    @property
    def has_required(self):
        return any(p.required and p.location in ("path", "body") for p in self.params)


@dataclass
class Tag:
    name: str
    class_name: str
    file_stem: str
    doc: str
    operations: List[Operation]
    deps: List[str] = field(default_factory=list)
    display_name: str = ""   # x-displayName ("Containers"), the reference's group title
    param_deps: List[str] = field(default_factory=list)   # Operation.param_deps of all its operations

    @property
    def result_only_deps(self):
        """The models only its results name: the public tag header adds them to the declarations."""
        held = set(self.param_deps)
        return [d for d in self.deps if d not in held]


@dataclass
class Api:
    version: str             # "1.55"
    version_id: str          # "1_55"
    namespace: str           # "docker::v1_55"
    spec_name: str
    spec_sha256: str
    generator_version: str
    models: List[Model]
    tags: List[Tag]
    patch_count: int = 0
    oldest_known: str = ""   # oldest version of the facts table: "since" notes start there
    legacy_count: int = 0    # legacy members added (legacy.py)

    def model_groups(self):
        """{model name: [tag file stems]}: the operation areas whose operations name the
        model directly (the reference lists it on those pages)."""
        groups = {}
        for tag in self.tags:
            for dep in tag.deps:
                groups.setdefault(dep, []).append(tag.file_stem)
        return groups
