// .dockerignore patterns (docker/files/ignore.hpp), written from the
// behaviour moby/patternmatcher documents and tests: a pattern is an exact
// name, a prefix ("dir/**"), a suffix ("**/name") or a glob; globs are
// matched by backtracking over tokens rather than through a regex engine.
#include "docker/files/ignore.hpp"

#include <cstdint>
#include <optional>
#include <utility>

namespace docker::files {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Decodes one UTF-8 code point at `pos` (an invalid byte counts as itself).
char32_t decode(std::string_view s, std::size_t& pos) {
  auto b0 = static_cast<unsigned char>(s[pos]);
  int extra = b0 < 0x80 ? 0 : (b0 >> 5) == 0x6 ? 1 : (b0 >> 4) == 0xE ? 2 : (b0 >> 3) == 0x1E ? 3 : -1;
  if (extra <= 0 || pos + static_cast<std::size_t>(extra) >= s.size()) {
    ++pos;
    return b0;
  }
  char32_t cp = b0 & (0x3F >> extra);
  for (int i = 1; i <= extra; ++i) {
    auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += static_cast<std::size_t>(extra) + 1;
  return cp;
}

std::string dir_of(std::string_view path) {
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return clean_path(path.substr(0, slash + 1));
}

[[noreturn]] void bad_pattern(std::string_view pattern, std::string_view why) {
  throw InvalidInput(".dockerignore pattern \"" + std::string(pattern) + "\": " + std::string(why), "", "");
}

/// Go filepath.Match's syntax check: classes closed and well formed, no trailing backslash.
void check_syntax(std::string_view p) {
  std::size_t i = 0;
  auto escaped_char = [&](bool in_class) {
    // One (possibly escaped) character of a class; Go's getEsc.
    if (i >= p.size()) bad_pattern(p, "unterminated character class");
    if (in_class && (p[i] == '-' || p[i] == ']')) bad_pattern(p, "bad character range");
    if (p[i] == '\\') {
      ++i;
      if (i >= p.size()) bad_pattern(p, "trailing backslash");
    }
    decode(p, i);
    if (i >= p.size()) bad_pattern(p, "unterminated character class");
  };
  while (i < p.size()) {
    char c = p[i];
    if (c == '\\') {
      ++i;
      if (i >= p.size()) bad_pattern(p, "trailing backslash");
      decode(p, i);
    } else if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      int ranges = 0;
      for (;;) {
        if (i < p.size() && p[i] == ']' && ranges > 0) {
          ++i;
          break;
        }
        escaped_char(true);
        if (p[i] == '-') {
          ++i;
          escaped_char(true);
        }
        ++ranges;
      }
    } else {
      decode(p, i);
    }
  }
}

enum class MatchType { exact, prefix, suffix, glob };

struct Token {
  enum Kind { literal, star, one, cls, opt_dirs, rest } kind = literal;
  std::string text{};                                   // literal
  bool negated = false;                                 // cls
  std::vector<std::pair<char32_t, char32_t>> ranges{};  // cls
};

struct Pattern {
  std::string cleaned;
  bool exception = false;
  MatchType type = MatchType::exact;
  std::vector<Token> tokens;

  bool match(std::string_view path) const {
    switch (type) {
      case MatchType::exact: return path == cleaned;
      case MatchType::prefix: return path.starts_with(std::string_view(cleaned).substr(0, cleaned.size() - 2));
      case MatchType::suffix: {
        std::string_view suffix = std::string_view(cleaned).substr(2);
        if (path.ends_with(suffix)) return true;
        return !suffix.empty() && suffix.front() == '/' && path == suffix.substr(1);
      }
      case MatchType::glob: return match_from(path, 0, 0);
    }
    return false;
  }

