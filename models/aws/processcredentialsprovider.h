// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/refreshingcredentialsprovider.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QObject;
class QProcess;

namespace coffer::aws {

/**
 * Credentials from an external program, the `credential_process` setting of a profile (as
 * aws-vault, granted or a password manager's helper use it).
 *
 * The command line is split into words the way the AWS CLI splits it on POSIX (Python's
 * `shlex.split`: quotes and backslashes, no shell), and the program is started directly, so
 * nothing in it is ever interpreted by a shell. The program must print
 * `{"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ...,
 * "Expiration": "<ISO 8601>"}` on stdout and exit 0; an Expiration without a zone is UTC, as
 * botocore reads it. Its stderr is captured, never passed on to Coffer's own (a helper that
 * prompts does so on /dev/tty, as aws-vault does): the last line it wrote there is named in the
 * error when it fails. It runs in a process group of its own, so a timeout stops whatever it
 * started too.
 *
 * The answer is cached until five minutes before its Expiration (for good when there is none)
 * or until invalidate(). Errors name the program, never anything it printed.
 */
class ProcessCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::ProcessCredentialsProvider)

public:
    /// `commandLine` as written in the profile; `origin` says where ("profile work in
    /// ~/.aws/config") and appears in descriptions and errors.
    ProcessCredentialsProvider(QString commandLine, QString origin);
    ~ProcessCredentialsProvider() override;

    [[nodiscard]] QString description() const override;

    /// How long the program may run (it may be waiting for the user); 5 minutes by default.
    void setTimeout(std::chrono::milliseconds timeout);

    /// Splits a command line into words as Python's `shlex.split` does in POSIX mode;
    /// nullopt for an unterminated quote or a trailing backslash.
    [[nodiscard]] static std::optional<QStringList> splitCommandLine(const QString &commandLine);
    /// Parses the program's JSON answer. `program` only names it in errors; nothing from
    /// `output` ever appears in an error.
    [[nodiscard]] static Result<AwsCredentials> parseOutput(const QByteArray &output,
                                                            const QString &program);

private:
    void fetch() override;
    [[nodiscard]] QString programName() const;

    QString m_commandLine;
    QString m_origin;
    std::chrono::milliseconds m_timeout{std::chrono::minutes(5)};
    QPointer<QProcess> m_process;
    QByteArray m_output;
    QByteArray m_errorOutput;   ///< the tail of its stderr
    static constexpr qsizetype MaximumErrorOutputSize = 4096;
    bool m_timedOut = false;
    bool m_outputTooLarge = false;
};

} // namespace coffer::aws
