// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace coffer::sandbox {

/**
 * RFC 6238 time-based one-time passwords as virtual MFA devices make them: HMAC-SHA-1 of the
 * 30-second step count, dynamically truncated (RFC 4226) to 6 digits. The seed is the base32
 * text an authenticator app is given ("JBSWY3DPEHPK3PXP").
 *
 *     const auto seed = SandboxTotp::decodeBase32(u"JBSWY3DPEHPK3PXP");
 *     const QString code = SandboxTotp::code(*seed, QDateTime::currentDateTimeUtc());
 *     const bool ok = SandboxTotp::verify(*seed, code, QDateTime::currentDateTimeUtc());
 *
 * Neither the seed nor a code is ever logged.
 */
class SandboxTotp
{
public:
    static constexpr int stepSeconds = 30;
    static constexpr int digits = 6;

    /// RFC 4648 base32, case-insensitive, spaces and '=' padding ignored; nullopt for any other
    /// character or an empty seed.
    [[nodiscard]] static std::optional<QByteArray> decodeBase32(QStringView text);
    /// The code of the step `time` falls in.
    [[nodiscard]] static QString code(QByteArrayView seed, const QDateTime &time);
    /// The code of step `counter` (seconds since the epoch / 30).
    [[nodiscard]] static QString codeForStep(QByteArrayView seed, qint64 counter);
    /// Is `code` the code of the step of `time`, or of one step before or after it (clock drift)?
    [[nodiscard]] static bool verify(QByteArrayView seed, QStringView code, const QDateTime &time,
                                     int driftSteps = 1);
};

} // namespace coffer::sandbox
