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

# Fuzzer builds (the fuzz preset): coverage instrumentation everywhere; fuzz/ links libFuzzer.
if(COFFER_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "COFFER_BUILD_FUZZERS needs clang (the fuzz preset uses clang++-16)")
    endif()
    target_compile_options(coffer_common INTERFACE -fsanitize=fuzzer-no-link)
endif()

# libstdc++ 12 offers std::expected only when __cpp_concepts >= 202002L. Clang implements what
# <expected> needs (P0848, conditionally trivial special members) from version 16 but reports
# 201907L until 19, so Debian 12's clang-16 would see no std::expected at all.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 16
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
    target_compile_options(coffer_common INTERFACE -U__cpp_concepts -D__cpp_concepts=202002L)
endif()
