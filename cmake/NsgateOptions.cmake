# One INTERFACE target carries the project's compile options and warnings; every
# project target links it instead of touching global flags.
add_library(nsgate_options INTERFACE)
add_library(nsgate::options ALIAS nsgate_options)

target_compile_features(nsgate_options INTERFACE cxx_std_20)
target_compile_options(nsgate_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# GCC's -Wnull-dereference at -O2 flags QPointer use after its null check
# (QPointer::data() carries no non-null knowledge) across inlined Qt code.
# It stays on for the plain C++ code, where it finds real mistakes; targets
# built on Qt set the property NSGATE_QT_CODE to leave it out.
target_compile_options(nsgate_options INTERFACE
  $<$<NOT:$<BOOL:$<TARGET_PROPERTY:NSGATE_QT_CODE>>>:-Wnull-dereference>)

option(NSGATE_WERROR "Treat warnings as errors" OFF)
if(NSGATE_WERROR)
  target_compile_options(nsgate_options INTERFACE -Werror)
endif()

option(NSGATE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(NSGATE_SANITIZE)
  target_compile_options(nsgate_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(nsgate_options INTERFACE -fsanitize=address,undefined)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()
