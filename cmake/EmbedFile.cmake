# cmake -DIN=<file> -DOUT=<file.cpp> -DSYMBOL=<name> -P EmbedFile.cmake: writes a C++ file that defines
# `extern const unsigned char SYMBOL[]` with IN's bytes and `extern const std::size_t SYMBOL_size`, so a file the
# program needs at run time (the French catalog) travels inside the binary.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n"
       bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/EmbedFile.cmake: do not edit.\n#include <cstddef>\n\n"
     "extern const unsigned char ${SYMBOL}[];\nextern const std::size_t ${SYMBOL}_size;\n"
     "const unsigned char ${SYMBOL}[] = {\n${bytes}0};\nconst std::size_t ${SYMBOL}_size = ${size};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
