// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace coffer {

/**
 * The one way Coffer puts text on the system clipboard, with KeePassXC's hygiene for secrets.
 *
 * copyPublic() is for names and ARNs: plain text, left alone. copySecret() is for values: the
 * text is marked concealed (`x-kde-passwordManagerHint: secret`, and the macOS and Windows
 * equivalents) so clipboard managers do not keep it, and it is cleared after clearDelay() — but
 * only if the clipboard still holds our text, so something the user copied since is never lost.
 * Whatever secret is still ours is also cleared when the application quits.
 */
class SecretClipboard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretClipboard)

public:
    explicit SecretClipboard(QObject *parent = nullptr);
    ~SecretClipboard() override;

    /// The application's instance (created on first use, parented to the application).
    [[nodiscard]] static SecretClipboard *instance();

    void copyPublic(const QString &text);
    void copySecret(const QString &text);

    /// How long a copied secret stays (default 30 s).
    void setClearDelay(std::chrono::milliseconds delay) { m_clearDelay = delay; }
    [[nodiscard]] std::chrono::milliseconds clearDelay() const { return m_clearDelay; }
    /// True while a secret we copied is waiting to be cleared.
    [[nodiscard]] bool holdsSecret() const { return m_clearTimer.isActive(); }
    /// Clears the clipboard now if it still holds the secret we put there.
    void clearSecretNow();

signals:
    /// A secret was copied; `seconds` until it is cleared (for the status bar).
    void secretCopied(int seconds);
    /// The secret we copied was removed from the clipboard.
    void secretCleared();

private:
    QTimer m_clearTimer;
    std::chrono::milliseconds m_clearDelay{30000};
    QByteArray m_fingerprint; ///< SHA-256 of the secret we copied, never the text itself
};

} // namespace coffer
