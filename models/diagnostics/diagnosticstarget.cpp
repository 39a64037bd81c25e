// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/diagnosticstarget.h"

#include "models/profiles/profileconnection.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

QString DiagnosticsScope::description() const
{
    if (isSingleSecret())
        return QCoreApplication::translate("coffer::diagnostics::DiagnosticsScope", "secret %1").arg(secretName);
    if (!prefix.isEmpty())
        return QCoreApplication::translate("coffer::diagnostics::DiagnosticsScope", "namespace %1").arg(prefix);
    return QCoreApplication::translate("coffer::diagnostics::DiagnosticsScope", "all secrets");
}

DiagnosticsTarget DiagnosticsTarget::fromConnection(const ProfileConnection &connection)
{
    DiagnosticsTarget target;
    target.profileName = connection.profile.name;
    target.profileSource = QCoreApplication::translate("coffer::diagnostics::DiagnosticsTarget",
                                                       "Coffer profile");
    target.secretsManager = connection.secretsManager;
    target.sts = connection.sts;
    target.iam = connection.iam;
    target.regionSource = connection.regionSource;
    target.endpointSource = connection.endpointSource;
    target.credentialsSource = connection.credentialsDescription();
    return target;
}

} // namespace coffer::diagnostics
