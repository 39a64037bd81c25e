// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/processrun.h"

#include <QEventLoop>
#include <QProcess>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::test {

ProcessRun runProcess(const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &environment, const QByteArray &input,
                      std::chrono::milliseconds timeout)
{
    ProcessRun run;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        run.err = "could not start " + program.toUtf8() + ": " + process.errorString().toUtf8();
        return run;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out after " + QByteArray::number(qint64(timeout.count())) + " ms";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QProcessEnvironment environmentWithoutAws()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(u"AWS_"))
            environment.remove(name);
    }
    return environment;
}

QProcessEnvironment environmentFor(const QUrl &endpoint, const aws::AwsCredentials &keys,
                                   const QString &region)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, keys.accessKeyId);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, keys.secretAccessKey);
    environment.insert(u"AWS_REGION"_s, region);
    environment.insert(u"AWS_ENDPOINT_URL"_s, endpoint.toString());
    return environment;
}

} // namespace coffer::test
