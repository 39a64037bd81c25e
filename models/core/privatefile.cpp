// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/core/privatefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace coffer {

std::expected<void, QString> writePrivateFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    // Private before the first byte is written: QSaveFile's temporary file takes the umask.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(bytes) != bytes.size() || !file.commit()) {
        return std::unexpected(QCoreApplication::translate("coffer", "Cannot write %1: %2")
                                       .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    return {};
}

} // namespace coffer
