// Tar writing and extraction over libarchive (docker/files/tar.hpp), loaded
// on first use (libarchive.hpp).
#include "docker/files/tar.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "libarchive.hpp"

namespace docker::files {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunk = std::size_t{64} * 1024;

std::string errno_text(int error) { return std::generic_category().message(error); }

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path, int error = errno) {
  throw FileError(what + " " + path.string() + ": " + errno_text(error), path.string());
}

struct ArchiveDeleter {
  void operator()(archive* a) const { internal::libarchive().archive_write_free(a); }
};
struct ReadArchiveDeleter {
  void operator()(archive* a) const { internal::libarchive().archive_read_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { internal::libarchive().archive_entry_free(e); }
};

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

/// The names in a directory, sorted (a deterministic archive), without . and ..
std::vector<std::string> list_directory(const fs::path& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) throw_errno("cannot read directory", dir);
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = ::readdir(d)) {
    std::string_view name(e->d_name);
    if (name != "." && name != "..") names.emplace_back(name);
  }
  int error = errno;
  ::closedir(d);
  if (error) throw_errno("cannot read directory", dir, error);
  std::sort(names.begin(), names.end());
  return names;
}

struct Stat {
  struct stat st {};
  bool is_dir() const { return S_ISDIR(st.st_mode); }
  bool is_reg() const { return S_ISREG(st.st_mode); }
  bool is_link() const { return S_ISLNK(st.st_mode); }
  bool archived() const { return is_dir() || is_reg() || is_link(); }
};

Stat lstat_or_throw(const fs::path& path) {
  Stat s;
  if (::lstat(path.c_str(), &s.st) != 0) throw_errno("cannot stat", path);
  return s;
}

/// Walks a tree depth-first, parents before children, applying the filter.
class Walker {
 public:
  struct Item {
    fs::path host;
    std::string relative;  // "" for the source itself
    Stat stat;
    bool include;
  };

  Walker(fs::path source, const TarOptions& options) : options_(options) {
    Stat s = lstat_or_throw(source);
    root_ = Item{std::move(source), "", s, true};
  }

  /// The next item, or nullopt at the end.
  std::optional<Item> next() {
    if (root_) {
      Item item = std::move(*root_);
      root_.reset();
      if (item.stat.is_dir()) push(item);
      return item;
    }
    while (!stack_.empty()) {
      auto& frame = stack_.back();
      if (frame.index == frame.names.size()) {
        stack_.pop_back();
        continue;
      }
      const std::string& name = frame.names[frame.index++];
      Item item;
      item.host = frame.host / name;
      item.relative = frame.relative.empty() ? name : frame.relative + "/" + name;
      item.stat = lstat_or_throw(item.host);
      if (!item.stat.archived()) continue;
      TarFilter verdict = options_.filter ? options_.filter(item.relative, item.stat.is_dir()) : TarFilter::include;
      if (verdict == TarFilter::skip_tree) continue;
      item.include = verdict == TarFilter::include;
      if (item.stat.is_dir()) push(item);
      if (!item.include) continue;
      return item;
    }
    return std::nullopt;
  }

 private:
  struct Frame {
    fs::path host;
    std::string relative;
    std::vector<std::string> names;
    std::size_t index = 0;
  };
  void push(const Item& dir) { stack_.push_back(Frame{dir.host, dir.relative, list_directory(dir.host)}); }

  const TarOptions& options_;
  std::optional<Item> root_;
  std::vector<Frame> stack_;
};

/// The archive name of an item.
std::string entry_name(const TarOptions& options, const std::string& relative) {
  if (options.top_name.empty()) return relative;
  return relative.empty() ? options.top_name : options.top_name + "/" + relative;
}

class TarReader final : public ByteReader {
 public:
  TarReader(const fs::path& source, TarOptions options) : options_(std::move(options)), walker_(source, options_) {
    writer_.reset(la_.archive_write_new());
    if (!writer_) throw FileError("cannot create a tar writer");
    // ustar, with pax extended headers only where ustar cannot say it (long names).
    la_.archive_write_set_format_pax_restricted(writer_.get());
    la_.archive_write_set_bytes_per_block(writer_.get(), 0);  // hand every write over at once
    if (la_.archive_write_open(writer_.get(), this, nullptr, &TarReader::on_write, nullptr) != ARCHIVE_OK)
      fail("cannot start the tar", source);
  }

