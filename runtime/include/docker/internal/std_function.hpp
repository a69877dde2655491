// std::function for the public headers without the rest of <functional>.
//
// In libstdc++ (g++ 12, C++20) <functional> also brings <unordered_map>,
// <array>, <tuple> and the searchers: ~10 MB and ~0.1 s of every user file
// that includes the layer (bench/header_cost.sh). std::function alone lives
// in <bits/std_function.h> there; any other standard library gets
// <functional>. Not part of the semver promise (docker/internal/).
#pragma once

#include <version>  // defines __GLIBCXX__ in libstdc++

#if defined(__GLIBCXX__) && __has_include(<bits/std_function.h>)
#include <bits/std_function.h>
#else
#include <functional>
#endif
