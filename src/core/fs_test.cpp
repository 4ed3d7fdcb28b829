#include "core/fs.h"

#include <gtest/gtest.h>

#include <unistd.h>

namespace sakuga::core {
namespace {

void check_atomic_write(FileSystem& fs, const fs::path& path) {
  ASSERT_TRUE(fs.write_file(path, "old").is_ok());
  {
    auto w = fs.create_atomic(path);
    ASSERT_TRUE(w.is_ok());
    std::string bytes = "new contents";
    ASSERT_TRUE((*w)->write({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}).is_ok());
    // Not committed yet: the old file is still there, whole.
    EXPECT_EQ(fs.read_file(path).value(), "old");
    // Abandoned without commit.
  }
  EXPECT_EQ(fs.read_file(path).value(), "old");
  auto w = fs.create_atomic(path);
  ASSERT_TRUE(w.is_ok());
  std::string bytes = "0123456789";
  ASSERT_TRUE((*w)->write({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}).is_ok());
  ASSERT_TRUE((*w)->seek(2).is_ok());
  ASSERT_TRUE((*w)->write({reinterpret_cast<const uint8_t*>("ab"), 2}).is_ok());
  uint8_t back[3];
  ASSERT_TRUE((*w)->seek(1).is_ok());
  EXPECT_EQ((*w)->read(back).value(), 3u);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(back), 3), "1ab");
  ASSERT_TRUE((*w)->commit().is_ok());
  EXPECT_EQ(fs.read_file(path).value(), "01ab456789");
  auto in = fs.open_read(path);
  ASSERT_TRUE(in.is_ok());
  EXPECT_EQ((*in)->size(), 10);
}

TEST(FileSystem, MemoryWritesAreAtomic) {
  MemoryFileSystem fs;
  check_atomic_write(fs, "p/.sakuga/x.bin");
  EXPECT_TRUE(fs.is_directory("p/.sakuga"));
  EXPECT_EQ(fs.write_count("p/.sakuga/x.bin"), 2);
}

TEST(FileSystem, DiskWritesAreAtomicAndLeaveNoTemporaries) {
  fs::path dir = fs::temp_directory_path() / ("sakuga_fs_test_" + std::to_string(getpid()));
  DiskFileSystem disk;
  check_atomic_write(disk, dir / "sub" / "x.bin");
  int entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir / "sub")) ++entries;
  EXPECT_EQ(entries, 1);
  EXPECT_EQ(disk.read_file(dir / "missing").status().code(), ErrorCode::kNotFound);
  fs::remove_all(dir);
}

// Both file systems list a folder the same way: direct entries only, sorted, none for a missing one.
void check_listing(FileSystem& fs, const fs::path& dir) {
  ASSERT_TRUE(fs.write_file(dir / "b.png", "b").is_ok());
  ASSERT_TRUE(fs.write_file(dir / "a" / "1.svg", "1").is_ok());
  ASSERT_TRUE(fs.write_file(dir / "a" / "2.svg", "2").is_ok());
  ASSERT_TRUE(fs.write_file(dir / "c.toml", "c").is_ok());
  EXPECT_EQ(fs.list_directory(dir), (std::vector<std::string>{"a", "b.png", "c.toml"}));
  EXPECT_EQ(fs.list_directory(dir / "a"), (std::vector<std::string>{"1.svg", "2.svg"}));
  EXPECT_TRUE(fs.list_directory(dir / "none").empty());
}

TEST(FileSystem, ListsFoldersAlikeInMemoryAndOnDisk) {
  MemoryFileSystem mem;
  check_listing(mem, "p/cut");
  fs::path dir = fs::temp_directory_path() / ("sakuga_fs_list_" + std::to_string(getpid()));
  DiskFileSystem disk;
  check_listing(disk, dir);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sakuga::core
