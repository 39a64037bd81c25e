// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxdevicepage.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox::SandboxDevicePage", text);
}

QString escaped(const QString &text)
{
    // toHtmlEscaped() covers < > & "; the apostrophe too, so no attribute quoting can break.
    return text.toHtmlEscaped().replace(u'\'', u"&#39;"_s);
}

} // namespace

QByteArray SandboxDevicePage::document(const QString &title, const QString &body)
{
    return (u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            u"<title>"_s
            + escaped(title) + u"</title>\n</head>\n<body>\n<h1>"_s + escaped(title) + u"</h1>\n"_s
            + body + u"</body>\n</html>\n"_s)
        .toUtf8();
}

QByteArray SandboxDevicePage::form(const QString &userCode, const QStringList &users)
{
    QString options;
    for (qsizetype i = 0; i < users.size(); ++i) {
        options += u"<option value=\"%1\"%2>%1</option>\n"_s.arg(
            escaped(users.at(i)), i == 0 ? u" selected"_s : QString());
    }
    const QString body = u"<p>"_s
        + escaped(translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage",
                                               "An application asks to sign in to the Coffer "
                                               "sandbox's IAM Identity Center. Check that the "
                                               "code is the one it shows, choose who signs in, "
                                               "and allow it.")))
        + u"</p>\n<form method=\"post\" action=\"/start/device\">\n<p><label for=\"user_code\">"_s
        + escaped(translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "Code")))
        + u"</label>\n<input id=\"user_code\" name=\"user_code\" value=\""_s + escaped(userCode)
        + u"\" autocomplete=\"off\" required></p>\n<p><label for=\"user\">"_s
        + escaped(translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "User")))
        + u"</label>\n<select id=\"user\" name=\"user\">\n"_s + options
        + u"</select></p>\n<p><button type=\"submit\">"_s
        + escaped(translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "Allow")))
        + u"</button></p>\n</form>\n"_s;
    return document(
        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "Authorize a device")),
        body);
}

QByteArray SandboxDevicePage::approved(const QString &user)
{
    const QString body = u"<p>"_s
        + escaped(translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage",
                                               "The device is signed in as %1. You can close "
                                               "this page and go back to the application."))
                      .arg(user))
        + u"</p>\n"_s;
    return document(
        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "Device approved")),
        body);
}

QByteArray SandboxDevicePage::error(const QString &reason)
{
    const QString body = u"<p>"_s + escaped(reason) + u"</p>\n<p><a href=\"/start/device\">"_s
        + escaped(translated(
            QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "Enter a code again")))
        + u"</a></p>\n"_s;
    return document(
        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "Not approved")), body);
}

} // namespace coffer::sandbox
