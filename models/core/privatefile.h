// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <expected>

namespace coffer {

/**
 * Writes a file that only its owner may read: a secret's binary value, a patch, a diagnostics
 * report, a key. QSaveFile writes a private temporary file, made 0600 before the first byte,
 * flushed and renamed over `path`, so neither other users nor a crash ever see part of it.
 * The error says what failed, with the path.
 */
[[nodiscard]] std::expected<void, QString> writePrivateFile(const QString &path, const QByteArray &bytes);

} // namespace coffer
