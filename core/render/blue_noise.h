// blue_noise.h - a toroidal Poisson-disk tile.
//
// The dot field repeats one seed-specific tile of a few thousand points whose
// edges wrap, so the whole plane keeps the minimum spacing and density is
// exact by construction (points per tile / tile area). A dot keeps its place
// when the region changes, so dots do not shimmer while a handle is dragged.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec2.hpp>

namespace smp {

// Bridson's algorithm on the unit torus; about `target` points in [0,1)^2.
std::vector<glm::vec2> poisson_tile(std::uint32_t seed, int target);

}  // namespace smp
