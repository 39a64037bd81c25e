// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace coffer {

/**
 * Who and where Coffer is connected as, for the status bar: the profile, the account and
 * principal that sts:GetCallerIdentity reported, and the region and endpoint in use. A plain
 * value that IdentityProbe fills in.
 */
struct ConnectionStatus
{
    Q_DECLARE_TR_FUNCTIONS(coffer::ConnectionStatus)

public:
    enum class State { Disconnected, Connecting, Connected, Failed };

    State state = State::Disconnected;
    QString profileName;
    bool production = false;
    QString account; ///< 12 digits
    QString principalArn; ///< "arn:aws:iam::123456789012:user/alice"
    QString userId;
    QString region;
    QUrl endpoint; ///< Secrets Manager's endpoint
    QString credentialsSource;
    std::optional<aws::AwsError> error; ///< set when state is Failed

    /// One line for the status bar: "work · 123456789012 · user/alice · eu-west-1", or what is
    /// going on / what went wrong.
    [[nodiscard]] QString summary() const;
    /// The principal's name without the ARN's prefix ("user/alice", "assumed-role/Admin/s").
    [[nodiscard]] QString principalName() const;
};

} // namespace coffer