  bool match_from(std::string_view path, std::size_t pos, std::size_t t) const {
    if (t == tokens.size()) return pos == path.size();
    const Token& token = tokens[t];
    switch (token.kind) {
      case Token::literal:
        return path.substr(pos).starts_with(token.text) && match_from(path, pos + token.text.size(), t + 1);
      case Token::star:
        for (std::size_t end = pos;; ++end) {
          if (match_from(path, end, t + 1)) return true;
          if (end == path.size() || path[end] == '/') return false;
        }
      case Token::one:
      case Token::cls: {
        if (pos >= path.size() || path[pos] == '/') return false;
        std::size_t next = pos;
        char32_t cp = decode(path, next);
        if (token.kind == Token::cls) {
          bool in = false;
          for (auto [lo, hi] : token.ranges) in = in || (lo <= cp && cp <= hi);
          if (in == token.negated) return false;
        }
        return match_from(path, next, t + 1);
      }
      case Token::opt_dirs:
        // "(.*/)?": nothing, or anything ending in a slash.
        if (match_from(path, pos, t + 1)) return true;
        for (std::size_t end = pos; end < path.size(); ++end)
          if (path[end] == '/' && match_from(path, end + 1, t + 1)) return true;
        return false;
      case Token::rest: return true;
    }
    return false;
  }
};

void add_literal(std::vector<Token>& tokens, std::string_view text) {
  if (!tokens.empty() && tokens.back().kind == Token::literal)
    tokens.back().text += text;
  else
    tokens.push_back(Token{Token::literal, std::string(text)});
}

/// The match type and tokens moby's compile() would give (its regexp, as tokens).
void compile(Pattern& p) {
  std::string_view s = p.cleaned;
  MatchType type = MatchType::exact;
  std::size_t i = 0;
  for (int step = 0; i < s.size(); ++step) {
    char c = s[i];
    if (c == '*') {
      ++i;
      if (i < s.size() && s[i] == '*') {
        ++i;
        if (i < s.size() && s[i] == '/') ++i;
        if (i == s.size()) {
          if (type == MatchType::exact) {
            type = MatchType::prefix;
          } else {
            p.tokens.push_back(Token{Token::rest});
            type = MatchType::glob;
          }
        } else {
          p.tokens.push_back(Token{Token::opt_dirs});
          type = MatchType::glob;
        }
        if (step == 0) type = MatchType::suffix;
      } else {
        p.tokens.push_back(Token{Token::star});
        type = MatchType::glob;
      }
    } else if (c == '?') {
      ++i;
      p.tokens.push_back(Token{Token::one});
      type = MatchType::glob;
    } else if (c == '\\') {
      ++i;
      if (i < s.size()) {
        std::size_t start = i;
        decode(s, i);
        add_literal(p.tokens, s.substr(start, i - start));
        type = MatchType::glob;
      } else {
        add_literal(p.tokens, "\\");
      }
    } else if (c == '[') {
      ++i;
      Token token{Token::cls};
      if (i < s.size() && s[i] == '^') {
        token.negated = true;
        ++i;
      }
      auto one = [&] {
        if (s[i] == '\\') ++i;
        return decode(s, i);
      };
      bool first = true;
      while (i < s.size() && (first || s[i] != ']')) {
        first = false;
        char32_t lo = one();
        char32_t hi = lo;
        if (i < s.size() && s[i] == '-') {
          ++i;
          hi = one();
        }
        token.ranges.emplace_back(lo, hi);
      }
      ++i;  // the closing ']' (check_syntax made sure it is there)
      p.tokens.push_back(std::move(token));
      type = MatchType::glob;
    } else {
      std::size_t start = i;
      decode(s, i);
      add_literal(p.tokens, s.substr(start, i - start));
      if (c == ']') type = MatchType::glob;
    }
  }
  p.type = type;
}

}  // namespace

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    auto part = path.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (!rooted)
        parts.push_back(part);
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::vector<std::string> parse_ignore_file(std::string_view text) {
  std::vector<std::string> out;
  bool first = true;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (first && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    first = false;
    if (line.starts_with("#")) continue;
    line = trim(line);
    if (line.empty()) continue;
    bool exception = line.front() == '!';
    if (exception) line = trim(line.substr(1));
    std::string pattern;
    if (!line.empty()) {
      pattern = clean_path(line);
      if (pattern.size() > 1 && pattern.front() == '/') pattern.erase(0, 1);
    }
    out.push_back(exception ? "!" + pattern : pattern);
  }
  return out;
}

struct PatternMatcher::Impl {
  std::vector<Pattern> patterns;
  bool exceptions = false;
};

PatternMatcher::PatternMatcher(const std::vector<std::string>& patterns) : impl_(std::make_unique<Impl>()) {
  for (const auto& raw : patterns) {
    std::string_view text = trim(raw);
    if (text.empty()) continue;
    Pattern p;
    p.cleaned = clean_path(text);
    if (p.cleaned.front() == '!') {
      if (p.cleaned.size() == 1) bad_pattern(raw, "an exception (\"!\") needs a pattern");
      p.exception = true;
      p.cleaned.erase(0, 1);
      impl_->exceptions = true;
    }
    check_syntax(p.cleaned);
    compile(p);
    impl_->patterns.push_back(std::move(p));
  }
}

PatternMatcher::PatternMatcher(PatternMatcher&&) noexcept = default;
PatternMatcher& PatternMatcher::operator=(PatternMatcher&&) noexcept = default;
PatternMatcher::PatternMatcher(const PatternMatcher& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
PatternMatcher& PatternMatcher::operator=(const PatternMatcher& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
PatternMatcher::~PatternMatcher() = default;

bool PatternMatcher::has_exceptions() const { return impl_->exceptions; }

bool PatternMatcher::matches_exact(std::string_view path) const {
  bool matched = false;
  for (const auto& p : impl_->patterns) {
    if (p.exception != matched) continue;  // only a later exception can undo a match, and vice versa
    if (p.match(path)) matched = !p.exception;
  }
  return matched;
}

bool PatternMatcher::matches(std::string_view raw) const {
  std::string path = clean_path(raw);
  if (path == ".") return false;  // the context itself is never excluded
  std::string parent = dir_of(path);
  std::vector<std::string_view> dirs;
  if (parent != ".") {
    std::string_view rest = parent;
    std::size_t start = 0;
    while (start <= rest.size()) {
      auto end = rest.find('/', start);
      if (end == std::string_view::npos) end = rest.size();
      dirs.push_back(rest.substr(0, end));  // "a", "a/b", … (prefixes of the parent)
      start = end + 1;
    }
  }
  bool matched = false;
  for (const auto& p : impl_->patterns) {
    if (p.exception != matched) continue;
    bool match = p.match(path);
    for (std::size_t i = 0; !match && i < dirs.size(); ++i) match = p.match(dirs[i]);
    if (match) matched = !p.exception;
  }
  return matched;
}

TarFilter PatternMatcher::filter(const std::string& relative_path, bool is_directory) const {
  if (!matches(relative_path)) return TarFilter::include;
  if (!is_directory) return TarFilter::skip;
  if (!impl_->exceptions) return TarFilter::skip_tree;
  // An exception naming something below this directory: walk it, leave the directory itself out.
  std::string dir_slash = relative_path + "/";
  for (const auto& p : impl_->patterns)
    if (p.exception && (p.cleaned + "/").starts_with(dir_slash)) return TarFilter::skip;
  return TarFilter::skip_tree;
}

}  // namespace docker::files
