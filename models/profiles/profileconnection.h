// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/clientconfig.h"
#include "models/profiles/profile.h"

#include <QString>
#include <QStringList>

namespace coffer {

/**
 * What ProfileConnector makes of a profile: ready-to-use settings for the Secrets Manager, STS
 * and IAM clients (they share one credentials provider, so an assumed role is assumed once),
 * and where the region and endpoint came from, for the status bar and diagnostics.
 */
struct ProfileConnection
{
    Profile profile;
    aws::ClientConfig secretsManager;
    aws::ClientConfig sts;
    aws::ClientConfig iam;
    QString regionSource; ///< "profile work", "AWS_REGION", ...
    QString endpointSource; ///< "default", "profile work", "local sandbox", ...
    /// To keep on screen while connected ("Plain HTTP to ... (allowed by ...)"); never a key.
    QStringList warnings;

    /// Where the credentials come from ("Coffer profile 'work' (OS keychain)"); never a key.
    [[nodiscard]] QString credentialsDescription() const
    {
        return secretsManager.credentials ? secretsManager.credentials->description() : QString();
    }
};

} // namespace coffer
