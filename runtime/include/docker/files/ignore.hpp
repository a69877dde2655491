// .dockerignore as the docker CLI reads it (moby/patternmatcher semantics):
// one pattern a line, `#` comments, Go filepath.Match syntax (`*`, `?`,
// `[a-z]`, `\` escapes) plus `**` for any number of directories, `!` for an
// exception, the last matching pattern wins, a pattern matching a directory
// matches everything below it; patterns are cleaned like Go's
// filepath.Clean, leading `/` removed.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docker/files/tar.hpp"

namespace docker::files {

/// The patterns of a .dockerignore file's text: comment lines (`#` first)
/// and blank lines dropped, whitespace trimmed, each cleaned, a leading `/`
/// removed, `!` kept in front.
std::vector<std::string> parse_ignore_file(std::string_view text);

/// Go's filepath.Clean for '/'-separated paths ("./a//b/../c/" → "a/c", "" → ".").
std::string clean_path(std::string_view path);

/// A list of patterns, compiled once. A malformed pattern ("[", "!" alone)
/// throws InvalidInput naming it.
class PatternMatcher {
 public:
  /// Compiles `patterns` (as parse_ignore_file gives them), in order.
  explicit PatternMatcher(const std::vector<std::string>& patterns);
  /// Movable and copyable (the compiled patterns are plain data).
  PatternMatcher(PatternMatcher&&) noexcept;
  /// Move assignment.
  PatternMatcher& operator=(PatternMatcher&&) noexcept;
  /// Copy.
  PatternMatcher(const PatternMatcher&);
  /// Copy assignment.
  PatternMatcher& operator=(const PatternMatcher&);
  ~PatternMatcher();

  /// Whether `path` ('/'-separated, relative) is excluded: the last pattern
  /// matching it or one of its parent directories decides (moby's
  /// MatchesOrParentMatches).
  bool matches(std::string_view path) const;
  /// Only the path itself, no parents (moby's MatchesExact).
  bool matches_exact(std::string_view path) const;

  /// Whether any pattern is an exception (`!`).
  bool has_exceptions() const;

  /// The tar filter `docker build` applies: excluded entries left out; an
  /// excluded directory is still entered when an exception pattern starts
  /// with its path (the CLI's walk).
  TarFilter filter(const std::string& relative_path, bool is_directory) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docker::files
