// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxtotp.h"

#include "models/aws/cryptohmac.h"

#include <QtEndian>

#include <array>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

std::optional<QByteArray> SandboxTotp::decodeBase32(QStringView text)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (const QChar c : text) {
        int value = -1;
        const char16_t u = c.toUpper().unicode();
        if (u >= u'A' && u <= u'Z')
            value = u - u'A';
        else if (u >= u'2' && u <= u'7')
            value = u - u'2' + 26;
        else if (u == u'=' || u == u' ')
            continue;
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 5) | quint32(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

QString SandboxTotp::codeForStep(QByteArrayView seed, qint64 counter)
{
    std::array<char, 8> message {};
    qToBigEndian(quint64(counter), message.data());
    const QByteArray mac = aws::CryptoHmac(seed, aws::CryptoDigest::Algorithm::Sha1)
                               .mac(QByteArrayView(message.data(), qsizetype(message.size())));
    if (mac.size() != 20)
        return {};
    const int offset = mac.at(19) & 0x0f;
    const quint32 binary = (quint32(quint8(mac.at(offset)) & 0x7f) << 24)
        | (quint32(quint8(mac.at(offset + 1))) << 16) | (quint32(quint8(mac.at(offset + 2))) << 8)
        | quint32(quint8(mac.at(offset + 3)));
    return u"%1"_s.arg(qulonglong(binary % 1000000), digits, 10, QLatin1Char('0'));
}

QString SandboxTotp::code(QByteArrayView seed, const QDateTime &time)
{
    return codeForStep(seed, time.toSecsSinceEpoch() / stepSeconds);
}

bool SandboxTotp::verify(QByteArrayView seed, QStringView code, const QDateTime &time,
                         int driftSteps)
{
    if (code.size() != digits || seed.isEmpty())
        return false;
    const qint64 step = time.toSecsSinceEpoch() / stepSeconds;
    bool matched = false;
    // Every candidate is computed and compared, so the time taken says nothing about which matched.
    for (qint64 candidate = step - driftSteps; candidate <= step + driftSteps; ++candidate) {
        const QString expected = codeForStep(seed, candidate);
        int difference = 0;
        for (int i = 0; i < digits; ++i)
            difference |= expected.at(i).unicode() ^ code.at(i).unicode();
        matched = matched || difference == 0;
    }
    return matched;
}

} // namespace coffer::sandbox
