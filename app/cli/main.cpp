// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli: Coffer without a screen. Links no Qt Widgets.
#include "models/core/appinfo.h"
#include "models/core/processhardening.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    coffer::ProcessHardening::apply();
    QCoreApplication app(argc, argv);
    coffer::AppInfo::applyToApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "coffer-cli: Coffer's command-line companion for AWS Secrets Manager."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(
        {u"v"_s, u"version"_s}, QCoreApplication::translate("main", "Show version information."));
    parser.addOption(versionOption);
    parser.process(app);

    if (parser.isSet(versionOption)) {
        std::printf("%s\n", qPrintable(coffer::AppInfo::versionText(u"coffer-cli"_s)));
        return 0;
    }
    parser.showHelp(0);
}
