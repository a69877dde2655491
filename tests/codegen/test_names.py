import unittest

from tests.codegen import support  # noqa: F401  (sets sys.path)
from codegen.names import enum_constant, pascal, sanitize, snake, unique, version_id


class NamesTest(unittest.TestCase):
    def test_keywords_and_macros_get_a_suffix(self):
        for word in ("default", "private", "new", "continue", "for", "major", "minor", "linux", "unix"):
            self.assertEqual(sanitize(word), word + "_")

    def test_dots_dashes_and_digits(self):
        self.assertEqual(sanitize("os.version"), "os_version")
        self.assertEqual(sanitize("one-shot"), "one_shot")
        self.assertEqual(sanitize("9lives"), "_9lives")
        self.assertEqual(sanitize("_Reserved"), "x_Reserved")

    def test_case_conversions(self):
        self.assertEqual(snake("ContainerCreate"), "container_create")
        self.assertEqual(snake("X-Registry-Auth"), "x_registry_auth")
        self.assertEqual(snake("inputStream"), "input_stream")
        self.assertEqual(snake("IPAMConfig"), "ipam_config")
        self.assertEqual(pascal("one-shot"), "OneShot")
        self.assertEqual(pascal("IPAMConfig"), "IPAMConfig")

    def test_enum_constants(self):
        self.assertEqual(enum_constant(""), "empty")
        self.assertEqual(enum_constant("on-failure"), "on_failure")
        self.assertEqual(enum_constant("default"), "default_")
        self.assertEqual(enum_constant("1"), "v1")

    def test_unique(self):
        taken = {"Platform"}
        self.assertEqual(unique("Platform", taken, "_"), "Platform_")
        self.assertEqual(unique("Platform", taken, "_"), "Platform_2")
        self.assertEqual(unique("Item", taken), "Item")
        self.assertEqual(unique("Item", taken), "Item2")

    def test_version_id(self):
        self.assertEqual(version_id("1.55"), "1_55")


if __name__ == "__main__":
    unittest.main()
