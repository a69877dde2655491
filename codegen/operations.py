"""Paths -> Operations grouped per tag: parameters, encodings and response kinds."""

import json
import re

from . import ir
from .models import TypeMapper, doc_of, ref_name
from .names import pascal, sanitize, snake, unique
from .spec_source import HTTP_METHODS

MEDIA_OUTPUT = ("application/vnd.docker.raw-stream", "application/vnd.docker.multiplexed-stream")
MEDIA_BINARY = ("application/x-tar", "application/octet-stream", "application/tar")

# Parameter customisations come from the spec as data (spec/patches/*.yaml sets them,
# mostly with `each-parameter` rules): nothing here is keyed on a parameter's name.
ENCODING_KEY = "x-docker-cpp-encoding"   # how the value is sent (ENCODINGS below)
TYPE_KEY = "x-docker-cpp-type"           # a handwritten C++ type, spelled as is
SCHEMA_KEY = "x-docker-cpp-schema"       # a schema the value is typed by, like a model field
ENCODINGS = {
    "query": ("plain", "json"),          # json: sent as JSON text (json_each for `type: array`)
    "header": ("plain", "auth", "auth_config"),
    "path": ("segment", "slashed"),      # slashed: keeps its '/' (routes matched by `{name:.*}`)
}


def encoding_of(p):
    where = p["in"]
    default = ENCODINGS[where][0]
    enc = p.get(ENCODING_KEY, default)
    if enc not in ENCODINGS[where]:
        raise ValueError(f"{ENCODING_KEY}: {enc!r} is not one of {ENCODINGS[where]} for a {where} parameter")
    return enc


