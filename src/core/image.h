#pragma once
/// Images: `Image<Px>` owns rows with a stride (aligned to 64 bytes); `ImageView<Px>` does not own.
/// Algorithms take views.
///
/// Pixel formats are explicit types:
/// - `Rgba8`: 8-bit RGBA. Whether it is premultiplied is part of the contract of the function that
///   returns it (cels and frames in Sakuga are premultiplied; PNG files are straight).
/// - `RgbaF`: premultiplied float RGBA, linear in the encoded values, for compositing.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace sakuga::core {

struct Rgba8 {
  uint8_t r = 0, g = 0, b = 0, a = 0;
  friend bool operator==(Rgba8, Rgba8) = default;
};

struct RgbaF {
  float r = 0, g = 0, b = 0, a = 0;
};

template <typename Px>
class ImageView {
 public:
  ImageView() = default;
  ImageView(Px* data, int width, int height, ptrdiff_t stride_px)
      : data_(data), width_(width), height_(height), stride_(stride_px) {}

  int width() const { return width_; }
  int height() const { return height_; }
  ptrdiff_t stride() const { return stride_; }  ///< in pixels
  bool empty() const { return width_ <= 0 || height_ <= 0; }
  Px* row(int y) const {
    assert(y >= 0 && y < height_);
    return data_ + y * stride_;
  }
  Px& at(int x, int y) const {
    assert(x >= 0 && x < width_);
    return row(y)[x];
  }
  /// A view of a sub-rectangle (clipped by the caller).
  ImageView sub(int x, int y, int w, int h) const {
    assert(x >= 0 && y >= 0 && x + w <= width_ && y + h <= height_);
    return ImageView(data_ + y * stride_ + x, w, h, stride_);
  }
  operator ImageView<const Px>() const { return ImageView<const Px>(data_, width_, height_, stride_); }

 private:
  Px* data_ = nullptr;
  int width_ = 0;
  int height_ = 0;
  ptrdiff_t stride_ = 0;
};

template <typename Px>
class Image {
 public:
  Image() = default;
  /// Allocates width x height pixels, zero-filled.
  Image(int width, int height) : width_(width), height_(height) {
    assert(width >= 0 && height >= 0);
    size_t row_bytes = (static_cast<size_t>(width) * sizeof(Px) + 63) / 64 * 64;
    stride_ = static_cast<ptrdiff_t>(row_bytes / sizeof(Px));
    size_t bytes = row_bytes * static_cast<size_t>(height);
    if (bytes > 0) {
      data_.reset(static_cast<Px*>(std::aligned_alloc(64, bytes)));
      assert(data_);
      std::memset(static_cast<void*>(data_.get()), 0, bytes);
    }
  }
  Image(Image&&) noexcept = default;
  Image& operator=(Image&&) noexcept = default;

  int width() const { return width_; }
  int height() const { return height_; }
  ptrdiff_t stride() const { return stride_; }
  bool empty() const { return width_ <= 0 || height_ <= 0; }
  Px* row(int y) { return view().row(y); }
  const Px* row(int y) const { return cview().row(y); }
  Px& at(int x, int y) { return view().at(x, y); }
  const Px& at(int x, int y) const { return cview().at(x, y); }

  ImageView<Px> view() { return ImageView<Px>(data_.get(), width_, height_, stride_); }
  ImageView<const Px> view() const { return cview(); }
  ImageView<const Px> cview() const { return ImageView<const Px>(data_.get(), width_, height_, stride_); }

  Image clone() const {
    Image out(width_, height_);
    for (int y = 0; y < height_; ++y) std::memcpy(out.row(y), row(y), sizeof(Px) * width_);
    return out;
  }

 private:
  struct Free {
    void operator()(Px* p) const { std::free(p); }
  };
  std::unique_ptr<Px, Free> data_;
  int width_ = 0;
  int height_ = 0;
  ptrdiff_t stride_ = 0;
};

}  // namespace sakuga::core
