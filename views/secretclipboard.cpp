// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretclipboard.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QMimeData>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {
QByteArray fingerprintOf(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}
} // namespace

SecretClipboard::SecretClipboard(QObject *parent)
    : QObject(parent)
{
    m_clearTimer.setSingleShot(true);
    connect(&m_clearTimer, &QTimer::timeout, this, &SecretClipboard::clearSecretNow);
    if (qApp)
        connect(qApp, &QCoreApplication::aboutToQuit, this, &SecretClipboard::clearSecretNow);
}

SecretClipboard::~SecretClipboard()
{
    clearSecretNow();
}

SecretClipboard *SecretClipboard::instance()
{
    static QPointer<SecretClipboard> clipboard;
    if (!clipboard)
        clipboard = new SecretClipboard(qApp);
    return clipboard;
}

void SecretClipboard::copyPublic(const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
}

void SecretClipboard::copySecret(const QString &text)
{
    auto *mime = new QMimeData;
    mime->setText(text);
    // Clipboard managers that honour these never store or show the value (KDE Klipper, macOS
    // pasteboard managers, Windows clipboard history and cloud sync).
    mime->setData(u"x-kde-passwordManagerHint"_s, QByteArrayLiteral("secret"));
    mime->setData(u"application/x-nspasteboard-concealed-type"_s, {});
    mime->setData(u"ExcludeClipboardContentFromMonitorProcessing"_s, QByteArray(4, '\0'));
    mime->setData(u"CanIncludeInClipboardHistory"_s, QByteArray(4, '\0'));
    mime->setData(u"CanUploadToCloudClipboard"_s, QByteArray(4, '\0'));
    QGuiApplication::clipboard()->setMimeData(mime);
    m_fingerprint = fingerprintOf(text);
    m_clearTimer.start(m_clearDelay);
    emit secretCopied(int(std::chrono::duration_cast<std::chrono::seconds>(m_clearDelay).count()));
}

void SecretClipboard::clearSecretNow()
{
    m_clearTimer.stop();
    if (m_fingerprint.isEmpty())
        return;
    QClipboard *clipboard = qApp ? QGuiApplication::clipboard() : nullptr;
    // Only our own text is removed: whatever the user copied since stays.
    if (clipboard && fingerprintOf(clipboard->text()) == m_fingerprint)
        clipboard->clear();
    m_fingerprint.clear();
    emit secretCleared();
}

} // namespace coffer
