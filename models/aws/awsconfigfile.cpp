// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsconfigfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// Far beyond any real config file; stops a wrong AWS_CONFIG_FILE (a disk image...) from being
// read into memory.
constexpr qint64 MaximumFileSize = 4 * 1024 * 1024;

struct RawSection
{
    AwsConfigSection::Type type = AwsConfigSection::Type::Profile;
    QString name;
    int line = 0;
    bool canonical = true;   // spelled the way this kind of file spells it
    bool ignored = false;    // not a section the SDKs read; parsed for syntax only
    QList<std::pair<QString, AwsConfigProperty>> properties;
};

int indentWidth(QStringView line)
{
    int n = 0;
    while (n < line.size() && (line[n] == u' ' || line[n] == u'\t'))
        ++n;
    return n;
}

bool isComment(QStringView trimmed)
{
    return trimmed.startsWith(u'#') || trimmed.startsWith(u';');
}

// `[profile "my name"]` is accepted by the CLI (it shlex-splits the header).
QString unquote(const QString &name, bool *wasQuoted)
{
    *wasQuoted = false;
    if (name.size() >= 2
        && ((name.startsWith(u'"') && name.endsWith(u'"'))
            || (name.startsWith(u'\'') && name.endsWith(u'\'')))) {
        *wasQuoted = true;
        return name.mid(1, name.size() - 2);
    }
    return name;
}

bool containsSpace(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.isSpace(); });
}

QString sectionTypeWord(AwsConfigSection::Type type)
{
    switch (type) {
    case AwsConfigSection::Type::Profile:
        return u"profile"_s;
    case AwsConfigSection::Type::SsoSession:
        return u"sso-session"_s;
    case AwsConfigSection::Type::Services:
        return u"services"_s;
    }
    return {};
}

} // namespace

const AwsConfigProperty *AwsConfigSection::property(const QString &key) const
{
    const auto it = properties.constFind(key.toLower());
    return it == properties.cend() ? nullptr : &it.value();
}

std::optional<QString> AwsConfigSection::value(const QString &key) const
{
    const AwsConfigProperty *p = property(key);
    if (!p)
        return std::nullopt;
    return p->value;
}

QString AwsConfigFile::displayPath(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    const QString home = QDir::cleanPath(QDir::homePath());
    if (home.isEmpty() || home == u"/"_s)
        return clean;
    if (clean == home)
        return u"~"_s;
    if (clean.startsWith(home + u'/'))
        return u"~"_s + clean.mid(home.size());
    return clean;
}

QString AwsConfigFile::location(int line) const
{
    return tr("%1 line %2").arg(displayPath(), QString::number(line));
}

const AwsConfigSection *AwsConfigFile::section(AwsConfigSection::Type type,
                                               const QString &name) const
{
    for (const AwsConfigSection &s : m_sections) {
        if (s.type == type && s.name == name)
            return &s;
    }
    return nullptr;
}

QStringList AwsConfigFile::profileNames() const
{
    QStringList names;
    for (const AwsConfigSection &s : m_sections) {
        if (s.type == AwsConfigSection::Type::Profile)
            names.append(s.name);
    }
    return names;
}

Result<AwsConfigFile> AwsConfigFile::load(const QString &path, Kind kind)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        AwsConfigFile empty;
        empty.m_kind = kind;
        empty.m_path = path;
        empty.m_exists = false;
        return empty;
    }
    if (info.isDir())
        return std::unexpected(AwsError::configuration(
            tr("%1 is a folder, not a file").arg(displayPath(path))));
    if (info.size() > MaximumFileSize)
        return std::unexpected(AwsError::configuration(
            tr("%1 is too large to be an AWS configuration file").arg(displayPath(path))));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(AwsError::configuration(
            tr("cannot read %1: %2").arg(displayPath(path), file.errorString())));
    const QByteArray bytes = file.read(MaximumFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return std::unexpected(AwsError::configuration(
            tr("cannot read %1: %2").arg(displayPath(path), file.errorString())));
    return parse(bytes, kind, path);
}

