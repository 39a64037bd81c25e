// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/secretinput.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

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

bool isNameCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
        || QStringView(u"/_+=.@-").contains(c);
}
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
    if (args.isSet(u"client-request-token"_s)
        && (version.clientRequestToken.size() < 32 || version.clientRequestToken.size() > 64)) {
        return std::unexpected(trInput("--client-request-token has %1 characters; it needs 32 to 64")
                                   .arg(version.clientRequestToken.size()));
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
        if (info.isFile() && info.size() > maxValueBytes) {
            return std::unexpected(
                trInput("%1: %2 bytes is more than a secret can hold (at most %3 bytes)")
                    .arg(path)
                    .arg(info.size())
                    .arg(maxValueBytes));
        }
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return std::unexpected(trInput("%1: cannot read: %2").arg(path, file.errorString()));

    // One byte more than the limit tells "too big" without reading a huge stream.
    QByteArray bytes;
    while (bytes.size() <= maxValueBytes) {
        const QByteArray chunk = file.read(maxValueBytes + 1 - bytes.size());
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    const QString source = path == u"-"_s ? trInput("stdin") : path;
    if (bytes.size() > maxValueBytes) {
        return std::unexpected(
            trInput("%1: more than %2 bytes; a secret value holds at most %2 bytes")
                .arg(source)
                .arg(maxValueBytes));
    }
    const bool binary = args.isSet(binaryOption);
    if (auto checked = checkValue(bytes, binary); !checked)
        return std::unexpected(source + u": "_s + checked.error());
    return Value { bytes, binary };
}

std::expected<void, QString> SecretInput::checkValue(const QByteArray &bytes, bool binary)
{
    if (bytes.isEmpty())
        return std::unexpected(
            trInput("the value is empty; a secret value has 1 to %1 bytes").arg(maxValueBytes));
    if (bytes.size() > maxValueBytes) {
        return std::unexpected(
            trInput("the value has %1 bytes; a secret value holds at most %2 bytes")
                .arg(bytes.size())
                .arg(maxValueBytes));
    }
    if (!binary) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(bytes);
        if (decoder.hasError())
            return std::unexpected(trInput("the value is not UTF-8 text; add --binary to store it "
                                           "as SecretBinary"));
    }
    return {};
}

QString SecretInput::checkName(const QString &name)
{
    if (name.isEmpty())
        return trInput("the secret name is empty");
    if (name.size() > maxNameLength) {
        return trInput("the secret name has %1 characters; at most %2 are allowed")
            .arg(name.size())
            .arg(maxNameLength);
    }
    for (const QChar c : name) {
        if (!isNameCharacter(c)) {
            return trInput("the secret name '%1' contains '%2'; names use only letters, digits "
                           "and / _ + = . @ -")
                .arg(name, QString(c));
        }
    }
    return {};
}

QString SecretInput::checkSecretId(const QString &secretId)
{
    if (secretId.startsWith(u"arn:"_s)) {
        if (secretId.size() > maxArnLength)
            return trInput("the ARN has %1 characters; at most %2 are allowed")
                .arg(secretId.size())
                .arg(maxArnLength);
        return {};
    }
    return checkName(secretId);
}

std::expected<QList<aws::Tag>, QString> SecretInput::parseTags(const QStringList &items)
{
    QList<aws::Tag> tags;
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals < 0)
            return std::unexpected(trInput("'%1' is not a tag: write KEY=VALUE").arg(item));
        aws::Tag tag { item.left(equals), item.mid(equals + 1) };
        if (const QString problem = checkTagKey(tag.key); !problem.isEmpty())
            return std::unexpected(problem);
        if (tag.value.size() > maxTagValueLength) {
            return std::unexpected(trInput("the value of tag '%1' has %2 characters; at most %3 "
                                           "are allowed")
                                       .arg(tag.key)
                                       .arg(tag.value.size())
                                       .arg(maxTagValueLength));
        }
        tags.append(tag);
    }
    return tags;
}

QString SecretInput::checkTagKey(const QString &key)
{
    if (key.isEmpty())
        return trInput("a tag key is empty");
    if (key.size() > maxTagKeyLength) {
        return trInput("the tag key '%1' has %2 characters; at most %3 are allowed")
            .arg(key)
            .arg(key.size())
            .arg(maxTagKeyLength);
    }
    if (key.startsWith(u"aws:"_s, Qt::CaseInsensitive))
        return trInput("the tag key '%1' starts with 'aws:', which AWS reserves").arg(key);
    return {};
}

} // namespace coffer::cli
