#pragma once
/// The file system, behind an interface so the build graph and the stages can be tested in memory.
///
/// Writes are atomic: a writer collects bytes in a temporary place and only `commit()` makes them
/// visible under the final name (rename on disk). A writer destroyed without commit leaves nothing.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace sakuga::core {

namespace fs = std::filesystem;

/// A readable, seekable file: what reading and writing files have in common, so decoders and muxers
/// need one adapter for both.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  /// Reads up to buf.size() bytes at the current position; 0 at the end.
  virtual Result<size_t> read(std::span<uint8_t> buf) = 0;
  virtual Status seek(int64_t offset) = 0;
  virtual int64_t tell() const = 0;
  virtual int64_t size() const = 0;
};

/// A file open for reading.
class InputFile : public RandomAccessFile {};

/// A file being written atomically. Seekable and readable back (muxers patch headers).
class AtomicWriter : public RandomAccessFile {
 public:
  virtual Status write(std::span<const uint8_t> data) = 0;
  /// Publishes the file under its final name. Afterwards the writer accepts nothing more.
  virtual Status commit() = 0;
};

struct FileInfo {
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> read_file(const fs::path& path) = 0;
  virtual Result<std::unique_ptr<InputFile>> open_read(const fs::path& path) = 0;
  /// Starts an atomic write; parent directories are created as needed.
  virtual Result<std::unique_ptr<AtomicWriter>> create_atomic(const fs::path& path) = 0;
  virtual bool exists(const fs::path& path) = 0;
  virtual bool is_directory(const fs::path& path) = 0;
  virtual Result<FileInfo> stat(const fs::path& path) = 0;
  virtual Status remove(const fs::path& path) = 0;
  /// Names of the entries (files and folders) directly inside a folder, sorted bytewise; empty
  /// when the folder does not exist.
  virtual std::vector<std::string> list_directory(const fs::path& path) = 0;
  /// Adds bytes at the end of a file (created, with its folders, when missing) in one write, so
  /// a process killed meanwhile leaves at worst a last line cut short. For logs.
  virtual Status append_file(const fs::path& path, std::string_view bytes) = 0;

  /// Writes a whole file atomically.
  Status write_file(const fs::path& path, std::string_view bytes);
};

/// The real disk.
class DiskFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const fs::path& path) override;
  Result<std::unique_ptr<InputFile>> open_read(const fs::path& path) override;
  Result<std::unique_ptr<AtomicWriter>> create_atomic(const fs::path& path) override;
  bool exists(const fs::path& path) override;
  bool is_directory(const fs::path& path) override;
  Result<FileInfo> stat(const fs::path& path) override;
  Status remove(const fs::path& path) override;
  std::vector<std::string> list_directory(const fs::path& path) override;
  Status append_file(const fs::path& path, std::string_view bytes) override;
};

/// An in-memory file system for tests. Thread-safe. Directories exist implicitly.
class MemoryFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const fs::path& path) override;
  Result<std::unique_ptr<InputFile>> open_read(const fs::path& path) override;
  Result<std::unique_ptr<AtomicWriter>> create_atomic(const fs::path& path) override;
  bool exists(const fs::path& path) override;
  bool is_directory(const fs::path& path) override;
  Result<FileInfo> stat(const fs::path& path) override;
  Status remove(const fs::path& path) override;
  std::vector<std::string> list_directory(const fs::path& path) override;
  Status append_file(const fs::path& path, std::string_view bytes) override;

  /// Test helpers: set a file directly, count completed writes per path.
  void put(const fs::path& path, std::string bytes);
  int write_count(const fs::path& path) const;
  size_t file_count() const;

 private:
  friend class MemoryWriter;
  void publish(const fs::path& path, std::string bytes);

  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;
  std::map<std::string, int> writes_;
  int64_t clock_ = 0;
  std::map<std::string, int64_t> mtimes_;
};

}  // namespace sakuga::core