Result<AwsConfigFile> AwsConfigFile::parse(const QByteArray &text, Kind kind, const QString &path)
{
    AwsConfigFile file;
    file.m_kind = kind;
    file.m_path = path;
    file.m_exists = true;

    const auto errorAt = [&file](int line, const QString &what) {
        return std::unexpected(AwsError::configuration(file.location(line) + u": "_s + what));
    };
    const auto warnAt = [&file](int line, const QString &what) {
        file.m_warnings.append(file.location(line) + u": "_s + what);
    };

    QByteArrayView bytes(text);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);

    QList<RawSection> raw;
    int currentKeyIndex = -1;   // index into raw.last().properties of the open property
    int currentKeyIndent = 0;
    bool currentIsBlock = false;

    qsizetype start = 0;
    int lineNumber = 0;
    while (start <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QByteArrayView lineBytes = bytes.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (lineBytes.endsWith('\r'))
            lineBytes.chop(1);

        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString line = decoder(lineBytes);
        if (decoder.hasError())
            return errorAt(lineNumber, tr("not valid UTF-8 text"));

        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || isComment(trimmed))
            continue;
        const int indent = indentWidth(line);

        // A line indented deeper than the property above it continues that property
        // (Python's configparser, which the AWS CLI uses, reads it so).
        if (currentKeyIndex >= 0 && indent > currentKeyIndent) {
            auto &[key, property] = raw.last().properties[currentKeyIndex];
            if (currentIsBlock) {
                const qsizetype eq = trimmed.indexOf(u'=');
                if (eq < 0)
                    return errorAt(lineNumber, tr("expected 'key = value' inside '%1 ='").arg(key));
                const QString subKey = trimmed.left(eq).trimmed().toLower();
                if (subKey.isEmpty())
                    return errorAt(lineNumber, tr("expected a name before '='"));
                if (property.subProperties.contains(subKey))
                    warnAt(lineNumber, tr("'%1' is set twice inside '%2 ='; this line wins")
                                           .arg(subKey, key));
                property.subProperties.insert(subKey, trimmed.mid(eq + 1).trimmed());
            } else {
                property.value += u'\n' + trimmed;
            }
            continue;
        }
        currentKeyIndex = -1;

        if (trimmed.startsWith(u'[')) {
            const qsizetype close = trimmed.indexOf(u']');
            if (close < 0)
                return errorAt(lineNumber, tr("expected ']' to close the section header"));
            const QString rest = trimmed.mid(close + 1).trimmed();
            if (!rest.isEmpty() && !isComment(rest))
                return errorAt(lineNumber, tr("unexpected text after the section header"));
            const QString header = trimmed.mid(1, close - 1).simplified();
            if (header.isEmpty())
                return errorAt(lineNumber, tr("empty section name '[]'"));

            RawSection section;
            section.line = lineNumber;
            const qsizetype space = header.indexOf(u' ');
            const QString word = space < 0 ? header : header.left(space);
            bool quoted = false;
            const QString name = unquote(space < 0 ? QString() : header.mid(space + 1), &quoted);
            const QString displayHeader = u'[' + header + u']';

            if (kind == Kind::Config) {
                if (header == u"default"_s) {
                    section.name = header;
                } else if (word == u"profile"_s || word == u"sso-session"_s
                           || word == u"services"_s) {
                    section.type = word == u"profile"_s      ? AwsConfigSection::Type::Profile
                                   : word == u"services"_s ? AwsConfigSection::Type::Services
                                                           : AwsConfigSection::Type::SsoSession;
                    section.name = name;
                } else if (space < 0) {
                    section.name = header;
                    section.canonical = false;
                    warnAt(lineNumber,
                           tr("%1 is read as profile '%2'; the config file spells it [profile %2]")
                               .arg(displayHeader, header));
                } else {
                    section.ignored = true;
                    warnAt(lineNumber, tr("section %1 is not a profile and is ignored")
                                           .arg(displayHeader));
                }
            } else {
                if (space < 0) {
                    section.name = header;
                } else if (word == u"profile"_s) {
                    section.name = name;
                    section.canonical = false;
                    warnAt(lineNumber,
                           tr("%1 is read as profile '%2'; the credentials file spells it [%2]")
                               .arg(displayHeader, name));
                } else {
                    section.ignored = true;
                    warnAt(lineNumber, tr("section %1 is not a profile and is ignored")
                                           .arg(displayHeader));
                }
            }
            if (!section.ignored && (section.name.isEmpty() || (!quoted && containsSpace(section.name)))) {
                section.ignored = true;
                warnAt(lineNumber, tr("section %1 has no usable name and is ignored")
                                       .arg(displayHeader));
            }
            raw.append(section);
            continue;
        }

        if (raw.isEmpty())
            return errorAt(lineNumber, tr("'key = value' before any [section] header"));
        const qsizetype eq = trimmed.indexOf(u'=');
        if (eq < 0)
            return errorAt(lineNumber, tr("expected 'key = value'"));
        const QString key = trimmed.left(eq).trimmed().toLower();
        if (key.isEmpty())
            return errorAt(lineNumber, tr("expected a name before '='"));
        AwsConfigProperty property;
        property.value = trimmed.mid(eq + 1).trimmed();
        property.line = lineNumber;
        raw.last().properties.append({key, property});
        currentKeyIndex = int(raw.last().properties.size()) - 1;
        currentKeyIndent = indent;
        currentIsBlock = property.value.isEmpty();
    }

    // Merge duplicated sections: the file's own spelling wins over the tolerated one, and
    // within each, later lines win.
    QHash<std::pair<int, QString>, qsizetype> indexOf;
    const auto mergeInto = [&](const RawSection &r) {
        AwsConfigSection &target = file.m_sections[indexOf.value({int(r.type), r.name})];
        target.line = std::min(target.line, r.line);
        for (const auto &[key, property] : r.properties) {
            const auto existing = target.properties.constFind(key);
            if (existing != target.properties.cend()) {
                warnAt(property.line, tr("'%1' is set again for %2 '%3' (first at line %4); "
                                         "this line wins")
                                          .arg(key, sectionTypeWord(r.type), r.name,
                                               QString::number(existing->line)));
            }
            target.properties.insert(key, property);
        }
    };
    // Sections keep the order in which they first appear.
    for (const RawSection &r : std::as_const(raw)) {
        if (r.ignored)
            continue;
        const std::pair<int, QString> id{int(r.type), r.name};
        if (!indexOf.contains(id)) {
            AwsConfigSection s;
            s.type = r.type;
            s.name = r.name;
            s.line = r.line;
            file.m_sections.append(s);
            indexOf.insert(id, file.m_sections.size() - 1);
        }
    }
    for (const RawSection &r : std::as_const(raw)) {
        if (!r.ignored && !r.canonical)
            mergeInto(r);
    }
    for (const RawSection &r : std::as_const(raw)) {
        if (!r.ignored && r.canonical)
            mergeInto(r);
    }
    return file;
}

