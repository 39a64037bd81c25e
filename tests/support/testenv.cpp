// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/testenv.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

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

} // namespace coffer::test
