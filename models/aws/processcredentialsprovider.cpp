// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/processcredentialsprovider.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <signal.h>
#include <unistd.h>
#endif

#include <utility>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// A credential helper prints a few hundred bytes; anything far larger is not its answer.
constexpr qsizetype MaximumOutputSize = 1024 * 1024;

void wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

AwsError processError(const QString &message)
{
    AwsError error = AwsError::credentialsMissing(message);
    error.code = u"CredentialProcessFailed"_s;
    return error;
}

/// Kills the helper and everything it started (it leads its own process group).
void killGroup(QProcess *process)
{
#ifdef Q_OS_UNIX
    if (const qint64 pid = process->processId(); pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
#endif
    process->kill();
}

/// The last line the helper wrote on stderr, shortened: what it said about its own failure.
QString lastErrorLine(const QByteArray &errorOutput)
{
    const QStringList lines = QString::fromUtf8(errorOutput).split(u'\n', Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->trimmed();
        if (!line.isEmpty())
            return line.size() > 200 ? line.left(200) + u'…' : line;
    }
    return {};
}

} // namespace

ProcessCredentialsProvider::ProcessCredentialsProvider(QString commandLine, QString origin)
    : RefreshingCredentialsProvider(std::chrono::minutes(5))
    , m_commandLine(std::move(commandLine))
    , m_origin(std::move(origin))
{
}

ProcessCredentialsProvider::~ProcessCredentialsProvider()
{
    if (m_process) {
        // The helper may be waiting for the user; nobody will read its answer now.
        m_process->disconnect(guard());
        killGroup(m_process);
        m_process->waitForFinished(1000);
    }
    endCallbacks();
    wipe(m_output);
}

void ProcessCredentialsProvider::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

QString ProcessCredentialsProvider::description() const
{
    return tr("credential_process of %1").arg(m_origin);
}

QString ProcessCredentialsProvider::programName() const
{
    const auto words = splitCommandLine(m_commandLine);
    if (!words || words->isEmpty())
        return u"credential_process"_s;
    // Only the program: its arguments may carry something private.
    return QFileInfo(words->first()).fileName();
}

void ProcessCredentialsProvider::fetch()
{
    const auto words = splitCommandLine(m_commandLine);
    if (!words || words->isEmpty()) {
        finish(std::unexpected(AwsError::configuration(
            tr("credential_process of %1 is empty or has an unterminated quote")
                .arg(m_origin))));
        return;
    }

    wipe(m_output);
    m_timedOut = false;
    m_outputTooLarge = false;
    auto *process = new QProcess(guard());
    m_process = process;
    process->setProgram(words->first());
    process->setArguments(words->mid(1));
    process->setStandardInputFile(QProcess::nullDevice());
    // Its stderr is read, not passed on to ours (a GUI has none; a script's output stays clean),
    // and named in the error when it fails.
    process->setProcessChannelMode(QProcess::SeparateChannels);
    m_errorOutput.clear();
#ifdef Q_OS_UNIX
    // Its own process group, so a timeout stops the helpers it started too.
    process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif

    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    timer->setInterval(m_timeout);
    QObject::connect(timer, &QTimer::timeout, guard(), [this, process] {
        m_timedOut = true;
        killGroup(process);
    });
    QObject::connect(process, &QProcess::readyReadStandardError, guard(), [this, process] {
        const QByteArray chunk = process->readAllStandardError();
        m_errorOutput = QByteArray(m_errorOutput + chunk).right(MaximumErrorOutputSize);
    });

    QObject::connect(process, &QProcess::readyReadStandardOutput, guard(),
                     [this, process] {
                         QByteArray chunk = process->readAllStandardOutput();
                         if (m_output.size() + chunk.size() > MaximumOutputSize) {
                             m_outputTooLarge = true;
                             killGroup(process);
                         } else {
                             m_output += chunk;
                         }
                         wipe(chunk);
                     });

    QObject::connect(process, &QProcess::errorOccurred, guard(),
                     [this, process](QProcess::ProcessError error) {
                         // Other errors are followed by finished(); a failed start is not.
                         if (error != QProcess::FailedToStart)
                             return;
                         process->deleteLater();
                         m_process.clear();
                         finish(std::unexpected(processError(
                             tr("credential_process '%1' of %2 could not be started: %3")
                                 .arg(programName(), m_origin, process->errorString()))));
                     });

    QObject::connect(
        process, &QProcess::finished, guard(),
        [this, process](int exitCode, QProcess::ExitStatus status) {
            QByteArray rest = process->readAllStandardOutput();
            if (!m_outputTooLarge && m_output.size() + rest.size() <= MaximumOutputSize)
                m_output += rest;
            wipe(rest);
            process->deleteLater();
            m_process.clear();

            const QString program = programName();
            Result<AwsCredentials> result = std::unexpected(AwsError{});
            if (m_timedOut) {
                result = std::unexpected(processError(
                    tr("credential_process '%1' of %2 did not answer within %n second(s)",
                       nullptr,
                       int(std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count()))
                        .arg(program, m_origin)));
            } else if (m_outputTooLarge) {
                result = std::unexpected(processError(
                    tr("credential_process '%1' of %2 printed far more than a credentials "
                       "document")
                        .arg(program, m_origin)));
            } else if (status != QProcess::NormalExit) {
                result = std::unexpected(processError(
                    tr("credential_process '%1' of %2 crashed").arg(program, m_origin)));
            } else if (exitCode != 0) {
                m_errorOutput = QByteArray(m_errorOutput + process->readAllStandardError()).right(MaximumErrorOutputSize);
                const QString said = lastErrorLine(m_errorOutput);
                result = std::unexpected(processError(
                    said.isEmpty() ? tr("credential_process '%1' of %2 failed with exit code %3")
                                             .arg(program, m_origin, QString::number(exitCode))
                                   : tr("credential_process '%1' of %2 failed with exit code %3: %4")
                                             .arg(program, m_origin, QString::number(exitCode), said)));
            } else {
                result = parseOutput(m_output, program);
                if (!result) {
                    result.error().message += u" ("_s + m_origin + u')';
                } else if (result->expiration && now().secsTo(*result->expiration) <= 0) {
                    result = std::unexpected(processError(
                        tr("credential_process '%1' of %2 returned credentials that have "
                           "already expired")
                            .arg(program, m_origin)));
                } else {
                    result->source = description();
                }
            }
            wipe(m_output);
            finish(result);
        });

    process->start(QIODevice::ReadOnly);
    timer->start();
}

