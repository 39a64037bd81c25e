// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::test {

namespace {
QString fromEnvironment(const char *name)
{
    return qEnvironmentVariable(name);
}
} // namespace

QString sourceDir()
{
    return fromEnvironment("COFFER_SOURCE_DIR");
}

QString sharedDir()
{
    const QString dir = fromEnvironment("COFFER_SHARED_DIR");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return {};
    return QDir(dir).canonicalPath();
}

QString binaryDir()
{
    return fromEnvironment("COFFER_BINARY_DIR");
}

QString cliPath()
{
    return fromEnvironment("COFFER_CLI");
}

QString guiPath()
{
    return fromEnvironment("COFFER_GUI");
}

QString botocorePython()
{
    if (QFileInfo(u"/usr/bin/python3"_s).isExecutable())
        return u"/usr/bin/python3"_s;
    return QStandardPaths::findExecutable(u"python3"_s);
}

QStringList filesContaining(const QString &folder, const QByteArray &needle, const QStringList &allowed)
{
    const QString text = QString::fromUtf8(needle);
    const QList<QByteArray> encodings{needle, needle.toBase64(), needle.toHex(),
                                      QByteArray(reinterpret_cast<const char *>(text.utf16()),
                                                 text.size() * qsizetype(sizeof(char16_t)))};
    QStringList hits;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (std::any_of(allowed.cbegin(), allowed.cend(),
                        [&path](const QString &skip) { return path.startsWith(skip + u'/'); }))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (std::any_of(encodings.cbegin(), encodings.cend(),
                        [&bytes](const QByteArray &encoded) { return bytes.contains(encoded); }))
            hits << path;
    }
    return hits;
}

} // namespace coffer::test
