// The table each generated docs_*.cpp defines (tests/docs/snippets.py).
#pragma once

namespace docs {

struct Snippet {
  const char* where;  // README.md:42
  const char* mode;   // "compile" or "run"
  int (*run)();       // nullptr: declarations only
};

extern const Snippet snippets[];
extern const int snippet_count;

}  // namespace docs
