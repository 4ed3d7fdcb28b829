#include "raster/png_io.h"

#include <png.h>

#include <cstring>
#include <vector>

namespace sakuga::raster {
namespace {

struct ReadState {
  std::string_view data;
  size_t pos = 0;
};

struct ErrorState {
  std::string message;
};

void on_error(png_structp png, png_const_charp msg) {
  static_cast<ErrorState*>(png_get_error_ptr(png))->message = msg;
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

void read_fn(png_structp png, png_bytep out, png_size_t n) {
  auto* s = static_cast<ReadState*>(png_get_io_ptr(png));
  if (s->pos + n > s->data.size()) png_error(png, "truncated PNG data");
  std::memcpy(out, s->data.data() + s->pos, n);
  s->pos += n;
}

void write_fn(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}

void flush_fn(png_structp) {}

}  // namespace

core::Result<PngImage> decode_png(std::string_view bytes) {
  if (bytes.size() < 8 || png_sig_cmp(reinterpret_cast<png_const_bytep>(bytes.data()), 0, 8) != 0) {
    return core::error(core::ErrorCode::kInvalidInput, "not a PNG file");
  }
  ErrorState err;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &err, on_error, on_warning);
  png_infop info = png_create_info_struct(png);
  ReadState rs{bytes, 0};
  PngImage out;
  std::vector<png_bytep> rows;
  // libpng reports errors by longjmp: nothing with a destructor may be created between setjmp and
  // the calls that can fail, so the image and the row table are set up before.
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return core::error(core::ErrorCode::kInvalidInput, "corrupt PNG: " + err.message);
  }
  png_set_read_fn(png, &rs, read_fn);
  png_read_info(png, info);
  png_uint_32 w = png_get_image_width(png, info);
  png_uint_32 h = png_get_image_height(png, info);
  if (w > 32768 || h > 32768) png_error(png, "image larger than 32768 pixels");
  int type = png_get_color_type(png, info);
  if (png_get_bit_depth(png, info) == 16) png_set_strip_16(png);
  if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
  if (type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  if (!(type & PNG_COLOR_MASK_ALPHA)) png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  png_int_32 ox = 0, oy = 0;
  int unit = 0;
  if (png_get_oFFs(png, info, &ox, &oy, &unit) && unit == PNG_OFFSET_PIXEL) {
    out.offset_x = ox;
    out.offset_y = oy;
  }
  out.pixels = core::Image<core::Rgba8>(static_cast<int>(w), static_cast<int>(h));
  rows.resize(h);
  for (png_uint_32 y = 0; y < h; ++y) rows[y] = reinterpret_cast<png_bytep>(out.pixels.row(static_cast<int>(y)));
  png_read_image(png, rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return out;
}

core::Result<std::string> encode_png(core::ImageView<const core::Rgba8> image, const PngWriteOptions& options) {
  ErrorState err;
  std::string out;
  std::vector<png_bytep> rows(static_cast<size_t>(image.height()));
  for (int y = 0; y < image.height(); ++y) {
    rows[y] = const_cast<png_bytep>(reinterpret_cast<const uint8_t*>(image.row(y)));
  }
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &err, on_error, on_warning);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return core::error(core::ErrorCode::kInternal, "PNG encoding failed: " + err.message);
  }
  png_set_write_fn(png, &out, write_fn, flush_fn);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width()), static_cast<png_uint_32>(image.height()), 8,
               PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, options.compression);
  // Sub filter only: nearly as small as adaptive filtering on flat anime colour, and much faster.
  png_set_filter(png, 0, PNG_FILTER_SUB);
  if (options.offset_x != 0 || options.offset_y != 0) {
    png_set_oFFs(png, info, options.offset_x, options.offset_y, PNG_OFFSET_PIXEL);
  }
  png_write_info(png, info);
  png_write_image(png, rows.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

void premultiply(core::ImageView<core::Rgba8> image) {
  for (int y = 0; y < image.height(); ++y) {
    core::Rgba8* row = image.row(y);
    for (int x = 0; x < image.width(); ++x) {
      core::Rgba8& p = row[x];
      if (p.a == 255) continue;
      p.r = static_cast<uint8_t>((p.r * p.a + 127) / 255);
      p.g = static_cast<uint8_t>((p.g * p.a + 127) / 255);
      p.b = static_cast<uint8_t>((p.b * p.a + 127) / 255);
    }
  }
}

void unpremultiply(core::ImageView<core::Rgba8> image) {
  for (int y = 0; y < image.height(); ++y) {
    core::Rgba8* row = image.row(y);
    for (int x = 0; x < image.width(); ++x) {
      core::Rgba8& p = row[x];
      if (p.a == 255) continue;
      if (p.a == 0) {
        p = {};
        continue;
      }
      p.r = static_cast<uint8_t>(std::min(255, (p.r * 255 + p.a / 2) / p.a));
      p.g = static_cast<uint8_t>(std::min(255, (p.g * 255 + p.a / 2) / p.a));
      p.b = static_cast<uint8_t>(std::min(255, (p.b * 255 + p.a / 2) / p.a));
    }
  }
}

}  // namespace sakuga::raster
