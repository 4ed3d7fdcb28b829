#pragma once
// Private to project/: the reader of the project's TOML files, and the loader's parts its files share.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/toml_file.h"
#include "project/project.h"

namespace sakuga::project::detail {

// Reads one TOML file of the project and reports its problems against its own source text.
class FileReader : public core::TomlFile {
 public:
  FileReader(core::FileSystem& fs, const fs::path& root, const fs::path& rel, core::DiagnosticSink& sink)
      : FileReader(fs, root, rel, sink, fs.read_file(root / rel)) {}

  /// False when the file is missing, unreadable or not TOML (each already reported).
  bool ok() const { return readable_ && TomlFile::ok(); }

  /// A project-relative path to an existing file with one of `extensions`.
  std::optional<fs::path> file_path(const toml::node& n, const std::string& what,
                                    const std::vector<std::string_view>& extensions) {
    auto s = string(n, what);
    if (!s) return std::nullopt;
    return resolve_file(*s, string_pos(n, 0), what, extensions);
  }

  /// The same for a path already read, written at `pos` of `where` (this file unless given).
  std::optional<fs::path> resolve_file(const std::string& s, core::SourcePos pos, const std::string& what,
                                       const std::vector<std::string_view>& extensions,
                                       const core::SourceText* where = nullptr) {
    const core::SourceText& at = where ? *where : src();
    fs::path out;
    if (auto why = resolve_in_project(root_, s, out)) {
      sink().error(at, pos, what + " '" + s + "' " + *why);
      return std::nullopt;
    }
    std::string ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extensions.size() > 0 && std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
      std::string list;
      for (auto e : extensions) list += (list.empty() ? "" : ", ") + std::string(e);
      sink().error(at, pos, what + " '" + s + "' has an unsupported type (expected " + list + ")");
      return std::nullopt;
    }
    if (!fs_.exists(out) || fs_.is_directory(out)) {
      sink().error(at, pos, what + " '" + s + "' not found");
      return std::nullopt;
    }
    return out;
  }

  core::FileSystem& fs() { return fs_; }
  const fs::path& root() const { return root_; }

 private:
  FileReader(core::FileSystem& fs, const fs::path& root, const fs::path& rel, core::DiagnosticSink& sink,
             const core::Result<std::string>& text)
      : core::TomlFile(rel.generic_string(), text.is_ok() ? *text : std::string(), sink),
        fs_(fs),
        root_(root),
        readable_(text.is_ok()) {
    if (!readable_) {
      sink.file_error(rel.generic_string(), text.status().code() == core::ErrorCode::kNotFound
                                                ? "cannot open: No such file or directory"
                                                : text.status().message());
    }
  }

  core::FileSystem& fs_;
  fs::path root_;
  bool readable_;
};

inline const std::vector<std::string_view> kAudioExtensions = {".wav", ".flac", ".ogg", ".oga", ".mp3", ".aif", ".aiff"};

/// A cut or layer name: it names a folder, so letters, digits, '-' and '_' only.
bool valid_cut_id(std::string_view id);

/// Reads cuts/<id>/cut.toml into `cut` (sakuga.toml already read into `p`).
void load_cut(core::FileSystem& fs, const Project& p, const std::string& id, core::DiagnosticSink& sink, Cut& cut);

/// The sheet: cel columns into the layers, timing charts, camera column and dialogue, from cut.toml
/// and, when the cut names one, its sheet file. Then every exposed drawing is found.
void load_sheet(FileReader& r, const Project& p, const timesheet::Sheet* file_sheet, const core::SourceText& sheet_src,
                Cut& cut);

/// Reads a sound cue table (cut sound or episode music), probing the file so a corrupt one is
/// reported here, against the line that names it.
std::optional<SoundCue> read_cue(FileReader& r, const toml::table& t, core::Rational rate, const std::string& what,
                                 const char* frame_key);

/// The sound file named `stem` (any sound extension) in `dir` or below it, first in name order.
std::optional<fs::path> find_sound(core::FileSystem& fs, const fs::path& dir, const std::string& stem, int depth);

/// The mouth layer's column timed from its character's lines in the cut: each line's take, else
/// the voice `scratch` gives (when there is one); closed where nobody speaks. Returns how many of
/// the character's lines had no sound to time.
int time_mouth(core::FileSystem& fs, const Project& p, const Cut& cut, Layer& layer, const VoiceSource* scratch);

}  // namespace sakuga::project::detail
