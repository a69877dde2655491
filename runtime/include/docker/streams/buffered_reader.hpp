// A ByteReader that serves small reads from memory it already holds (an HTTP
// response body with its connection's read buffer, a string…), so asking it
// for a few bytes does not cost a syscall.
#pragma once

#include "docker/http.hpp"

namespace docker {

/// Marks a source on which small reads are cheap. OutputStream then reads
/// just the 8-byte frame headers from it and takes each payload straight
/// into the caller's buffer, instead of staging payload in its own buffer
/// (which would be one more copy of every byte). Over a source that reads a
/// socket per call (a hijacked stream), that would cost a syscall per
/// header, so plain ByteReaders keep the buffered path.
class BufferedByteReader : public ByteReader {};

}  // namespace docker
