// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/clicommand.h"

#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

class QCommandLineParser;

namespace coffer::cli {

class CliCommand;
class CliContext;

/**
 * Parses `coffer-cli [global options] COMMAND [options] [arguments]`, prints help and version
 * text, and runs the command from the registry.
 *
 * Global options may stand before or after the command name. `coffer-cli --help`,
 * `coffer-cli help [COMMAND]` and `coffer-cli COMMAND --help` print help on stdout (exit 0);
 * mistakes print a usage error on stderr (exit 2). Start it once the event loop runs
 * (`QMetaObject::invokeMethod(&runner, &CliRunner::start, Qt::QueuedConnection)`); it emits
 * finished() once with the exit code.
 */
class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    explicit CliRunner(QStringList arguments, QObject *parent = nullptr);
    ~CliRunner() override;

    void start();

    /// The help of the whole program / of one command, as printed.
    [[nodiscard]] static QString programHelp();
    [[nodiscard]] static QString commandHelp(const CliCommand &command);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int exitCode);
    [[nodiscard]] static QList<QCommandLineOption> globalOptions();
    [[nodiscard]] static QString usageLine(const CliCommand &command);
    [[nodiscard]] static QString formatOptions(const QList<QCommandLineOption> &options);

    QStringList m_arguments;
    std::unique_ptr<QCommandLineParser> m_parser;
    CliInvocation m_invocation;
    CliContext *m_context = nullptr;
    bool m_finished = false;
};

} // namespace coffer::cli
