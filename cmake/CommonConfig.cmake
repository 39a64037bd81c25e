# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# coffer_common carries the flags every Coffer target is built with (after qBittorrent's
# CommonConfig.cmake). Link it PRIVATE into each target instead of setting flags per target.

add_library(coffer_common INTERFACE)

target_compile_definitions(coffer_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    COFFER_VERSION="${PROJECT_VERSION}"
)

target_compile_options(coffer_common INTERFACE
    -Wall -Wextra -Wpedantic
    -Wcast-align -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough
    $<$<BOOL:${COFFER_WERROR}>:-Werror>
)

# Sanitizer builds (the asan preset) pass COFFER_SANITIZE=address,undefined.
set(COFFER_SANITIZE "" CACHE STRING "Comma-separated -fsanitize= list for every target")
if(COFFER_SANITIZE)
    target_compile_options(coffer_common INTERFACE
        -fsanitize=${COFFER_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(coffer_common INTERFACE -fsanitize=${COFFER_SANITIZE})
endif()
