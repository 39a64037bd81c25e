// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace coffer::sandbox {

/**
 * The HTML of the sandbox's device verification page (`/start/device`), where a person approves
 * the sign-in an application started with StartDeviceAuthorization: a plain form (no script)
 * with the user code, a choice of the directory's users and a submit button, and the short pages
 * that answer it. Every text placed in the HTML is escaped.
 *
 *     answer.body = SandboxDevicePage::form(query.queryItemValue(u"user_code"_s), users);
 */
class SandboxDevicePage
{
public:
    /// The form: `userCode` prefilled, `users` in a select with the first one chosen; it posts
    /// `user_code` and `user` (application/x-www-form-urlencoded) to /start/device.
    [[nodiscard]] static QByteArray form(const QString &userCode, const QStringList &users);
    /// "The device is signed in as <user>."
    [[nodiscard]] static QByteArray approved(const QString &user);
    /// A refusal, `reason` in words, with a link back to the form.
    [[nodiscard]] static QByteArray error(const QString &reason);

private:
    [[nodiscard]] static QByteArray document(const QString &title, const QString &body);
};

} // namespace coffer::sandbox
