"""tests/docs/snippets.py: block extraction, directives, wrapping, CMake output."""

import os
import re
import sys
import tempfile
import unittest
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import snippets  # noqa: E402

MD = """# t

```cpp
#include <docker/connect.hpp>
auto c = docker::connect(docker::ApiVersion{1, 41});
```

<!-- snippet: run -->

```cpp
#include <docker/sdk/v1_41.hpp>
int main() { return 0; }
```

<!-- snippet: skip needs a registry -->
```cpp
broken(
```

  ```c++
  #include <docker/cpprest.hpp>
  int x = 1;
  ```

<!-- snippet: compile scope=file -->
```cpp
template <class T> int f(T) { return 1; }
```

```sh
not C++
```
"""


class SnippetsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = self.dir.name
        with open(os.path.join(self.root, "README.md"), "w") as f:
            f.write(MD)

    def tearDown(self):
        self.dir.cleanup()

    def test_blocks_modes_and_lines(self):
        got = [(s.line, s.mode, s.args, s.program) for s in snippets.extract(self.root, "README.md")]
        self.assertEqual(got, [
            (4, "compile", "", False),
            (11, "run", "", True),
            (17, "skip", "needs a registry", False),
            (21, "compile", "", False),
            (27, "compile", "scope=file", False),
        ])
        indented = snippets.extract(self.root, "README.md")[3]
        self.assertEqual(indented.code, ["#include <docker/cpprest.hpp>", "int x = 1;"])

    def test_unknown_mode_is_an_error(self):
        with open(os.path.join(self.root, "README.md"), "w") as f:
            f.write("<!-- snippet: maybe -->\n```cpp\nint x;\n```\n")
        with self.assertRaises(SystemExit):
            snippets.extract(self.root, "README.md")

    def cmake(self, versions, cpprest=False):
        out = os.path.join(self.root, "out")
        snippets.cmd_cmake(SimpleNamespace(root=self.root, out=out, versions=versions, cpprest=cpprest))
        with open(os.path.join(out, "snippets.cmake")) as f:
            return f.read(), out

    def test_cmake_calls_and_exclusions(self):
        text, _ = self.cmake("1_55")
        self.assertIn('docs_snippet_skipped("README.md:11" "needs the API 1.41 bindings, not in this build")', text)
        self.assertIn('docs_snippet_skipped("README.md:17" "skipped in README.md: needs a registry")', text)
        self.assertIn('docs_snippet_skipped("README.md:21" "needs the cpprest transport, not in this build")', text)
        self.assertIn('docs_snippet_program(docs_README "README.md"', text)
        text, _ = self.cmake("1_55;1_41", cpprest=True)
        self.assertIn("docs_snippet_run(docs_README 1 \"README.md:11\")", text)
        self.assertRegex(text, r"docs_snippet_program\(docs_README .* docker_api_v1_41 docker_cpprest docker_runtime docker_sdk\)")

    def test_line_directives_match_the_generated_file(self):
        _, out = self.cmake("1_55;1_41", cpprest=True)
        path = os.path.join(out, "docs_README.cpp")
        with open(path) as f:
            lines = f.read().split("\n")
        own = 0
        for k, line in enumerate(lines):
            m = re.match(r'#line (\d+) "(.*)"$', line)
            if m and m.group(2) == path:
                own += 1
                self.assertEqual(int(m.group(1)), k + 2, line)  # numbers the next line
        self.assertEqual(own, 4)
        text = "\n".join(lines)
        self.assertIn("&docs_snippet_1::main", text)  # a whole program
        self.assertIn("&docs_snippet_0::run", text)   # statements in a function
        self.assertIn('{"README.md:27", "compile", nullptr}', text)  # declarations only
        self.assertNotIn("broken(", text)


if __name__ == "__main__":
    unittest.main()
