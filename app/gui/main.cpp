// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer: the desktop application.
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/core/processhardening.h"
#include "models/editor/secreteditsession.h"
#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/demoseed.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/diagnosticspane.h"
#include "views/mainwindow.h"
#include "views/mfacodedialog.h"
#include "views/ssosignindialog.h"
#include "views/profilemanagerdialog.h"
#include "views/secretbrowserpane.h"
#include "views/secretdiffpane.h"
#include "views/secretvaluepane.h"
#include "views/secretversionspane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QSize>
#include <QStatusBar>
#include <QTreeView>
#include <QUuid>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

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

/// What to tell the user when a profile cannot connect: configuration mistakes carry their own
/// sentence (file and line, what to do); the general explanation would hide it.
QString connectionErrorText(const coffer::aws::AwsError &error)
{
    const bool ownSentence = error.kind == coffer::aws::ErrorKind::Configuration
                             || error.kind == coffer::aws::ErrorKind::CredentialsMissing;
    return ownSentence && !error.message.isEmpty() ? error.message : error.explanation();
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
    const QCommandLineOption sizeOption(
        u"window-size"_s,
        QApplication::translate("main", "With --screenshot, the window's size in pixels (default 1100x700)."),
        QApplication::translate("main", "WIDTHxHEIGHT"));
    parser.addOption(sizeOption);
    const QCommandLineOption secretOption(
        u"secret"_s,
        QApplication::translate("main", "Select the secret NAME once the list has loaded."),
        QApplication::translate("main", "NAME"));
    parser.addOption(secretOption);
    const QCommandLineOption prefixOption(
        u"prefix"_s,
        QApplication::translate("main", "Select the namespace PREFIX (\"paintbox/\") once the "
                                        "list has loaded."),
        QApplication::translate("main", "PREFIX"));
    parser.addOption(prefixOption);
    const QCommandLineOption viewOption(
        u"view"_s,
        QApplication::translate("main", "Open the selection on VIEW: %1 (a namespace has policy "
                                        "and checks). Default: value for a secret, policy for a "
                                        "namespace.")
            .arg(coffer::MainWindow::viewNames().join(u", "_s)),
        QApplication::translate("main", "VIEW"));
    parser.addOption(viewOption);
    const QCommandLineOption schemaOption(
        u"schema"_s,
        QApplication::translate("main", "Check secrets against the JSON Schema set at PATH (a "
                                        "file or a folder of *.schema.json) for this run, instead "
                                        "of the one chosen in File > Content Schemas."),
        QApplication::translate("main", "PATH"));
    parser.addOption(schemaOption);
    parser.process(app);
    if (parser.isSet(viewOption) && !coffer::MainWindow::viewNames().contains(parser.value(viewOption))) {
        std::fprintf(stderr, "coffer: unknown view '%s'; use one of: %s\n",
                     qPrintable(parser.value(viewOption)),
                     qPrintable(coffer::MainWindow::viewNames().join(u", "_s)));
        return 2;
    }

    QSize screenshotSize(1100, 700);
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression form(u"^([0-9]{3,4})x([0-9]{3,4})$"_s);
        const QRegularExpressionMatch size = form.match(parser.value(sizeOption));
        if (!size.hasMatch() || size.captured(1).toInt() < 400 || size.captured(2).toInt() < 300) {
            std::fprintf(stderr, "coffer: --window-size takes WIDTHxHEIGHT in pixels, at least 400x300, "
                                 "such as 1400x900; not '%s'\n",
                         qPrintable(parser.value(sizeOption)));
            return 2;
        }
        screenshotSize = QSize(size.captured(1).toInt(), size.captured(2).toInt());
    }

    if (parser.isSet(versionOption)) {
        std::printf("%s\n", qPrintable(coffer::AppInfo::versionText(u"coffer"_s)));
        return 0;
    }

    coffer::Session session;
    coffer::ProfileStore profiles;
    // The ~/.aws profiles, read in place and live; with the sandbox and the keychain profiles
    // they make the switcher's list.
    coffer::AwsProfileCatalog awsProfiles;
    coffer::ProfileListModel profileList(&profiles, &awsProfiles);
    coffer::ProfileConnector connector(&profiles, session.transport());
    coffer::MainWindow window;
    if (parser.isSet(schemaOption)) {
        if (const auto error = window.useSchemaSet(parser.value(schemaOption), false)) {
            std::fprintf(stderr, "coffer: %s\n", qPrintable(*error));
            return 2;
        }
    }
    // An assume-role profile with mfa_serial asks for the code in a dialog on the window.
    connector.setMfaCodeFunction(coffer::MfaCodeDialog::codeFunction(&window));
    // An IAM Identity Center profile without a usable token signs in with a dialog on the window.
    connector.setSsoLoginFunction(coffer::SsoSignInDialog::loginFunction(&window));
    window.setSession(&session);
    window.setProfileStore(&profiles);
    window.setProfileList(&profileList);
    window.show();

    // With no profile yet, Coffer opens on its local sandbox (demo secrets on first run).
    const auto seedDemo = [](coffer::sandbox::SandboxStore &store) {
        // Fails only when a demo secret already exists, which a new sandbox rules out.
        if (const auto seeded = coffer::sandbox::DemoSeed::demo(store); !seeded)
            qWarning("coffer: the demo secrets could not be seeded: %s",
                     qPrintable(seeded.error().summary()));
    };
    coffer::LocalSandbox sandbox({.dataPath = {}, .persistent = true, .seed = seedDemo});
    // The profile the session is on: the window goes back to it when a switch fails.
    QUuid connectedProfile;
    const auto connectToSandbox = [&] {
        session.connectTo(sandbox.clientConfig(), QApplication::translate("main", "Local sandbox"));
        connectedProfile = {};
        window.setCurrentProfile({});
        window.setConnectionWarning({});
    };
    // Switching profiles needs no restart; the choice (its source and name, nothing more) is
    // remembered for the next start once it connected.
    const auto connectToProfile = [&](const QUuid &id) -> bool {
        const auto entry = profileList.entry(id);
        if (!entry || (entry->source == coffer::ProfileListEntry::Source::Builtin
                       && !sandbox.isRunning())) {
            window.setCurrentProfile(connectedProfile);
            return false;
        }
        if (entry->source == coffer::ProfileListEntry::Source::Builtin) {
            connectToSandbox();
        } else {
            const auto connection = connector.connection(entry->profile);
            if (!connection) {
                window.showStatusMessage(
                    QApplication::translate("main", "Profile %1: %2")
                        .arg(entry->name(), connectionErrorText(connection.error())),
                    0);
                // The switcher goes back to the profile still in use.
                window.setCurrentProfile(connectedProfile);
                return false;
            }
            session.connectTo(connection->secretsManager, connection->sts,
                              connection->profile.name);
            window.setCurrentProfile(id);
            window.setConnectionWarning(connection->warnings.join(u"; "_s));
        }
        connectedProfile = id;
        QSettings settings;
        coffer::ProfileListModel::rememberChoice(settings, *entry);
        return true;
    };
    QObject::connect(&window, &coffer::MainWindow::profileChosen, &session,
                     [&](const QUuid &id) { connectToProfile(id); });
    // File > Sign Out: the session ends at IAM Identity Center and the window goes back to the
    // sandbox, so nothing keeps using the role credentials bought with it.
    QObject::connect(&window, &coffer::MainWindow::signOutRequested, &window, [&](const QUuid &id) {
        const auto entry = profileList.entry(id);
        if (!entry)
            return;
        connector.signOut(entry->profile, &window,
                          [&window, name = entry->name()](
                              coffer::aws::Result<coffer::aws::SsoTokenProvider::SignOut> result) {
            if (!result) {
                window.showStatusMessage(
                    QApplication::translate("main", "Profile %1: %2").arg(name, result.error().message), 0);
                return;
            }
            window.showStatusMessage(
                result->serviceProblem.isEmpty()
                    ? QApplication::translate("main", "Signed out of IAM Identity Center (profile %1).").arg(name)
                    : QApplication::translate("main", "Signed out of profile %1; IAM Identity Center did not "
                                                      "confirm it (%2), but the cached token is deleted.")
                          .arg(name, result->serviceProblem),
                0);
        });
        if (sandbox.isRunning())
            connectToSandbox();
    });
    QObject::connect(&window, &coffer::MainWindow::manageProfilesRequested, &window, [&] {
        auto *dialog = new coffer::ProfileManagerDialog(&profiles, session.transport(), &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    // First start: AWS_PROFILE, else `default` of ~/.aws, else the sandbox; later starts: the
    // profile used last. A profile that cannot connect falls back to the sandbox, and says why.
    const auto openStartupProfile = [&] {
        const QSettings settings;
        const int row = profileList.startupRow(profileList.savedChoice(settings),
                                               QProcessEnvironment::systemEnvironment());
        const coffer::ProfileListEntry &entry = profileList.entries().at(row);
        if (entry.source != coffer::ProfileListEntry::Source::Builtin
            && connectToProfile(entry.id()))
            return;
        // The sandbox, also when the profile cannot connect (the status bar says why).
        if (sandbox.isRunning())
            connectToSandbox();
    };
    QObject::connect(&sandbox, &coffer::LocalSandbox::started, &session, [&](const QUrl &url) {
        connector.setSandboxEndpoint(url);
        connector.setSandboxCredentials(sandbox.credentials());
        window.showStatusMessage(sandbox.storageDescription(), 10000);
        openStartupProfile();
    });
    QObject::connect(&sandbox, &coffer::LocalSandbox::startFailed, &window,
                     [&](const QString &reason) {
                         window.showStatusMessage(reason, 0);
                         // The other profiles do not need the sandbox.
                         openStartupProfile();
                     });
    sandbox.start();

    if (parser.isSet(secretOption) || parser.isSet(prefixOption)) {
        const bool isSecret = parser.isSet(secretOption);
        QString name = isSecret ? parser.value(secretOption) : parser.value(prefixOption);
        if (!isSecret && !name.endsWith(u'/'))
            name += u'/';
        const QString view = parser.isSet(viewOption) ? parser.value(viewOption)
                                                      : (isSecret ? u"value"_s : u"policy"_s);
        QObject::connect(
            session.loader(), &coffer::SecretCatalogLoader::loadingFinished, &window,
            [&window, name, view, isSecret] {
                if (!window.browserPane()->selectName(name)) {
                    window.showStatusMessage(
                        (isSecret ? QApplication::translate("main", "No secret named %1 in this account.")
                                  : QApplication::translate("main", "No namespace %1 in this account."))
                            .arg(name),
                        0);
                    return;
                }
                if (!window.showView(view))
                    window.showStatusMessage(
                        QApplication::translate("main", "%1 has no %2 view.").arg(name, view), 0);
                if (view == u"checks"_s)
                    window.checksPane()->run();
            },
            Qt::SingleShotConnection);
    }

    if (parser.isSet(screenshotOption)) {
        // Pictures for the README and bug reports have one size, whatever was saved last time.
        window.resize(screenshotSize);
        const QString path = parser.value(screenshotOption);
        const auto shoot = [&window, path, taken = std::make_shared<bool>(false)] {
            if (std::exchange(*taken, true))
                return;
            // Let the last rows lay out and paint before grabbing.
            QTimer::singleShot(50, &window, [&window, path] {
                QApplication::exit(saveScreenshot(window, path) ? 0 : 1);
            });
        };
        // "Loaded" is the first listing finished (and, with --secret, its value read), failed,
        // or 20 seconds gone.
        coffer::SecretCatalogLoader *loader = session.loader();
        const QString view = parser.value(viewOption);
        if (view == u"checks"_s) {
            QObject::connect(window.checksPane(), &coffer::DiagnosticsPane::runFinished, &window,
                             shoot);
        } else if (view == u"versions"_s) {
            QObject::connect(window.versionsPane(), &coffer::SecretVersionsPane::loaded, &window,
                             shoot);
        } else if (view == u"diff"_s) {
            QObject::connect(window.diffPane(), &coffer::SecretDiffPane::comparisonFinished,
                             &window, shoot);
            QObject::connect(window.versionsPane(), &coffer::SecretVersionsPane::loaded,
                             window.diffPane(),
                             [&window] { window.diffPane()->compare(u"AWSPREVIOUS"_s, u"AWSCURRENT"_s); },
                             Qt::SingleShotConnection);
        } else if (parser.isSet(secretOption) && (view.isEmpty() || view == u"value"_s)) {
            coffer::SecretEditSession *editor = window.editSession();
            QObject::connect(editor, &coffer::SecretEditSession::loadFinished, &window, [&window, shoot, editor] {
                if (editor->mode() == coffer::SecretEditSession::Mode::Empty)
                    return;   // the value closed before the chosen secret opened
                window.valuePane()->treeView()->expandAll();
                // The findings bar shows what the history and the sibling add, too.
                if (window.valuePane()->isReadingContentContext())
                    QObject::connect(window.valuePane(), &coffer::SecretValuePane::contentContextRead,
                                     &window, shoot, Qt::SingleShotConnection);
                else
                    shoot();
            });
            QObject::connect(editor, &coffer::SecretEditSession::loadFailed, &window, shoot);
        } else if (parser.isSet(secretOption) || parser.isSet(prefixOption)) {
            // Policy and details render from what is loaded: once the listing is in.
            QObject::connect(loader, &coffer::SecretCatalogLoader::loadingFinished, &window,
                             [&window, shoot] { QTimer::singleShot(300, &window, shoot); },
                             Qt::SingleShotConnection);
        } else {
            QObject::connect(loader, &coffer::SecretCatalogLoader::loadingFinished, &window,
                             shoot, Qt::SingleShotConnection);
        }
        QObject::connect(loader, &coffer::SecretCatalogLoader::loadingFailed, &window, shoot,
                         Qt::SingleShotConnection);
        QTimer::singleShot(20000, &window, shoot);
    }
    return QApplication::exec();
}
