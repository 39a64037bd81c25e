// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/secretinput.h"

#include "models/aws/secretconstraints.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {
QString trInput(const char *text)
{
    return QCoreApplication::translate("coffer::cli::SecretInput", text);
}

const QString valueFileOption = u"value-file"_s;
const QString valueStdinOption = u"value-stdin"_s;
const QString binaryOption = u"binary"_s;

} // namespace

QList<QCommandLineOption> SecretInput::valueOptions()
{
    return {
        { valueFileOption,
          trInput("Read the value from FILE ('-' for stdin), byte for byte: a final newline is "
                  "kept."),
          u"FILE"_s },
        { valueStdinOption, trInput("Read the value from stdin.") },
        { binaryOption, trInput("Store the bytes as SecretBinary instead of SecretString text.") },
    };
}

std::expected<SecretInput::NewVersion, QString>
SecretInput::readNewVersion(const CliInvocation &args)
{
    NewVersion version;
    version.clientRequestToken = args.value(u"client-request-token"_s);
    if (args.isSet(u"client-request-token"_s)) {
        if (const QString problem =
                aws::SecretConstraints::checkClientRequestToken(version.clientRequestToken);
            !problem.isEmpty())
            return std::unexpected(u"--client-request-token: "_s + problem);
    }
    auto value = readValue(args);
    if (!value)
        return std::unexpected(value.error());
    if (value->binary)
        version.secretBinary = value->bytes;
    else
        version.secretString = QString::fromUtf8(value->bytes);
    return version;
}

std::expected<SecretInput::Value, QString> SecretInput::readValue(const CliInvocation &args)
{
    const bool fromFile = args.isSet(valueFileOption);
    const bool fromStdin = args.isSet(valueStdinOption);
    if (fromFile == fromStdin) {
        return std::unexpected(
            fromFile ? trInput("give either --value-file or --value-stdin, not both")
                     : trInput("give the value with --value-file FILE or --value-stdin"));
    }
    const QString path = fromFile ? args.value(valueFileOption) : u"-"_s;

    QFile file;
    bool opened = false;
    if (path == u"-"_s) {
        // Someone typing the value should know the program waits for them, and how to end.
        if (::isatty(STDIN_FILENO) == 1)
            std::fputs(qPrintable(trInput("Reading the value from stdin; end it with Ctrl+D.\n")),
                       stderr);
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        const QFileInfo info(path);
        if (!info.exists())
            return std::unexpected(trInput("%1: no such file").arg(path));
        if (info.isDir())
            return std::unexpected(trInput("%1: is a folder, not a file").arg(path));
        // Refuse a big file by its size, without reading it.
        if (info.isFile() && info.size() > aws::SecretConstraints::maxValueBytes) {
            return std::unexpected(
                trInput("%1: %2 bytes is more than a secret can hold (at most %3 bytes)")
                    .arg(path)
                    .arg(info.size())
                    .arg(aws::SecretConstraints::maxValueBytes));
        }
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return std::unexpected(trInput("%1: cannot read: %2").arg(path, file.errorString()));

    // One byte more than the limit tells "too big" without reading a huge stream.
    QByteArray bytes;
    while (bytes.size() <= aws::SecretConstraints::maxValueBytes) {
        const QByteArray chunk = file.read(aws::SecretConstraints::maxValueBytes + 1 - bytes.size());
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    const QString source = path == u"-"_s ? trInput("stdin") : path;
    if (bytes.size() > aws::SecretConstraints::maxValueBytes) {
        return std::unexpected(
            trInput("%1: more than %2 bytes; a secret value holds at most %2 bytes")
                .arg(source)
                .arg(aws::SecretConstraints::maxValueBytes));
    }
    const bool binary = args.isSet(binaryOption);
    // The command line has its own way out of this one: say which option it is.
    if (!binary && !bytes.isEmpty() && !bytes.isValidUtf8())
        return std::unexpected(source + u": "_s
                               + trInput("the value is not UTF-8 text; add --binary to store it "
                                         "as SecretBinary"));
    if (auto checked = aws::SecretConstraints::checkValue(bytes, binary); !checked)
        return std::unexpected(source + u": "_s + checked.error());
    return Value { bytes, binary };
}

} // namespace coffer::cli
