// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/core/appinfo.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace coffer {

QString AppInfo::applicationId()
{
    return u"io.github.coffer_app.Coffer"_s;
}

QString AppInfo::organizationName()
{
    return u"Coffer"_s;
}

QString AppInfo::applicationName()
{
    return u"Coffer"_s;
}

QString AppInfo::version()
{
    return QStringLiteral(COFFER_VERSION);
}

QString AppInfo::keychainService()
{
    return applicationId();
}

QUrl AppInfo::documentationUrl()
{
    // The project's HOMEPAGE_URL (CMakeLists.txt), at its README.
    return QUrl(u"https://github.com/coffer-app/coffer#readme"_s);
}

QString AppInfo::versionText(const QString &program)
{
    return u"%1 %2 (Qt %3, %4)"_s.arg(program, version(), QString::fromLatin1(qVersion()),
                                      QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)));
}

void AppInfo::applyToApplication()
{
    QCoreApplication::setOrganizationName(organizationName());
    QCoreApplication::setApplicationName(applicationName());
    QCoreApplication::setApplicationVersion(version());
}

void AppInfo::installTranslations()
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(QLocale(), u"coffer"_s, u"_"_s, u":/translations"_s)
        || translator->load(u"coffer_en"_s, u":/translations"_s)) {
        QCoreApplication::installTranslator(translator);
    } else {
        delete translator;
    }
}

} // namespace coffer
