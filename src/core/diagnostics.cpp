#include "core/diagnostics.h"

#include <algorithm>

namespace sakuga::core {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

}  // namespace

SourceText::SourceText(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::string_view SourceText::line(int n) const {
  if (n < 1 || static_cast<size_t>(n) > line_starts_.size()) return {};
  size_t begin = line_starts_[n - 1];
  size_t end = static_cast<size_t>(n) < line_starts_.size() ? line_starts_[n] - 1 : text_.size();
  std::string_view v(text_.data() + begin, end - begin);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

SourcePos SourceText::pos_at(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  int line = static_cast<int>(it - line_starts_.begin());
  size_t begin = line_starts_[line - 1];
  int col = 1;
  for (size_t i = begin; i < offset; ++i) {
    if (!is_continuation(static_cast<unsigned char>(text_[i]))) ++col;
  }
  return {line, col};
}

size_t SourceText::offset_of(SourcePos pos) const {
  if (pos.line < 1 || static_cast<size_t>(pos.line) > line_starts_.size() || pos.col < 1) {
    return std::string::npos;
  }
  size_t i = line_starts_[pos.line - 1];
  int col = 1;
  while (col < pos.col && i < text_.size() && text_[i] != '\n') {
    ++i;
    while (i < text_.size() && is_continuation(static_cast<unsigned char>(text_[i]))) ++i;
    ++col;
  }
  return i;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.pos.line > 0) {
    out += ":" + std::to_string(d.pos.line);
    if (d.pos.col > 0) out += ":" + std::to_string(d.pos.col);
  }
  out += ": ";
  out += severity_name(d.severity);
  out += ": " + d.message + "\n";
  if (!d.source_line.empty()) {
    out += d.source_line + "\n";
    if (d.pos.col > 0) {
      // Keep tabs so the caret lines up under the same indentation.
      int col = 1;
      for (size_t i = 0; i < d.source_line.size() && col < d.pos.col; ++i) {
        unsigned char c = static_cast<unsigned char>(d.source_line[i]);
        if (is_continuation(c)) continue;
        out += c == '\t' ? '\t' : ' ';
        ++col;
      }
      while (col++ < d.pos.col) out += ' ';
      out += "^\n";
    }
  }
  return out;
}

void DiagnosticSink::report(Diagnostic d) {
  std::lock_guard lock(mu_);
  items_.push_back(std::move(d));
}

void DiagnosticSink::error(const SourceText& src, SourcePos pos, std::string message) {
  report({Severity::kError, src.path(), pos, std::move(message), std::string(src.line(pos.line))});
}

void DiagnosticSink::warning(const SourceText& src, SourcePos pos, std::string message) {
  report({Severity::kWarning, src.path(), pos, std::move(message), std::string(src.line(pos.line))});
}

void DiagnosticSink::file_error(std::string file, std::string message) {
  report({Severity::kError, std::move(file), {}, std::move(message), {}});
}

bool DiagnosticSink::has_errors() const { return error_count() > 0; }

size_t DiagnosticSink::error_count() const {
  std::lock_guard lock(mu_);
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

size_t DiagnosticSink::warning_count() const {
  std::lock_guard lock(mu_);
  return static_cast<size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::kWarning; }));
}

std::vector<Diagnostic> DiagnosticSink::diagnostics() const {
  std::lock_guard lock(mu_);
  return items_;
}

std::string DiagnosticSink::format_all() const {
  std::string out;
  for (const auto& d : diagnostics()) out += format_diagnostic(d);
  return out;
}

}  // namespace sakuga::core
