// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// For GUI tests only (it needs Qt Widgets, which the other tests do not link).
#include <QDir>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace coffer::test {

/// With COFFER_SCREENSHOT_DIR set (`COFFER_SCREENSHOT_DIR=$PWD/docs/screenshots ctest -R ...`),
/// saves what `widget` shows as <dir>/<name>.png, for the README and for looking at. True when
/// saved, or when no picture was asked for.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("COFFER_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return true;
    QDir().mkpath(folder);
    return widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

} // namespace coffer::test