  std::size_t read_some(std::span<char> buf) override {
    while (pos_ == pending_.size() && !finished_) {
      pending_.clear();
      pos_ = 0;
      step();
    }
    std::size_t n = std::min(buf.size(), pending_.size() - pos_);
    std::memcpy(buf.data(), pending_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  static la_ssize_t on_write(archive*, void* self, const void* data, size_t size) {
    static_cast<TarReader*>(self)->pending_.append(static_cast<const char*>(data), size);
    return static_cast<la_ssize_t>(size);
  }

  [[noreturn]] void fail(const std::string& what, const fs::path& path) {
    const char* detail = la_.archive_error_string(writer_.get());
    throw FileError(what + " " + path.string() + (detail ? std::string(": ") + detail : std::string()), path.string());
  }

  void step() {
    if (file_.get() >= 0) return copy_file_chunk();
    auto item = walker_.next();
    if (!item) {
      if (la_.archive_write_close(writer_.get()) != ARCHIVE_OK) fail("cannot finish the tar of", "");
      finished_ = true;
      return;
    }
    if (!item->include) return;
    std::string name = entry_name(options_, item->relative);
    if (name.empty()) {  // a build context's root: its entries only
      return;
    }
    std::unique_ptr<archive_entry, EntryDeleter> entry(la_.archive_entry_new());
    la_.archive_entry_copy_stat(entry.get(), &item->stat.st);
    la_.archive_entry_set_uid(entry.get(), 0);
    la_.archive_entry_set_gid(entry.get(), 0);
    la_.archive_entry_set_nlink(entry.get(), 1);  // hard links are archived as the files they are
    la_.archive_entry_copy_pathname(entry.get(), item->stat.is_dir() ? (name + "/").c_str() : name.c_str());
    if (item->stat.is_link()) {
      std::array<char, 4096> target{};
      ssize_t n = ::readlink(item->host.c_str(), target.data(), target.size() - 1);
      if (n < 0) throw_errno("cannot read the link", item->host);
      la_.archive_entry_copy_symlink(entry.get(), std::string(target.data(), static_cast<std::size_t>(n)).c_str());
      la_.archive_entry_set_size(entry.get(), 0);
    } else if (item->stat.is_reg()) {
      Fd fd(::open(item->host.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
      if (fd.get() < 0) throw_errno("cannot open", item->host);
      file_ = std::move(fd);
      file_path_ = item->host;
      remaining_ = item->stat.st.st_size;
    } else {
      la_.archive_entry_set_size(entry.get(), 0);
    }
    if (la_.archive_write_header(writer_.get(), entry.get()) < ARCHIVE_WARN) fail("cannot archive", item->host);
    if (file_.get() >= 0 && remaining_ == 0) finish_file();
  }

  void copy_file_chunk() {
    buffer_.resize(kChunk);
    auto want = static_cast<std::size_t>(std::min<std::int64_t>(remaining_, static_cast<std::int64_t>(kChunk)));
    ssize_t n = ::read(file_.get(), buffer_.data(), want);
    if (n < 0) {
      if (errno == EINTR) return;
      throw_errno("cannot read", file_path_);
    }
    if (n == 0) {
      // The file shrank after its header went out: libarchive pads the entry to its announced size.
      throw FileError("file " + file_path_.string() + " changed size while it was being archived", file_path_.string());
    }
    if (la_.archive_write_data(writer_.get(), buffer_.data(), static_cast<std::size_t>(n)) < 0)
      fail("cannot archive", file_path_);
    remaining_ -= n;
    if (remaining_ == 0) finish_file();
  }

  void finish_file() {
    file_.reset();
    if (la_.archive_write_finish_entry(writer_.get()) < ARCHIVE_WARN) fail("cannot archive", file_path_);
  }

  const internal::LibArchive& la_ = internal::libarchive();  // loaded here on first use
  TarOptions options_;
  Walker walker_;
  std::unique_ptr<archive, ArchiveDeleter> writer_;
  std::string pending_;
  std::size_t pos_ = 0;
  bool finished_ = false;
  Fd file_;
  fs::path file_path_;
  std::int64_t remaining_ = 0;
  std::vector<char> buffer_;
};

/// Every file readable and every directory listable, before anything is sent.
void check_readable(const fs::path& source, const TarOptions& options) {
  Walker walker(source, options);
  while (auto item = walker.next()) {
    if (!item->include || !item->stat.is_reg()) continue;
    Fd fd(::open(item->host.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) throw_errno("cannot open", item->host);
  }
}

// ---- extraction ----

/// Whether an entry name stays inside the destination: relative, no "..".
bool safe_name(std::string_view name) {
  if (name.empty() || name.front() == '/') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string strip_dot_slash(std::string name) {
  while (name.starts_with("./")) name.erase(0, 2);
  return name;
}

class ArchiveSource {
 public:
  explicit ArchiveSource(ByteReader& reader) : reader_(reader), buffer_(kChunk) {}
  static la_ssize_t on_read(archive*, void* self, const void** data) {
    auto* s = static_cast<ArchiveSource*>(self);
    try {
      std::size_t n = s->reader_.read_some(std::span<char>(s->buffer_.data(), s->buffer_.size()));
      *data = s->buffer_.data();
      return static_cast<la_ssize_t>(n);
    } catch (...) {
      s->error_ = std::current_exception();
      return -1;
    }
  }
  void rethrow_if_failed() {
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  ByteReader& reader_;
  std::vector<char> buffer_;
  std::exception_ptr error_;
};

void extract_into(ByteReader& tar, const fs::path& dir) {
  const internal::LibArchive& la = internal::libarchive();
  ArchiveSource source(tar);
  std::unique_ptr<archive, ReadArchiveDeleter> reader(la.archive_read_new());
  std::unique_ptr<archive, ArchiveDeleter> disk(la.archive_write_disk_new());
  if (!reader || !disk) throw FileError("cannot create a tar reader");
  la.archive_read_support_format_tar(reader.get());
  la.archive_read_support_format_gnutar(reader.get());
  // No ARCHIVE_EXTRACT_UNLINK: with it libarchive replaces a symlink in an
  // entry's path by a directory; without it the entry is refused.
  la.archive_write_disk_set_options(disk.get(), ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME |
                                                    ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT);
  auto read_failed = [&](const std::string& what) {
    source.rethrow_if_failed();
    const char* detail = la.archive_error_string(reader.get());
    throw FileError(what + (detail ? std::string(": ") + detail : std::string()));
  };
  if (la.archive_read_open(reader.get(), &source, nullptr, &ArchiveSource::on_read, nullptr) != ARCHIVE_OK)
    read_failed("cannot read the tar");
  for (;;) {
    archive_entry* entry = nullptr;
    int r = la.archive_read_next_header(reader.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) read_failed("cannot read the tar");
    std::string name = strip_dot_slash(la.archive_entry_pathname(entry) ? la.archive_entry_pathname(entry) : "");
    if (name.empty() || name == "." || name == "./") continue;
    if (!safe_name(name)) throw UnsafeArchiveEntry("tar entry " + name + " would land outside " + dir.string(), name);
    auto type = la.archive_entry_filetype(entry);
    const char* hardlink = la.archive_entry_hardlink(entry);
    if (hardlink) {
      std::string target = strip_dot_slash(hardlink);
      if (!safe_name(target))
        // NOLINTNEXTLINE(performance-inefficient-string-concatenation): once, before a throw
        throw UnsafeArchiveEntry("tar entry " + name + " links to " + target + ", outside " + dir.string(), name);
      la.archive_entry_copy_hardlink(entry, (dir / target).c_str());
    } else if (type != AE_IFREG && type != AE_IFDIR && type != AE_IFLNK) {
      continue;  // devices, fifos: not made for an unprivileged copy
    }
    la.archive_entry_copy_pathname(entry, (dir / name).c_str());
    if (la.archive_write_header(disk.get(), entry) < ARCHIVE_WARN) {
      const char* detail = la.archive_error_string(disk.get());
      std::string text = detail ? detail : "failed";
      bool unsafe = text.find("symlink") != std::string::npos || text.find("..") != std::string::npos;
      // NOLINTNEXTLINE(performance-inefficient-string-concatenation): once, before a throw
      std::string message = "cannot extract tar entry " + name + ": " + text;
      if (unsafe) throw UnsafeArchiveEntry(message, name);
      throw FileError(message, name);
    }
    if (la.archive_entry_size(entry) > 0 && !hardlink) {
      const void* block = nullptr;
      size_t size = 0;
      la_int64_t offset = 0;
      for (;;) {
        int rr = la.archive_read_data_block(reader.get(), &block, &size, &offset);
        if (rr == ARCHIVE_EOF) break;
        if (rr < ARCHIVE_WARN) read_failed("cannot read tar entry " + name);
        if (la.archive_write_data_block(disk.get(), block, size, offset) < ARCHIVE_WARN)
          throw FileError("cannot write " + (dir / name).string() + ": " + la.archive_error_string(disk.get()), name);
      }
    }
    if (la.archive_write_finish_entry(disk.get()) < ARCHIVE_WARN)
      throw FileError("cannot write " + (dir / name).string() + ": " + la.archive_error_string(disk.get()), name);
  }
  // Directory modes and times are applied at close (after their contents).
  if (la.archive_write_close(disk.get()) < ARCHIVE_WARN)
    throw FileError(std::string("cannot finish extracting: ") + la.archive_error_string(disk.get()), dir.string());
}

/// Makes every directory below `dir` writable again (read-only ones from the
/// archive), so that a failed extraction can be removed.
void remove_tree(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(dir, ec);
}

}  // namespace

StreamBody tar_stream(const fs::path& source, TarOptions options) {
  check_readable(source, options);
  return StreamBody{std::make_shared<TarReader>(source, std::move(options)), std::nullopt};
}

void extract_tar(ByteReader& archive, const fs::path& destination, const ExtractOptions& options) {
  fs::path target = fs::absolute(destination).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  fs::path parent = target.parent_path();
  struct stat st {};
  if (::stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw FileError(
        "the directory " + parent.string() + " to extract " + target.filename().string() + " into does not exist",
        parent.string());
  std::error_code ec;
  parent = fs::canonical(parent, ec);
  if (ec)
    throw FileError("cannot resolve " + target.parent_path().string() + ": " + ec.message(),
                    target.parent_path().string());
  target = parent / target.filename();

  struct stat existing {};
  bool exists = ::lstat(target.c_str(), &existing) == 0;
  if (exists && (!options.single_top_entry || S_ISDIR(existing.st_mode)))
    throw FileError(target.string() + " already exists", target.string());

  (void)internal::libarchive();  // loaded (or FileError) before anything is created
  std::string leaf(".");
  leaf.append(target.filename().string()).append(".docker-cpp-XXXXXX");
  std::string pattern = (parent / leaf).string();
  if (!::mkdtemp(pattern.data())) throw_errno("cannot create a temporary directory in", parent);
  fs::path temp(pattern);
  try {
    extract_into(archive, temp);
    fs::path moved = temp;
    if (options.single_top_entry) {
      auto names = list_directory(temp);
      if (names.size() != 1)
        throw FileError(
            "the archive for " + target.string() + " has " + std::to_string(names.size()) + " top entries, not one",
            target.string());
      moved = temp / names.front();
      struct stat top {};
      if (::lstat(moved.c_str(), &top) != 0) throw_errno("cannot stat", moved);
      if (exists && S_ISDIR(top.st_mode))
        throw FileError("cannot replace the file " + target.string() + " with a directory", target.string());
    }
    if (::rename(moved.c_str(), target.c_str()) != 0) throw_errno("cannot move the extracted files to", target);
    if (moved != temp) ::rmdir(temp.c_str());
  } catch (...) {
    remove_tree(temp);
    throw;
  }
}

}  // namespace docker::files
