# Install helpers used next to the program targets (app/*/CMakeLists.txt).
# Each program installs into its own component; packaging/CMakeLists.txt turns
# every component into one Debian package:
#   daemon  -> nsgate          console -> nsgate-console          ctl -> nsgatectl

# The systemd unit directory of Debian 12 (lintian and debhelper use /lib there).
set(NSGATE_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH "Where the systemd unit of nsgate is installed")

find_program(NSGATE_HELP2MAN help2man)
find_program(NSGATE_GZIP gzip)
find_program(NSGATE_RSVG_CONVERT rsvg-convert)
if(NOT NSGATE_HELP2MAN OR NOT NSGATE_GZIP)
  message(WARNING "help2man or gzip not found: no man pages (Debian: help2man)")
endif()
if(NOT NSGATE_RSVG_CONVERT)
  message(WARNING "rsvg-convert not found: no PNG icons for the console (Debian: librsvg2-bin)")
endif()

# nsgate_add_man_page(TARGET COMPONENT comp NAME "one line for NAME" [ENVIRONMENT VAR=value...])
# Writes TARGET.1.gz with help2man from the built program's --help and --version
# (packaging/man/TARGET.h2m adds sections help2man cannot know) and installs it.
function(nsgate_add_man_page target)
  cmake_parse_arguments(M "" "COMPONENT;NAME" "ENVIRONMENT" ${ARGN})
  # Sanitizer builds may exit non-zero on leaks after --help; they are never packaged.
  if(NOT NSGATE_HELP2MAN OR NOT NSGATE_GZIP OR NSGATE_SANITIZE)
    return()
  endif()
  set(page "${CMAKE_CURRENT_BINARY_DIR}/${target}.1")
  set(include "${PROJECT_SOURCE_DIR}/packaging/man/${target}.h2m")
  # help2man runs "TARGET --help" through the shell: with the build directory
  # first on PATH the program sees its bare name in argv[0], as installed.
  # The C locale: the man pages are English whatever the build machine speaks.
  add_custom_command(
    OUTPUT "${page}.gz"
    COMMAND ${CMAKE_COMMAND} -E env "PATH=$<TARGET_FILE_DIR:${target}>:$ENV{PATH}" LC_ALL=C.UTF-8 LANGUAGE=
            ${M_ENVIRONMENT}
            ${NSGATE_HELP2MAN} --no-info --section=1 --name=${M_NAME} --include=${include}
            --output=${page} ${target}
    COMMAND ${NSGATE_GZIP} -9nf "${page}"
    DEPENDS ${target} "${include}"
    COMMENT "Generating man page ${target}.1"
    VERBATIM)
  add_custom_target(${target}_manpage ALL DEPENDS "${page}.gz")
  install(FILES "${page}.gz" DESTINATION share/man/man1 COMPONENT ${M_COMPONENT})
endfunction()

# nsgate_add_png_icons(SVG NAME COMPONENT comp SIZES 16 22 ...)
# Renders the SVG into the hicolor PNG sizes at build time and installs them with
# the SVG itself (scalable).
function(nsgate_add_png_icons svg)
  cmake_parse_arguments(I "" "NAME;COMPONENT" "SIZES" ${ARGN})
  install(FILES "${svg}" DESTINATION share/icons/hicolor/scalable/apps
          RENAME "${I_NAME}.svg" COMPONENT ${I_COMPONENT})
  if(NOT NSGATE_RSVG_CONVERT)
    return()
  endif()
  set(pngs)
  foreach(size IN LISTS I_SIZES)
    set(dir "${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size}")
    set(png "${dir}/${I_NAME}.png")
    add_custom_command(
      OUTPUT "${png}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${dir}"
      COMMAND ${NSGATE_RSVG_CONVERT} --width=${size} --height=${size} --format=png --output=${png} ${svg}
      DEPENDS "${svg}"
      COMMENT "Rendering ${I_NAME} icon ${size}x${size}"
      VERBATIM)
    install(FILES "${png}" DESTINATION share/icons/hicolor/${size}x${size}/apps COMPONENT ${I_COMPONENT})
    list(APPEND pngs "${png}")
  endforeach()
  add_custom_target(${I_NAME}_icons ALL DEPENDS ${pngs})
endfunction()
