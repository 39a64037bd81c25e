// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli: Coffer without a screen. Links no Qt Widgets (nor Qt Gui).
// The commands live in app/cli/<name>command.cpp and register themselves (see clicommand.h);
// CliRunner parses the command line and runs one of them inside this single event loop.
#include "app/cli/clirunner.h"
#include "models/core/appinfo.h"
#include "models/core/processhardening.h"

#include <QCoreApplication>
#include <QMetaObject>

int main(int argc, char *argv[])
{
    coffer::ProcessHardening::apply();
    QCoreApplication app(argc, argv);
    coffer::AppInfo::applyToApplication();

    coffer::cli::CliRunner runner(QCoreApplication::arguments());
    QObject::connect(&runner, &coffer::cli::CliRunner::finished, &app,
                     [](int exitCode) { QCoreApplication::exit(exitCode); });
    // Started from the running loop, so a command that finishes at once can still quit it.
    QMetaObject::invokeMethod(&runner, &coffer::cli::CliRunner::start, Qt::QueuedConnection);
    return app.exec();
}
