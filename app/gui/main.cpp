// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer: the desktop application.
#include "models/core/appinfo.h"
#include "models/core/processhardening.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

// --screenshot must work without a display, so the platform is chosen before QApplication
// exists: offscreen, unless the user asked for a platform explicitly.
void preferOffscreenForScreenshots(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0
            || std::strncmp(argv[i], "--screenshot=", 13) == 0) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
}

bool saveScreenshot(QWidget &window, const QString &path)
{
    const QPixmap pixmap = window.grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        std::fprintf(stderr, "coffer: could not write the screenshot to %s\n",
                     qPrintable(QDir::toNativeSeparators(path)));
        return false;
    }
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    coffer::ProcessHardening::apply();
    preferOffscreenForScreenshots(argc, argv);

    QApplication app(argc, argv);
    coffer::AppInfo::applyToApplication();
    coffer::AppInfo::installTranslations();
    QApplication::setDesktopFileName(coffer::AppInfo::applicationId());
    QApplication::setWindowIcon(QIcon(u":/icons/coffer.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Coffer: administer secrets in AWS Secrets Manager."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(
        {u"v"_s, u"version"_s}, QApplication::translate("main", "Show version information."));
    parser.addOption(versionOption);
    const QCommandLineOption screenshotOption(
        u"screenshot"_s,
        QApplication::translate("main", "Render the main window offscreen to a PNG file once it "
                                        "has loaded, print the file's path and exit."),
        QApplication::translate("main", "file"));
    parser.addOption(screenshotOption);
    parser.process(app);

    if (parser.isSet(versionOption)) {
        std::printf("%s\n", qPrintable(coffer::AppInfo::versionText(u"coffer"_s)));
        return 0;
    }

    coffer::MainWindow window;
    window.show();

    if (parser.isSet(screenshotOption)) {
        // Pictures for the README and bug reports have one size, whatever was saved last time.
        window.resize(1100, 700);
        const QString path = parser.value(screenshotOption);
        // Let the first layout and paint settle before grabbing.
        QTimer::singleShot(0, &window, [&window, path] {
            QApplication::exit(saveScreenshot(window, path) ? 0 : 1);
        });
    }
    return QApplication::exec();
}
