// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/profilelistmodel.h"

#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/profilestore.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

// The namespace of the ids of ~/.aws profiles (UUID v5 of the name): stable across runs, so a
// switcher entry keeps its identity while the files are edited.
const QUuid kAwsConfigNamespace = QUuid::fromString(u"{6f1d3b8e-2a47-4c52-9d0e-c0ffe2a05000}");

QString trModel(const char *text)
{
    return QCoreApplication::translate("coffer::ProfileListModel", text);
}

} // namespace

QString ProfileListEntry::sourceName(Source source)
{
    switch (source) {
    case Source::Builtin:
        return u"builtin"_s;
    case Source::AwsConfig:
        return u"aws-config"_s;
    case Source::Keychain:
        return u"keychain"_s;
    }
    return u"builtin"_s;
}

std::optional<ProfileListEntry::Source> ProfileListEntry::sourceFromName(const QString &name)
{
    for (const Source source : { Source::Builtin, Source::AwsConfig, Source::Keychain }) {
        if (sourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

ProfileListModel::ProfileListModel(ProfileStore *store, AwsProfileCatalog *catalog, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_catalog(catalog)
{
    if (store)
        connect(store, &ProfileStore::profilesChanged, this, &ProfileListModel::rebuild);
    if (catalog)
        connect(catalog, &AwsProfileCatalog::changed, this, &ProfileListModel::rebuild);
    m_entries = { sandboxEntry() };
    rebuild();
}

ProfileListModel::~ProfileListModel() = default;

QUuid ProfileListModel::awsConfigProfileId(const QString &name)
{
    return QUuid::createUuidV5(kAwsConfigNamespace, name);
}

ProfileListEntry ProfileListModel::sandboxEntry()
{
    ProfileListEntry entry;
    entry.source = ProfileListEntry::Source::Builtin;
    entry.profile.kind = Profile::Kind::LocalSandbox;
    entry.profile.name = trModel("Local sandbox");
    entry.kindName = Profile::kindName(Profile::Kind::LocalSandbox);
    entry.kindLabel = Profile::kindLabel(Profile::Kind::LocalSandbox);
    entry.region = u"us-east-1"_s;
    entry.details = trModel("demo secrets on this computer");
    return entry;
}

void ProfileListModel::rebuild()
{
    QList<ProfileListEntry> entries { sandboxEntry() };
    if (m_catalog) {
        for (const AwsCatalogEntry &found : m_catalog->entries()) {
            ProfileListEntry entry;
            entry.source = ProfileListEntry::Source::AwsConfig;
            entry.profile.id = awsConfigProfileId(found.name);
            entry.profile.kind = Profile::Kind::AwsCliProfile;
            entry.profile.name = found.name;
            entry.profile.awsProfileName = found.name;
            entry.kindName = AwsCatalogEntry::kindName(found.kind);
            entry.kindLabel = AwsCatalogEntry::kindLabel(found.kind);
            entry.region = found.region;
            entry.details = found.details;
            entry.location = found.location;
            entry.problem = found.problem;
            entries << entry;
        }
    }
    if (m_store) {
        for (const Profile &profile : m_store->profiles()) {
            // A sandbox profile of the user's own (a `coffer-cli serve` elsewhere, or the
            // built-in one under another name and production setting) is listed like the rest.
            ProfileListEntry entry;
            entry.source = ProfileListEntry::Source::Keychain;
            entry.profile = profile;
            entry.kindName = Profile::kindName(profile.kind);
            entry.kindLabel = Profile::kindLabel(profile.kind);
            entry.region = profile.region;
            switch (profile.kind) {
            case Profile::Kind::AccessKey:
                entry.details = profile.accessKeyId;
                break;
            case Profile::Kind::AssumeRole: {
                const auto source = m_store->profile(profile.sourceProfileId);
                entry.details = trModel("%1 with profile %2")
                                    .arg(profile.roleArn, source ? source->name : u"?"_s);
                if (!source)
                    entry.problem
                        = trModel("The source profile of '%1' does not exist.").arg(profile.name);
                break;
            }
            case Profile::Kind::AwsCliProfile:
                entry.details = u"~/.aws: "_s + profile.awsProfileName;
                break;
            case Profile::Kind::Sso:
                entry.region = profile.effectiveRegion();
                entry.details = trModel("%1, %2 in account %3")
                                    .arg(profile.ssoStartUrl, profile.ssoRoleName, profile.ssoAccountId);
                break;
            case Profile::Kind::LocalSandbox:
                entry.details = profile.endpoint.isEmpty() ? trModel("the local sandbox")
                                                           : profile.endpoint.toString();
                break;
            }
            entries << entry;
        }
    }
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProfileListEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return entry.name();
    case Qt::ToolTipRole: {
        QStringList lines;
        switch (entry.source) {
        case ProfileListEntry::Source::Builtin:
            lines << trModel("Built in: %1").arg(entry.details);
            break;
        case ProfileListEntry::Source::AwsConfig:
            lines << trModel("%1 (%2), used in place").arg(entry.location, entry.kindLabel);
            break;
        case ProfileListEntry::Source::Keychain:
            lines << trModel("Coffer profile (%1), keys in the OS keychain").arg(entry.kindLabel);
            break;
        }
        if (entry.source != ProfileListEntry::Source::Builtin && !entry.details.isEmpty())
            lines << entry.details;
        if (!entry.problem.isEmpty())
            lines << entry.problem;
        return lines.join(u'\n');
    }
    case SourceRole:
        return ProfileListEntry::sourceName(entry.source);
    case KindRole:
        return entry.kindName;
    case KindLabelRole:
        return entry.kindLabel;
    case RegionRole:
        return entry.region;
    case DetailsRole:
        return entry.details;
    case ProblemRole:
        return entry.problem;
    case LocationRole:
        return entry.location;
    case IdRole:
        return entry.id();
    case ProductionRole:
        return entry.profile.production;
    default:
        return {};
    }
}

QHash<int, QByteArray> ProfileListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SourceRole, "source");
    names.insert(KindRole, "kind");
    names.insert(KindLabelRole, "kindLabel");
    names.insert(RegionRole, "region");
    names.insert(DetailsRole, "details");
    names.insert(ProblemRole, "problem");
    names.insert(LocationRole, "location");
    names.insert(IdRole, "id");
    names.insert(ProductionRole, "production");
    return names;
}

int ProfileListModel::rowOf(const QUuid &id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id() == id)
            return row;
    }
    return -1;
}