std::optional<QStringList> ProcessCredentialsProvider::splitCommandLine(const QString &commandLine)
{
    // Python's shlex.split(s) in POSIX mode, which the AWS CLI uses on Linux and macOS.
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;   // '\'' or '"' while inside quotes
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine[i];
        if (quote == u'\'') {
            if (c == u'\'')
                quote = QChar();
            else
                word += c;
        } else if (quote == u'"') {
            if (c == u'"') {
                quote = QChar();
            } else if (c == u'\\') {
                if (++i >= commandLine.size())
                    return std::nullopt;
                const QChar next = commandLine[i];
                // Inside double quotes a backslash only escapes '"' and itself.
                if (next != u'"' && next != u'\\')
                    word += u'\\';
                word += next;
            } else {
                word += c;
            }
        } else if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r') {
            if (inWord) {
                words.append(word);
                word.clear();
                inWord = false;
            }
        } else if (c == u'\\') {
            if (++i >= commandLine.size())
                return std::nullopt;
            word += commandLine[i];
            inWord = true;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return std::nullopt;
    if (inWord)
        words.append(word);
    return words;
}

Result<AwsCredentials> ProcessCredentialsProvider::parseOutput(const QByteArray &output,
                                                               const QString &program)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return std::unexpected(processError(
            tr("credential_process '%1' did not print a JSON object").arg(program)));
    }
    const QJsonObject object = document.object();
    const QJsonValue version = object.value(u"Version"_s);
    if (!version.isDouble() || version.toDouble() != 1.0) {
        return std::unexpected(processError(
            tr("credential_process '%1' printed JSON without \"Version\": 1").arg(program)));
    }
    AwsCredentials credentials;
    for (const auto &[field, target] :
         {std::pair{u"AccessKeyId"_s, &credentials.accessKeyId},
          std::pair{u"SecretAccessKey"_s, &credentials.secretAccessKey}}) {
        const QJsonValue value = object.value(field);
        if (!value.isString() || value.toString().isEmpty()) {
            return std::unexpected(processError(
                tr("credential_process '%1' printed JSON without \"%2\"").arg(program, field)));
        }
        *target = value.toString();
    }
    const QJsonValue token = object.value(u"SessionToken"_s);
    if (token.isString())
        credentials.sessionToken = token.toString();
    else if (!token.isUndefined() && !token.isNull())
        return std::unexpected(processError(
            tr("credential_process '%1' printed a \"SessionToken\" that is not a string")
                .arg(program)));

    const QJsonValue expiration = object.value(u"Expiration"_s);
    if (expiration.isString()) {
        QDateTime when = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!when.isValid())
            when = QDateTime::fromString(expiration.toString(), Qt::ISODate);
        // A time without a zone is UTC, as botocore reads it (Qt would take local time).
        static const QRegularExpression zone(u"[Tt ].*(Z|z|[+-]\\d\\d(:?\\d\\d)?)$"_s);
        if (when.isValid() && !zone.match(expiration.toString().trimmed()).hasMatch())
            when = QDateTime(when.date(), when.time(), Qt::UTC);
        if (!when.isValid()) {
            return std::unexpected(processError(
                tr("credential_process '%1' printed an \"Expiration\" that is not an ISO 8601 "
                   "date")
                    .arg(program)));
        }
        credentials.expiration = when.toUTC();
    } else if (!expiration.isUndefined() && !expiration.isNull()) {
        return std::unexpected(processError(
            tr("credential_process '%1' printed an \"Expiration\" that is not an ISO 8601 date")
                .arg(program)));
    }
    return credentials;
}

} // namespace coffer::aws
