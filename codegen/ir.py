"""The intermediate representation: every decision templates need, made once, in Python."""

from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class Field:
    json_name: str
    cpp_name: str
    cpp_type: str            # the value type; the member is docker::Field<cpp_type>
    doc: str = ""
    required: bool = False
    nullable: bool = False
    since: Optional[str] = None   # first API version when newer than the oldest known (facts.py)


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
    alias_of: str = ""       # kind == "alias"
    deps: List[str] = field(default_factory=list)           # models whose headers it includes

    def fields_by_key_length(self):
        """[(length, [fields])] sorted, for from_json's dispatch on the key length."""
        groups = {}
        for f in self.fields:
            groups.setdefault(len(f.json_name.encode()), []).append(f)
        return sorted(groups.items())


@dataclass
class Param:
    json_name: str
    cpp_name: str
    cpp_type: str            # member type as declared in the params struct
    location: str            # "path" | "query" | "header" | "body"
    required: bool
    doc: str = ""
    encoding: str = "plain"  # query: plain | json | json_each ; header: plain | auth | auth_config ;
                             # path: segment | name ; body: json | stream
    since: Optional[str] = None   # first API version when newer than its operation (facts.py)


@dataclass
class Response:
    kind: str                # json | empty | text | binary | json_stream | output | hijack | header_json
    cpp_type: str = ""       # decoded type (json, json_stream item, header_json)
    header: str = ""         # header_json: the header carrying base64 JSON
    upgrade: str = "tcp"     # hijack: the protocol of the Upgrade header

    @property
    def return_type(self):
        return {
            "json": self.cpp_type,
            "header_json": self.cpp_type,
            "empty": "void",
            "text": "std::string",
            "binary": "std::unique_ptr<docker::ByteReader>",
            "json_stream": f"docker::JsonStream<{self.cpp_type}>",
            "output": "docker::OutputStream",
            "hijack": "docker::HijackResponse",
        }[self.kind]


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
    deps: List[str] = field(default_factory=list)
    since: Optional[str] = None   # first API version when newer than the oldest known (facts.py)

    @property
    def body(self):
        return next((p for p in self.params if p.location == "body"), None)

    @property
    def result_alias(self):
        """Api::<OperationId>Result, the name of what it returns in the traits struct."""
        stem = self.params_struct
        return (stem[:-len("Params")] if stem.endswith("Params") else stem) + "Result"

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
