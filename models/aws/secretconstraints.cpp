// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/secretconstraints.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {
QString trLimit(const char *text)
{
    return QCoreApplication::translate("coffer::aws::SecretConstraints", text);
}

bool isNameCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
        || QStringView(u"/_+=.@-").contains(c);
}
} // namespace

std::expected<void, QString> SecretConstraints::checkValue(const QByteArray &bytes, bool binary)
{
    if (bytes.isEmpty())
        return std::unexpected(
            trLimit("the value is empty; a secret value has 1 to %1 bytes").arg(maxValueBytes));
    if (bytes.size() > maxValueBytes) {
        return std::unexpected(
            trLimit("the value has %1 bytes; a secret value holds at most %2 bytes")
                .arg(bytes.size())
                .arg(maxValueBytes));
    }
    if (!binary) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(bytes);
        if (decoder.hasError())
            return std::unexpected(trLimit("the value is not UTF-8 text; store it as a binary "
                                           "secret (SecretBinary) instead"));
    }
    return {};
}

QString SecretConstraints::checkName(const QString &name)
{
    if (name.isEmpty())
        return trLimit("the secret name is empty");
    if (name.size() > maxNameLength) {
        return trLimit("the secret name has %1 characters; at most %2 are allowed")
            .arg(name.size())
            .arg(maxNameLength);
    }
    for (const QChar c : name) {
        if (!isNameCharacter(c)) {
            return trLimit("the secret name '%1' contains '%2'; names use only letters, digits "
                           "and / _ + = . @ -")
                .arg(name, QString(c));
        }
    }
    return {};
}

QString SecretConstraints::checkSecretId(const QString &secretId)
{
    if (secretId.startsWith(u"arn:"_s)) {
        if (secretId.size() > maxArnLength)
            return trLimit("the ARN has %1 characters; at most %2 are allowed")
                .arg(secretId.size())
                .arg(maxArnLength);
        return {};
    }
    return checkName(secretId);
}

QString SecretConstraints::nameWarning(const QString &name)
{
    static const QRegularExpression arnSuffixLike(u"-[A-Za-z0-9]{6}$"_s);
    if (arnSuffixLike.match(name).hasMatch())
        return trLimit("the name ends with a hyphen and six characters, like the suffix AWS "
                       "adds to every secret's ARN; policies and partial-ARN lookups can then "
                       "match the wrong secret");
    return {};
}

std::expected<QList<Tag>, QString> SecretConstraints::parseTags(const QStringList &items)
{
    QList<Tag> tags;
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals < 0)
            return std::unexpected(trLimit("'%1' is not a tag: write KEY=VALUE").arg(item));
        tags.append(Tag { item.left(equals), item.mid(equals + 1) });
    }
    if (const QString problem = checkTags(tags); !problem.isEmpty())
        return std::unexpected(problem);
    return tags;
}

QString SecretConstraints::checkTags(const QList<Tag> &tags)
{
    QSet<QString> keys;
    for (const Tag &tag : tags) {
        if (const QString problem = checkTagKey(tag.key); !problem.isEmpty())
            return problem;
        if (tag.value.size() > maxTagValueLength) {
            return trLimit("the value of tag '%1' has %2 characters; at most %3 are allowed")
                .arg(tag.key)
                .arg(tag.value.size())
                .arg(maxTagValueLength);
        }
        if (keys.contains(tag.key))
            return trLimit("the tag key '%1' is given twice; a secret has one value per key").arg(tag.key);
        keys.insert(tag.key);
    }
    if (tags.size() > maxTags)
        return trLimit("%1 tags given; a secret has at most %2").arg(tags.size()).arg(maxTags);
    return {};
}

QString SecretConstraints::checkDescription(const QString &description)
{
    if (description.size() > maxDescriptionLength) {
        return trLimit("the description has %1 characters; at most %2 are allowed")
            .arg(description.size())
            .arg(maxDescriptionLength);
    }
    return {};
}

QString SecretConstraints::checkTagKey(const QString &key)
{
    if (key.isEmpty())
        return trLimit("a tag key is empty");
    if (key.size() > maxTagKeyLength) {
        return trLimit("the tag key '%1' has %2 characters; at most %3 are allowed")
            .arg(key)
            .arg(key.size())
            .arg(maxTagKeyLength);
    }
    if (key.startsWith(u"aws:"_s, Qt::CaseInsensitive))
        return trLimit("the tag key '%1' starts with 'aws:', which AWS reserves").arg(key);
    return {};
}

QString SecretConstraints::checkClientRequestToken(const QString &token)
{
    if (token.size() < 32 || token.size() > 64)
        return trLimit("the client request token has %1 characters; it needs 32 to 64")
            .arg(token.size());
    return {};
}

} // namespace coffer::aws
