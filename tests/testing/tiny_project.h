#pragma once
/// A tiny project (64x48, two cuts, a PNG and an SVG background, a sound) written into any
/// FileSystem, for loader, build and end-to-end tests.

#include <string>

#include "core/fs.h"

namespace sakuga::testing {

/// Writes the project under `root`. Cut c001 (12 frames) pans over a PNG background and shows
/// A drawings "1 2 1" on 4s; cut c002 (6 frames) holds drawing 1 over an SVG background.
void write_tiny_project(core::FileSystem& fs, const std::filesystem::path& root);

/// A drawing: a filled circle at (cx, cy) on a 64x48 canvas.
std::string circle_svg(int cx, int cy, const char* fill);

}  // namespace sakuga::testing
