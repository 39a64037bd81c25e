// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>

namespace coffer::fuzz {

/**
 * Takes a fuzzer's input apart into the pieces a target needs, front to back, the way LLVM's
 * FuzzedDataProvider does (which is not in Debian's libclang-rt headers for every version):
 *
 *     FuzzInput input(data, size);
 *     const quint8 choice = input.byte();
 *     const QByteArray path = input.chunk();   // up to the next 0x00 byte
 *     const QByteArray body = input.rest();
 *
 * Running out of input is not an error: every call then gives zero or an empty array, so each
 * input, however short, is one valid case.
 */
class FuzzInput final
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_bytes(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)))
    {
    }

    [[nodiscard]] bool atEnd() const { return m_pos >= m_bytes.size(); }
    /// The next byte, 0 at the end.
    [[nodiscard]] quint8 byte() { return atEnd() ? 0 : quint8(m_bytes.at(m_pos++)); }
    /// The bytes up to the next 0x00 (which is consumed), or to the end. A deep copy.
    [[nodiscard]] QByteArray chunk()
    {
        const qsizetype end = m_bytes.indexOf('\0', m_pos);
        const qsizetype stop = end < 0 ? m_bytes.size() : end;
        QByteArray piece(m_bytes.constData() + m_pos, stop - m_pos);
        m_pos = end < 0 ? m_bytes.size() : end + 1;
        return piece;
    }
    /// Everything not read yet, as a deep copy.
    [[nodiscard]] QByteArray rest()
    {
        QByteArray remaining(m_bytes.constData() + m_pos, m_bytes.size() - m_pos);
        m_pos = m_bytes.size();
        return remaining;
    }

private:
    QByteArray m_bytes;
    qsizetype m_pos = 0;
};

/// The whole input as a deep copy (a fuzzer's buffer must not outlive the call).
[[nodiscard]] inline QByteArray inputBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// Stops the process when a target's invariant breaks: libFuzzer records the input as a crash.
#define COFFER_FUZZ_CHECK(condition)                                                               \
    do {                                                                                           \
        if (!(condition)) [[unlikely]]                                                             \
            ::coffer::fuzz::invariantBroken(#condition, __FILE__, __LINE__);                       \
    } while (false)

[[noreturn]] void invariantBroken(const char *condition, const char *file, int line);

} // namespace coffer::fuzz
