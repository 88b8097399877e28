// The single translation unit that compiles stb_image. No stdio: the core
// only ever decodes bytes it is handed. Only the four formats intake walks
// and validates first (core/intake/photo_header.h) are compiled in: stb's other
// loaders (TGA, PSD, PIC, PNM, HDR) would accept random bytes as an image.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
#define STBI_NO_HDR
#define STBI_NO_LINEAR
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_ONLY_BMP
#define STBI_ONLY_GIF
#define STBI_MAX_DIMENSIONS 16384
#include <stb/stb_image.h>
