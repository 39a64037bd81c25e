// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/connectionstatus.h"

using namespace Qt::StringLiterals;

namespace coffer {

QString ConnectionStatus::principalName() const
{
    // arn:partition:service::account:resource
    const QStringList parts = principalArn.split(u':');
    if (parts.size() < 6)
        return principalArn;
    return parts.mid(5).join(u':');
}

QString ConnectionStatus::summary() const
{
    switch (state) {
    case State::Disconnected:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting with profile %1…").arg(profileName);
    case State::Connected: {
        QStringList parts { profileName, account, principalName(), region };
        parts.removeAll(QString());
        QString text = parts.join(u" · "_s);
        if (production)
            text = tr("PRODUCTION") + u" · "_s + text;
        return text;
    }
    case State::Failed:
        return tr("Profile %1: %2")
            .arg(profileName, error ? error->summary() : tr("connection failed"));
    }
    return {};
}

} // namespace coffer