// ---- AwsSharedFiles -----------------------------------------------------------------------

namespace {

QString expandHome(const QString &path)
{
    if (path == u"~"_s)
        return QDir::homePath();
    if (path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

QString AwsSharedFiles::configPath(const QProcessEnvironment &env)
{
    const QString fromEnv = env.value(u"AWS_CONFIG_FILE"_s);
    if (!fromEnv.isEmpty())
        return expandHome(fromEnv);
    return QDir::homePath() + u"/.aws/config"_s;
}

QString AwsSharedFiles::credentialsPath(const QProcessEnvironment &env)
{
    const QString fromEnv = env.value(u"AWS_SHARED_CREDENTIALS_FILE"_s);
    if (!fromEnv.isEmpty())
        return expandHome(fromEnv);
    return QDir::homePath() + u"/.aws/credentials"_s;
}

Result<AwsSharedFiles> AwsSharedFiles::load(const QProcessEnvironment &env)
{
    AwsSharedFiles files;
    auto config = AwsConfigFile::load(configPath(env), AwsConfigFile::Kind::Config);
    if (!config)
        return std::unexpected(config.error());
    auto credentials =
        AwsConfigFile::load(credentialsPath(env), AwsConfigFile::Kind::Credentials);
    if (!credentials)
        return std::unexpected(credentials.error());
    files.config = std::move(*config);
    files.credentials = std::move(*credentials);
    return files;
}

AwsProfileSelection AwsSharedFiles::selectProfile(const QString &explicitName,
                                                  const QProcessEnvironment &env)
{
    if (!explicitName.isEmpty())
        return {explicitName, u"--profile"_s, true};
    // AWS_PROFILE is the name every SDK reads; AWS_DEFAULT_PROFILE is the AWS CLI v1 spelling.
    for (const QString &var : {u"AWS_PROFILE"_s, u"AWS_DEFAULT_PROFILE"_s}) {
        const QString name = env.value(var);
        if (!name.isEmpty())
            return {name, var, false};
    }
    return {u"default"_s, u"default"_s, false};
}

bool AwsSharedFiles::hasProfile(const QString &name) const
{
    return config.profile(name) || credentials.profile(name);
}

QStringList AwsSharedFiles::profileNames() const
{
    QStringList names = config.profileNames() + credentials.profileNames();
    names.sort();
    names.removeDuplicates();
    return names;
}

std::optional<AwsProfileSetting> AwsSharedFiles::setting(const QString &profile,
                                                         const QString &key) const
{
    for (const AwsConfigFile *file : {&credentials, &config}) {
        const AwsConfigSection *section = file->profile(profile);
        if (!section)
            continue;
        const AwsConfigProperty *property = section->property(key);
        if (!property || property->value.isEmpty())
            continue;
        return AwsProfileSetting{
            property->value,
            tr("profile %1 in %2").arg(profile, file->displayPath()),
            file->location(property->line),
        };
    }
    return std::nullopt;
}

AwsError AwsSharedFiles::profileNotFound(const QString &profile) const
{
    QString message = tr("profile '%1' not found in %2 or %3")
                          .arg(profile, config.displayPath(), credentials.displayPath());
    if (!config.exists() && !credentials.exists())
        message += u' ' + tr("(neither file exists)");
    else if (!config.exists())
        message += u' ' + tr("(%1 does not exist)").arg(config.displayPath());
    else if (!credentials.exists())
        message += u' ' + tr("(%1 does not exist)").arg(credentials.displayPath());
    return AwsError::configuration(message);
}

QStringList AwsSharedFiles::warnings() const
{
    return config.warnings() + credentials.warnings();
}

} // namespace coffer::aws
