// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace coffer {

/**
 * Who Coffer is: the names and identifiers that settings, the keychain, the desktop file and
 * `--version` share, so they are spelt in one place.
 */
class AppInfo final
{
public:
    AppInfo() = delete;

    /// Reverse-DNS application id (desktop file, AppStream, D-Bus).
    static QString applicationId();
    static QString organizationName();
    static QString applicationName();
    static QString version();
    /// Where the documentation is read (the project's README online).
    static QUrl documentationUrl();
    /// The service name Coffer's keychain items are stored under.
    static QString keychainService();
    /// "coffer 0.1.0 (Qt 6.4.2, OpenSSL 3.0.x)" for --version and bug reports.
    static QString versionText(const QString &program = QStringLiteral("coffer"));
    /// Sets the QCoreApplication names so QSettings and QStandardPaths agree everywhere.
    static void applyToApplication();
    /// Installs the translations compiled into the executable (":/translations/coffer_*.qm"):
    /// the user's language where there is one, else English, which supplies plural forms.
    static void installTranslations();
};

} // namespace coffer
