// docker::JsonValue: a pointer that is null, an owned DOM, or an owned Text
// (the checked text of a decoded value, parsed on its first read).
#include "docker/model/json_value.hpp"

#include <atomic>
#include <cstring>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "json_parser.hpp"

namespace docker {
namespace {
const nlohmann::json& null_json() {
  static const nlohmann::json null;
  return null;
}

constexpr std::uintptr_t kTextBit = 1;
}  // namespace

// The text sits right after this header, in the same allocation.
struct JsonValue::Text {
  explicit Text(std::size_t n) noexcept : size(n) {}

  static Text* make(std::string_view text) {
    void* memory = ::operator new(sizeof(Text) + text.size());
    auto* made = new (memory) Text(text.size());
    std::memcpy(made->bytes(), text.data(), text.size());
    return made;
  }
  static void destroy(Text* text) noexcept {
    delete text->parsed.load(std::memory_order_acquire);
    text->~Text();
    ::operator delete(text);
  }

  [[nodiscard]] char* bytes() noexcept { return reinterpret_cast<char*>(this + 1); }
  [[nodiscard]] std::string_view view() const noexcept { return {reinterpret_cast<const char*>(this + 1), size}; }

  // The DOM once parsed (it is then the value: the text may be stale), or null.
  [[nodiscard]] nlohmann::json* dom() const noexcept { return parsed.load(std::memory_order_acquire); }

  // The DOM, parsed by the first reader. Readers racing on the value each
  // parse and the first to publish wins: no lock, no once-flag to copy.
  [[nodiscard]] nlohmann::json& read() {
    if (nlohmann::json* done = parsed.load(std::memory_order_acquire)) return *done;
    auto fresh = std::make_unique<nlohmann::json>(internal::parse_json_text(view()));
    nlohmann::json* expected = nullptr;
    if (parsed.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) return *fresh.release();
    return *expected;
  }

  std::atomic<nlohmann::json*> parsed{nullptr};
  const std::size_t size;
};

JsonValue::JsonValue() noexcept = default;
JsonValue::JsonValue(const nlohmann::json& value)
    : held_(reinterpret_cast<std::uintptr_t>(new nlohmann::json(value))) {}
JsonValue::JsonValue(nlohmann::json&& value)
    : held_(reinterpret_cast<std::uintptr_t>(new nlohmann::json(std::move(value)))) {}
JsonValue::JsonValue(std::string_view text, CheckedText)
    : held_(reinterpret_cast<std::uintptr_t>(Text::make(text)) | kTextBit) {}

JsonValue::JsonValue(const JsonValue& other) {
  if (const nlohmann::json* dom = other.current_dom()) {
    held_ = reinterpret_cast<std::uintptr_t>(new nlohmann::json(*dom));
  } else if (Text* text = other.text()) {  // not parsed yet: copy the text
    held_ = reinterpret_cast<std::uintptr_t>(Text::make(text->view())) | kTextBit;
  }
}
JsonValue::JsonValue(JsonValue&& other) noexcept : held_(std::exchange(other.held_, 0)) {}

JsonValue& JsonValue::operator=(const JsonValue& other) {
  if (this != &other) *this = JsonValue(other);
  return *this;
}
JsonValue& JsonValue::operator=(JsonValue&& other) noexcept {
  if (this != &other) {
    clear();
    held_ = std::exchange(other.held_, 0);
  }
  return *this;
}
JsonValue::~JsonValue() { clear(); }

// The two casts back from the tagged word (a tagged pointer keeps JsonValue
// one word; the values came from pointers to these very types).
nlohmann::json* JsonValue::dom() const noexcept {
  if ((held_ & kTextBit) != 0) return nullptr;
  return reinterpret_cast<nlohmann::json*>(held_);  // NOLINT(performance-no-int-to-ptr)
}
JsonValue::Text* JsonValue::text() const noexcept {
  if ((held_ & kTextBit) == 0) return nullptr;
  return reinterpret_cast<Text*>(held_ & ~kTextBit);  // NOLINT(performance-no-int-to-ptr)
}
const nlohmann::json* JsonValue::current_dom() const noexcept {
  Text* text = this->text();
  return text != nullptr ? text->dom() : dom();
}
void JsonValue::clear() noexcept {
  if (Text* text = this->text()) {
    Text::destroy(text);
  } else {
    delete dom();
  }
  held_ = 0;
}

const nlohmann::json& JsonValue::get() const {
  if (Text* text = this->text()) return text->read();
  if (nlohmann::json* dom = this->dom()) return *dom;
  return null_json();
}

// Text stays as it is (reading through a non-const value is as thread-safe
// as through a const one); once parsed, its DOM is the value and may change.
nlohmann::json& JsonValue::get() {
  if (Text* text = this->text()) return text->read();
  if (held_ == 0) held_ = reinterpret_cast<std::uintptr_t>(new nlohmann::json());
  return *dom();
}

bool JsonValue::is_null() const {
  if (const nlohmann::json* dom = current_dom()) return dom->is_null();
  Text* text = this->text();
  return text == nullptr || text->view() == "null";
}

bool operator==(const JsonValue& a, const JsonValue& b) { return a.get() == b.get(); }
bool operator==(const JsonValue& a, const nlohmann::json& b) { return a.get() == b; }

void to_json(nlohmann::json& j, const JsonValue& value) { j = value.get(); }

void from_json(const nlohmann::json& j, JsonValue& value) { value = JsonValue(j); }

}  // namespace docker
