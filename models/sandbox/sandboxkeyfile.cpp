// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxkeyfile.h"

#include "models/sandbox/sandboxcipher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace coffer::sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox", text);
}

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

SandboxKeyFile::SandboxKeyFile(QString path)
    : m_path(std::move(path))
{
}

SandboxKeyProvider::KeyResult SandboxKeyFile::loadOrCreate() const
{
    const QFileInfo info(m_path);
    if (info.exists()) {
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                | QFileDevice::ReadOther | QFileDevice::WriteOther;
        if (info.permissions() & others) {
            return std::unexpected(tr("The sandbox key file %1 can be read by other users; make it private "
                                      "(chmod 600) or remove it.").arg(m_path));
        }
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(tr("Cannot read the sandbox key file %1: %2").arg(m_path, file.errorString()));
        QByteArray key = file.read(SandboxCipher::KeySize + 1);
        if (key.size() != SandboxCipher::KeySize)
            return std::unexpected(tr("The sandbox key file %1 is damaged (it must hold exactly 32 bytes).").arg(m_path));
        return key;
    }

    if (!QDir().mkpath(info.absolutePath()))
        return std::unexpected(tr("Cannot create the folder for the sandbox key file %1.").arg(m_path));
    QByteArray key = SandboxCipher::generateKey();
    if (key.size() != SandboxCipher::KeySize)
        return std::unexpected(tr("No random key could be generated."));
    QSaveFile file(m_path);
    // Private before the first byte is written: QSaveFile's temporary file takes the umask.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerOnly) || file.write(key) != key.size()
        || !file.commit()) {
        return std::unexpected(tr("Cannot write the sandbox key file %1: %2").arg(m_path, file.errorString()));
    }
    return key;
}

void SandboxKeyFile::requestKey(QObject *context, KeyCallback done)
{
    Q_UNUSED(context);
    done(loadOrCreate());
}

QString SandboxKeyFile::description() const
{
    return tr("key file %1").arg(m_path);
}

} // namespace coffer::sandbox
