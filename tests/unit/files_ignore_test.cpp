// .dockerignore matching against the cases moby/patternmatcher and the CLI
// check (patternmatcher_test.go, ignorefile_test.go), and the build walk's
// filter (excluded directories entered only for an exception below them).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker/files/ignore.hpp"

namespace docker::files {
namespace {

bool matches(const std::string& pattern, const std::string& path) { return PatternMatcher({pattern}).matches(path); }
bool matches_exact(const std::string& pattern, const std::string& path) {
  return PatternMatcher({pattern}).matches_exact(path);
}

enum Expect { fail, exact, inexact };  // inexact: only through a parent directory

struct Case {
  const char* pattern;
  const char* path;
  Expect expect;
};

TEST(DockerIgnore, MatchesLikePatternMatcher) {
  const std::vector<Case> cases = {
      {"**", "file", exact},
      {"**", "file/", exact},
      {"**/", "file", exact},
      {"**/", "file/", exact},
      {"**", "/", exact},
      {"**/", "/", exact},
      {"**", "dir/file", exact},
      {"**/", "dir/file", exact},
      {"**", "dir/file/", exact},
      {"**/", "dir/file/", exact},
      {"**/**", "dir/file", exact},
      {"**/**", "dir/file/", exact},
      {"dir/**", "dir/file", exact},
      {"dir/**", "dir/file/", exact},
      {"dir/**", "dir/dir2/file", exact},
      {"dir/**", "dir/dir2/file/", exact},
      {"**/dir", "dir", exact},
      {"**/dir", "dir/file", inexact},
      {"**/dir2/*", "dir/dir2/file", exact},
      {"**/dir2/*", "dir/dir2/file/", inexact},
      {"**/dir2/**", "dir/dir2/dir3/file", exact},
      {"**/dir2/**", "dir/dir2/dir3/file/", exact},
      {"**file", "file", exact},
      {"**file", "dir/file", exact},
      {"**/file", "dir/file", exact},
      {"**file", "dir/dir/file", exact},
      {"**/file", "dir/dir/file", exact},
      {"**/file*", "dir/dir/file", exact},
      {"**/file*", "dir/dir/file.txt", exact},
      {"**/file*txt", "dir/dir/file.txt", exact},
      {"**/file*.txt", "dir/dir/file.txt", exact},
      {"**/file*.txt*", "dir/dir/file.txt", exact},
      {"**/**/*.txt", "dir/dir/file.txt", exact},
      {"**/**/*.txt2", "dir/dir/file.txt", fail},
      {"**/*.txt", "file.txt", exact},
      {"**/**/*.txt", "file.txt", exact},
      {"a**/*.txt", "a/file.txt", exact},
      {"a**/*.txt", "a/dir/file.txt", exact},
      {"a**/*.txt", "a/dir/dir/file.txt", exact},
      {"a/*.txt", "a/dir/file.txt", fail},
      {"a/*.txt", "a/file.txt", exact},
      {"a/*.txt**", "a/file.txt", exact},
      {"a[b-d]e", "ae", fail},
      {"a[b-d]e", "ace", exact},
      {"a[b-d]e", "aae", fail},
      {"a[^b-d]e", "aze", exact},
      {".*", ".foo", exact},
      {".*", "foo", fail},
      {"abc.def", "abcdef", fail},
      {"abc.def", "abc.def", exact},
      {"abc.def", "abcZdef", fail},
      {"abc?def", "abcZdef", exact},
      {"abc?def", "abcdef", fail},
      {"**/foo/bar", "foo/bar", exact},
      {"**/foo/bar", "dir/foo/bar", exact},
      {"**/foo/bar", "dir/dir2/foo/bar", exact},
      {"abc/**", "abc", fail},
      {"abc/**", "abc/def", exact},
      {"abc/**", "abc/def/ghi", exact},
      {"**/.foo", ".foo", exact},
      {"**/.foo", "bar.foo", fail},
      {"a(b)c/def", "a(b)c/def", exact},
      {"a(b)c/def", "a(b)c/xyz", fail},
      {"a.|)$(}+{bc", "a.|)$(}+{bc", exact},
      {"dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
       "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", exact},
      {"dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", exact},
      {"a\\\\", "a\\", exact},
      {"a\\*b", "a*b", exact},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(matches_exact(c.pattern, c.path), c.expect == exact) << "exact: " << c.pattern << " vs " << c.path;
    EXPECT_EQ(matches(c.pattern, c.path), c.expect != fail) << "or parent: " << c.pattern << " vs " << c.path;
  }
}

TEST(DockerIgnore, GoFilepathMatchCases) {
  struct M {
    const char* pattern;
    const char* path;
    bool match;
  };
  const std::vector<M> cases = {
      {"abc", "abc", true},
      {"*", "abc", true},
      {"*c", "abc", true},
      {"a*", "a", true},
      {"a*", "abc", true},
      {"a*", "ab/c", true},
      {"a*/b", "abc/b", true},
      {"a*/b", "a/c/b", false},
      {"a*b*c*d*e*/f", "axbxcxdxe/f", true},
      {"a*b*c*d*e*/f", "axbxcxdxexxx/f", true},
      {"a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false},
      {"a*b*c*d*e*/f", "axbxcxdxexxx/fff", false},
      {"a*b?c*x", "abxbbxdbxebxczzx", true},
      {"a*b?c*x", "abxbbxdbxebxczzy", false},
      {"ab[c]", "abc", true},
      {"ab[b-d]", "abc", true},
      {"ab[e-g]", "abc", false},
      {"ab[^c]", "abc", false},
      {"ab[^b-d]", "abc", false},
      {"ab[^e-g]", "abc", true},
      {"a\\*b", "a*b", true},
      {"a\\*b", "ab", false},
      {"a?b", "a\u263Ab", true},
      {"a[^a]b", "a\u263Ab", true},
      {"a???b", "a\u263Ab", false},
      {"a[^a][^a][^a]b", "a\u263Ab", false},
      {"[a-\u03B6]*", "\u03B1", true},
      {"*[a-\u03B6]", "A", false},
      {"a?b", "a/b", false},
      {"a*b", "a/b", false},
      {"[\\]a]", "]", true},
      {"[\\-]", "-", true},
      {"[x\\-]", "x", true},
      {"[x\\-]", "-", true},
      {"[x\\-]", "z", false},
      {"[\\-x]", "x", true},
      {"[\\-x]", "-", true},
      {"[\\-x]", "a", false},
      {"*x", "xxx", true},
  };
  for (const auto& c : cases) EXPECT_EQ(matches(c.pattern, c.path), c.match) << c.pattern << " vs " << c.path;
}

TEST(DockerIgnore, MalformedPatternsAreRefusedNamingThem) {
  for (const char* bad : {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "!"}) {
    try {
      PatternMatcher m({bad});
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InvalidInput& e) {
      EXPECT_NE(e.message().find(bad), std::string::npos) << e.message();
    }
  }
}

TEST(DockerIgnore, ExceptionsAndLastMatchWins) {
  EXPECT_TRUE(PatternMatcher({"!fileutils.go", "*.go"}).matches("fileutils.go"));
  EXPECT_FALSE(PatternMatcher({"*.go", "!fileutils.go"}).matches("fileutils.go"));
  EXPECT_FALSE(PatternMatcher({"docs", "!docs/README.md"}).matches("docs/README.md"));
  EXPECT_FALSE(PatternMatcher({"docs/", "!docs/README.md"}).matches("docs/README.md"));
  EXPECT_FALSE(PatternMatcher({"docs/*", "!docs/README.md"}).matches("docs/README.md"));
  EXPECT_FALSE(PatternMatcher({"*.go"}).matches("."));  // the context itself is never excluded
  EXPECT_FALSE(PatternMatcher({}).matches("/any/path/there"));
  EXPECT_FALSE(PatternMatcher({"**", "!util/docker/web"}).matches("util/docker/web/foo"));
  EXPECT_TRUE(PatternMatcher({"**", "!util/docker/web", "util/docker/web/foo"}).matches("util/docker/web/foo"));
  EXPECT_FALSE(PatternMatcher({"**", "!dist/*.whl"}).matches("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
  EXPECT_TRUE(PatternMatcher({"docs", "  !docs/README.md"}).has_exceptions());  // surrounding space trimmed
  EXPECT_TRUE(PatternMatcher({"./secret/"}).matches("secret/key"));             // cleaned
}

TEST(DockerIgnore, ParsesTheFileLikeTheCli) {
  const std::string text =
      "\xEF\xBB\xBFtest1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! \r\n"
      "./dot/slash/\n  spaced  \n";
  std::vector<std::string> expected = {"test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path",
                                       "!",     "!",     "dot/slash",   "spaced"};
  EXPECT_EQ(parse_ignore_file(text), expected);
  EXPECT_EQ(clean_path("./a//b/../c/"), "a/c");
  EXPECT_EQ(clean_path(""), ".");
  EXPECT_EQ(clean_path("/../x"), "/x");
  EXPECT_EQ(clean_path("../x"), "../x");
}

TEST(DockerIgnore, FilterEntersExcludedDirectoriesOnlyForExceptionsBelow) {
  PatternMatcher m({"logs", "cache", "!cache/keep.txt", "*.tmp"});
  EXPECT_EQ(m.filter("logs", true), TarFilter::skip_tree);
  EXPECT_EQ(m.filter("cache", true), TarFilter::skip);  // left out, but walked for cache/keep.txt
  EXPECT_EQ(m.filter("cache/drop.txt", false), TarFilter::skip);
  EXPECT_EQ(m.filter("cache/keep.txt", false), TarFilter::include);
  EXPECT_EQ(m.filter("a.tmp", false), TarFilter::skip);
  EXPECT_EQ(m.filter("src", true), TarFilter::include);
  EXPECT_EQ(PatternMatcher({"logs"}).filter("logs", true), TarFilter::skip_tree);
}

}  // namespace
}  // namespace docker::files