int ProfileListModel::rowOf(const ProfileChoice &choice) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        const ProfileListEntry &entry = m_entries.at(row);
        if (entry.source != choice.source)
            continue;
        // Coffer's names compare case-insensitively; the AWS files' do not.
        const Qt::CaseSensitivity sensitivity = entry.source == ProfileListEntry::Source::Keychain
            ? Qt::CaseInsensitive
            : Qt::CaseSensitive;
        if (entry.source == ProfileListEntry::Source::Builtin
            || entry.name().compare(choice.name, sensitivity) == 0)
            return row;
    }
    return -1;
}

std::optional<ProfileListEntry> ProfileListModel::entry(const QUuid &id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_entries.at(row);
}

int ProfileListModel::startupRow(const std::optional<ProfileChoice> &last,
                                 const QProcessEnvironment &env) const
{
    using Source = ProfileListEntry::Source;
    if (last) {
        if (const int row = rowOf(*last); row >= 0)
            return row;
    }
    const QString wanted = env.value(u"AWS_PROFILE"_s);
    if (!wanted.isEmpty()) {
        for (const Source source : { Source::AwsConfig, Source::Keychain }) {
            if (const int row = rowOf(ProfileChoice { source, wanted }); row >= 0)
                return row;
        }
    }
    if (const int row = rowOf(ProfileChoice { Source::AwsConfig, u"default"_s }); row >= 0)
        return row;
    return 0;
}

std::optional<ProfileChoice> ProfileListModel::lastChoice(const QSettings &settings)
{
    if (settings.contains(settingsSourceKey)) {
        const auto source
            = ProfileListEntry::sourceFromName(settings.value(settingsSourceKey).toString());
        if (source)
            return ProfileChoice { *source, settings.value(settingsNameKey).toString() };
    }
    return std::nullopt;
}

std::optional<ProfileChoice> ProfileListModel::savedChoice(const QSettings &settings) const
{
    if (auto choice = lastChoice(settings))
        return choice;
    const QUuid legacy = QUuid::fromString(settings.value(u"Session/profile"_s).toString());
    if (legacy.isNull())
        return std::nullopt;
    if (const auto found = entry(legacy))
        return ProfileChoice {found->source, found->name()};
    return std::nullopt;
}

void ProfileListModel::rememberChoice(QSettings &settings, const ProfileListEntry &entry)
{
    settings.setValue(settingsSourceKey, ProfileListEntry::sourceName(entry.source));
    settings.setValue(settingsNameKey, entry.name());
}

} // namespace coffer