class OperationBuilder:
    def __init__(self, document, types: TypeMapper):
        self.document = document
        self.types = types
        self.params_taken = set()

    def build(self):
        tags = {}
        tag_docs = {t["name"]: t.get("description", "") for t in self.document.get("tags") or []}
        tag_titles = {t["name"]: t.get("x-displayName", "") for t in self.document.get("tags") or []}
        for path, item in (self.document.get("paths") or {}).items():
            shared_params = item.get("parameters") or []
            for method in HTTP_METHODS:
                if method in item:
                    op = self.operation(path, method, item[method], shared_params)
                    tags.setdefault(op.tag, []).append(op)
        out = []
        for name in sorted(tags):
            ops = sorted(tags[name], key=lambda o: o.method_name)
            deps = sorted({d for o in ops for d in o.deps})
            param_deps = sorted({d for o in ops for d in o.param_deps})
            class_name = sanitize(pascal(name)) + "Api"
            out.append(ir.Tag(name, class_name, snake(name) + "_api", tag_docs.get(name, "") or "", ops, deps,
                              tag_titles.get(name) or name, param_deps))
        return out

    # -- one operation -----------------------------------------------------
    def operation(self, path, method, spec, shared_params):
        op_id = spec.get("operationId") or pascal(method + "_" + path)
        tag = (spec.get("tags") or ["Misc"])[0]
        params, deps = [], set()
        member_names = set()
        merged = {(p["in"], p["name"]): p for p in shared_params}
        merged.update({(p["in"], p["name"]): p for p in spec.get("parameters") or []})
        order = {"path": 0, "body": 1, "query": 2, "header": 3, "formData": 4}
        for (where, _), p in sorted(merged.items(), key=lambda kv: order.get(kv[0][0], 9)):
            param = self.param(op_id, path, spec, p, member_names, deps)
            if param is not None:
                params.append(param)
        result_deps = set()
        response = self.response(op_id, path, method, spec, result_deps)
        body = next((p for p in params if p.location == "body"), None)
        content_type = ""
        if body is not None:
            content_type = "application/json" if body.encoding == "json" else self.stream_media(spec)
        return ir.Operation(
            operation_id=op_id,
            method_name=snake(op_id),
            tag=tag,
            http_method=method.upper(),
            path=path,
            path_parts=self.path_parts(path, params),
            summary=(spec.get("summary") or "").strip(),
            doc=(spec.get("description") or "").strip(),
            params=params,
            response=response,
            params_struct=unique(sanitize(pascal(op_id)) + "Params", self.types.taken),
            content_type=content_type,
            deprecated=bool(spec.get("deprecated")),
            deps=sorted(deps | result_deps),
            param_deps=sorted(deps),
            result_deps=sorted(result_deps),
            errors=self.errors(spec),
        )

    @staticmethod
    def errors(spec):
        """The non-success statuses the spec lists, in order, with their descriptions."""
        out = []
        for code, answer in (spec.get("responses") or {}).items():
            if str(code).isdigit() and int(code) >= 300:
                out.append(ir.ErrorResponse(int(code), ((answer or {}).get("description") or "").strip()))
        return sorted(out, key=lambda e: e.status)

    @staticmethod
    def stream_media(spec):
        consumes = spec.get("consumes") or []
        for media in ("application/x-tar", "application/octet-stream"):
            if media in consumes:
                return media
        return consumes[0] if consumes else "application/octet-stream"

    def param(self, op_id, path, spec, p, member_names, deps):
        where = p["in"]
        doc = doc_of(p)
        if "default" in p:
            doc += f"{chr(10) if doc else ''}Daemon default: {json.dumps(p['default'], ensure_ascii=False)}"
        name = unique(snake(p["name"]), member_names, "_")
        required = bool(p.get("required")) or where == "path"
        if where == "body":
            schema = p.get("schema") or {}
            resolved = schema
            if "$ref" in schema:
                resolved = self.types.definitions[ref_name(schema["$ref"])]
            if resolved.get("type") == "string":
                return ir.Param(p["name"], name, ir.named("docker::StreamBody"), "body", required, doc, "stream")
            cpp, d = self.types.type_of(schema, pascal(op_id) + "Request")
            deps.update(d)
            return ir.Param(p["name"], name, cpp.as_optional(not required), "body", required, doc, "json")
        if where == "path":
            return ir.Param(p["name"], name, self.scalar(p), "path", True, doc, encoding_of(p))
        if where == "header":
            cpp = self.declared_type(op_id, p, deps) or ir.STRING
            return ir.Param(p["name"], name, cpp.as_optional(not required), "header", required, doc, encoding_of(p))
        if where == "query":
            enc = encoding_of(p)
            if enc == "json":
                cpp = self.declared_type(op_id, p, deps) or ir.JSON
                if p.get("type") == "array":
                    return ir.Param(p["name"], name, ir.vector(cpp).as_optional(not required),
                                    "query", required, doc, "json_each")
                return ir.Param(p["name"], name, cpp.as_optional(not required), "query", required, doc, "json")
            return ir.Param(p["name"], name, self.scalar(p).as_optional(not required), "query", required, doc, "plain")
        return None  # formData: not used by the Engine API

    def declared_type(self, op_id, p, deps):
        """The type a patch gave the parameter (x-docker-cpp-type / -schema), or None."""
        if TYPE_KEY in p:
            return ir.named(p[TYPE_KEY])
        if SCHEMA_KEY in p:
            cpp, d = self.types.type_of(p[SCHEMA_KEY], pascal(op_id) + pascal(p["name"]))
            deps.update(d)
            return cpp
        return None

    def scalar(self, p):
        if p.get("type") == "array":
            return ir.vector(self.scalar(p.get("items") or {"type": "string"}))
        return self.types.scalar(p) or ir.STRING

    @staticmethod
    def path_parts(path, params):
        by_name = {p.json_name: p for p in params if p.location == "path"}
        parts = []
        for piece in re.split(r"(\{[^}]+\})", path):
            if piece.startswith("{"):
                parts.append(ir.PathPart(param=by_name[piece[1:-1]]))
            elif piece:
                parts.append(ir.PathPart(literal=piece))
        return parts

    # -- response kinds -----------------------------------------------------
    def response(self, op_id, path, method, spec, deps):
        responses = spec.get("responses") or {}
        success = sorted(str(c) for c in responses if str(c).startswith("2") or str(c) == "101")
        schema = None
        for code in success:
            if (responses.get(code) or responses.get(int(code)) or {}).get("schema"):
                schema = (responses.get(code) or responses.get(int(code)))["schema"]
                break
        produces = spec.get("produces") or []
        forced = spec.get("x-docker-cpp-response")

        def typed(s, hint):
            cpp, d = self.types.type_of(s, hint)
            deps.update(d)
            return cpp

        if forced == "json_stream":
            item = spec.get("x-docker-cpp-item") or schema
            if item is None:
                return ir.Response("json_stream", ir.named("docker::JsonMessage"))
            cpp = typed(item, pascal(op_id) + "Message")
            return ir.Response("json_stream", ir.named("docker::JsonMessage") if cpp == ir.JSON else cpp)
        if forced == "header_json":
            return ir.Response("header_json", typed(spec["x-docker-cpp-item"], pascal(op_id) + "Header"),
                               spec["x-docker-cpp-header"])
        upgrade = spec.get("x-docker-cpp-upgrade", "tcp")
        if forced:
            return ir.Response(forced, upgrade=upgrade)
        if "101" in success:
            return ir.Response("hijack", upgrade=upgrade)
        if any(m in produces for m in MEDIA_OUTPUT):
            return ir.Response("output")
        if schema is not None and schema.get("type") == "string" and schema.get("format") == "binary":
            return ir.Response("binary")
        if schema is None and any(m in produces for m in MEDIA_BINARY):
            return ir.Response("binary")
        if method == "head":
            return ir.Response("empty")
        if schema is not None and schema.get("type") == "string" and "application/json" not in produces:
            return ir.Response("text")
        if schema is not None:
            return ir.Response("json", typed(schema, pascal(op_id) + "Response"))
        if produces == ["text/plain"]:
            return ir.Response("text")
        return ir.Response("empty")
