// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxprincipals.h"

#include "models/policy/policydocument.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxtotp.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

namespace {

using Json = nlohmann::ordered_json;

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox::SandboxPrincipals", text);
}

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

/// Reads the file's members with the place of the first problem ("users[0] (app): ...").
class Reader
{
public:
    Reader(QString accountId, QString region)
        : m_accountId(std::move(accountId))
        , m_region(std::move(region))
    { }

    std::expected<SandboxPrincipals, QString> read(const Json &root)
    {
        if (!root.is_object())
            return fail(QString(),
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "the file must hold a JSON object")));
        for (const auto &[key, value] : root.items()) {
            Q_UNUSED(value);
            if (key != "users" && key != "roles" && key != "kmsKeys" && key != "sso"
                && key != "oidcProviders") {
                return fail(
                    QString(),
                    translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                 "unknown member \"%1\" (expected users, roles, "
                                                 "kmsKeys, sso, oidcProviders)"))
                        .arg(QString::fromStdString(key)));
            }
        }
        SandboxPrincipals result;
        for (const char *kind : { "users", "roles" }) {
            if (!root.contains(kind))
                continue;
            const Json &list = root[kind];
            if (!list.is_array())
                return fail(QString::fromLatin1(kind),
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "must be a list")));
            for (size_t i = 0; i < list.size(); ++i) {
                const QString place = u"%1[%2]"_s.arg(QString::fromLatin1(kind)).arg(i);
                auto principal = readPrincipal(list[i], qstrcmp(kind, "roles") == 0, place);
                if (!principal)
                    return std::unexpected(principal.error());
                result.principals.append(std::move(*principal));
            }
        }
        if (root.contains("kmsKeys")) {
            const Json &list = root["kmsKeys"];
            if (!list.is_array())
                return fail(u"kmsKeys"_s,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "must be a list")));
            for (size_t i = 0; i < list.size(); ++i) {
                auto key = readKey(list[i], u"kmsKeys[%1]"_s.arg(i));
                if (!key)
                    return std::unexpected(key.error());
                result.kmsKeys.append(std::move(*key));
            }
        }
        if (root.contains("sso")) {
            auto sso = readSso(root["sso"]);
            if (!sso)
                return std::unexpected(sso.error());
            result.sso = std::move(*sso);
        }
        auto providers = readOidcProviders(root);
        if (!providers)
            return std::unexpected(providers.error());
        result.oidcProviders = std::move(*providers);
        return result;
    }

private:
    static std::unexpected<QString> fail(const QString &place, const QString &problem)
    {
        return std::unexpected(place.isEmpty() ? problem : place + u": "_s + problem);
    }

    /// An ARN, "*", or "user/app" / "role/reader" completed with the account.
    std::expected<QString, QString> principalReference(const Json &value,
                                                       const QString &place) const
    {
        const QString text = str(value);
        if (text == u"*" || text.startsWith(u"arn:"_s))
            return text;
        if (text.startsWith(u"user/"_s) || text.startsWith(u"role/"_s)
            || text.startsWith(u"oidc-provider/"_s))
            return u"arn:aws:iam::%1:%2"_s.arg(m_accountId, text);
        if (text == u"root")
            return u"arn:aws:iam::%1:root"_s.arg(m_accountId);
        return fail(place,
                    translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                 "\"%1\" is not an ARN, \"*\", \"user/NAME\", "
                                                 "\"role/NAME\" or \"oidc-provider/HOST\""))
                        .arg(text));
    }

    std::expected<QStringList, QString> references(const Json &object, const char *member,
                                                   const QString &place) const
    {
        QStringList arns;
        if (!object.contains(member))
            return arns;
        const Json &list = object[member];
        const QString where = place + u'.' + QString::fromLatin1(member);
        if (!list.is_array())
            return fail(where,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be a list")));
        for (const Json &entry : list) {
            auto arn = principalReference(entry, where);
            if (!arn)
                return std::unexpected(arn.error());
            arns.append(*arn);
        }
        return arns;
    }

    std::expected<SandboxPrincipal, QString> readPrincipal(const Json &object, bool role,
                                                           QString place)
    {
        if (!object.is_object())
            return fail(place,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be an object")));
        static const QRegularExpression namePattern(u"^[\\w+=,.@-]{1,64}$"_s);
        static const QRegularExpression pathPattern(u"^/([\\x21-\\x7E]*/)?$"_s);
        SandboxPrincipal principal;
        const QString name = str(object.value("name", Json()));
        if (object.contains("arn")) {
            principal.arn = str(object["arn"]);
            const QString expected = role ? u":role/"_s : u":user/"_s;
            if (!principal.arn.startsWith(u"arn:aws:iam::"_s) || !principal.arn.contains(expected))
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"arn\" must be an IAM %1 ARN"))
                                .arg(role ? u"role"_s : u"user"_s));
        } else {
            if (!namePattern.match(name).hasMatch())
                return fail(place,
                            translated(QT_TRANSLATE_NOOP(
                                "coffer::sandbox::SandboxPrincipals",
                                "\"name\" must be 1 to 64 of A-Z a-z 0-9 _+=,.@-")));
            const QString path = object.contains("path") ? str(object["path"]) : u"/"_s;
            if (!pathPattern.match(path).hasMatch())
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"path\" must start and end with /")));
            principal.arn = u"arn:aws:iam::%1:%2%3%4"_s.arg(
                m_accountId, role ? u"role"_s : u"user"_s, path, name);
        }
        place += u" ("_s + principal.name() + u')';
        if (m_arns.contains(principal.arn))
            return fail(place,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "defined twice")));
        m_arns.insert(principal.arn);

        for (const auto &[key, value] : object.items()) {
            Q_UNUSED(value);
            static const QSet<QString> userMembers
                = { u"name"_s,     u"path"_s,      u"arn"_s, u"accessKeyId"_s, u"secretAccessKey"_s,
                    u"policies"_s, u"mfaDevices"_s };
            static const QSet<QString> roleMembers
                = { u"name"_s, u"path"_s, u"arn"_s, u"trust"_s, u"requireMfa"_s, u"policies"_s };
            if (!(role ? roleMembers : userMembers).contains(QString::fromStdString(key)))
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "unknown member \"%1\""))
                                .arg(QString::fromStdString(key)));
        }

        if (role) {
            auto trust = references(object, "trust", place);
            if (!trust)
                return std::unexpected(trust.error());
            principal.trustedPrincipalArns = *trust;
            if (object.contains("requireMfa")) {
                if (!object["requireMfa"].is_boolean())
                    return fail(place + u".requireMfa"_s,
                                translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                             "must be true or false")));
                principal.requireMfa = object["requireMfa"].get<bool>();
            }
        } else {
            principal.credentials.accessKeyId = str(object.value("accessKeyId", Json()));
            principal.credentials.secretAccessKey = str(object.value("secretAccessKey", Json()));
            principal.credentials.source = u"sandbox user %1"_s.arg(principal.name());
            static const QRegularExpression keyIdPattern(u"^[A-Z0-9]{16,128}$"_s);
            if (!keyIdPattern.match(principal.credentials.accessKeyId).hasMatch())
                return fail(
                    place,
                    translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                 "\"accessKeyId\" must be 16 or more of A-Z 0-9")));
            if (principal.credentials.secretAccessKey.isEmpty())
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"secretAccessKey\" is missing")));
            if (m_keys.contains(principal.credentials.accessKeyId))
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "the access key id is used twice")));
            m_keys.insert(principal.credentials.accessKeyId);
            auto devices = readMfaDevices(object, place);
            if (!devices)
                return std::unexpected(devices.error());
            principal.mfaDevices = std::move(*devices);
        }

        auto policies = readPolicies(object, place);
        if (!policies)
            return std::unexpected(policies.error());
        principal.identityPolicies = std::move(*policies);
        return principal;
    }

    /// "policies": a list of policy documents or {"name", "document"} pairs, each checked.
    std::expected<QList<QByteArray>, QString> readPolicies(const Json &object,
                                                           const QString &place) const
    {
        QList<QByteArray> texts;
        if (!object.contains("policies"))
            return texts;
        const Json &policies = object["policies"];
        if (!policies.is_array())
            return fail(place + u".policies"_s,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be a list")));
        for (size_t i = 0; i < policies.size(); ++i) {
            const QString where = u"%1.policies[%2]"_s.arg(place).arg(i);
            Json document = policies[i];
            if (document.is_object() && document.contains("document")) {
                const QString policyName = str(document.value("name", Json()));
                document = document["document"];
                if (document.is_object() && !policyName.isEmpty() && !document.contains("Id"))
                    document["Id"] = policyName.toStdString();
            }
            const auto parsed = policy::PolicyDocument::fromJson(document);
            if (!parsed)
                return fail(where, parsed.error().toString());
            texts.append(QByteArray::fromStdString(document.dump(2)));
        }
        return texts;
    }

    /// Fails unless `object` is an object whose members are all in `allowed`.
    static std::expected<void, QString> onlyMembers(const Json &object, const QString &place,
                                                    std::initializer_list<const char *> allowed)
    {
        if (!object.is_object())
            return fail(place,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be an object")));
        for (const auto &[key, value] : object.items()) {
            Q_UNUSED(value);
            if (std::none_of(allowed.begin(), allowed.end(),
                             [&key](const char *name) { return key == name; }))
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "unknown member \"%1\""))
                                .arg(QString::fromStdString(key)));
        }
        return {};
    }

    /// A list member of `object` (absent: empty), or a failure.
    static std::expected<Json, QString> listMember(const Json &object, const char *member,
                                                   const QString &place)
    {
        if (!object.contains(member))
            return Json::array();
        if (!object[member].is_array())
            return fail(place + u'.' + QString::fromLatin1(member),
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be a list")));
        return object[member];
    }

    /// "sso": {"users": [...], "permissionSets": [{"name", "policies"}],
    ///         "assignments": [{"user", "account", "permissionSet"}]}
    std::expected<SandboxSsoDirectory, QString> readSso(const Json &object) const
    {
        const QString place = u"sso"_s;
        if (const auto members
            = onlyMembers(object, place, { "users", "permissionSets", "assignments" });
            !members)
            return std::unexpected(members.error());
        static const QRegularExpression userPattern(u"^[\\w+=,.@-]{1,64}$"_s);
        static const QRegularExpression setPattern(u"^[\\w+=,.@-]{1,32}$"_s);
        static const QRegularExpression accountPattern(u"^[0-9]{12}$"_s);
        SandboxSsoDirectory directory;

        const auto users = listMember(object, "users", place);
        if (!users)
            return std::unexpected(users.error());
        for (size_t i = 0; i < users->size(); ++i) {
            const QString where = u"sso.users[%1]"_s.arg(i);
            const QString user = str((*users)[i]);
            if (!userPattern.match(user).hasMatch())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP(
                                "coffer::sandbox::SandboxPrincipals",
                                "a user is a name of 1 to 64 of A-Z a-z 0-9 _+=,.@-")));
            if (directory.users.contains(user))
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"%1\" is listed twice"))
                                .arg(user));
            directory.users.append(user);
        }

        const auto sets = listMember(object, "permissionSets", place);
        if (!sets)
            return std::unexpected(sets.error());
        for (size_t i = 0; i < sets->size(); ++i) {
            QString where = u"sso.permissionSets[%1]"_s.arg(i);
            const Json &entry = (*sets)[i];
            if (const auto members = onlyMembers(entry, where, { "name", "policies" }); !members)
                return std::unexpected(members.error());
            SandboxPermissionSet set;
            set.name = str(entry.value("name", Json()));
            if (!setPattern.match(set.name).hasMatch())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP(
                                "coffer::sandbox::SandboxPrincipals",
                                "\"name\" must be 1 to 32 of A-Z a-z 0-9 _+=,.@-")));
            where += u" ("_s + set.name + u')';
            if (directory.permissionSet(set.name))
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "defined twice")));
            auto policies = readPolicies(entry, where);
            if (!policies)
                return std::unexpected(policies.error());
            set.policies = std::move(*policies);
            directory.permissionSets.append(std::move(set));
        }

        const auto assignments = listMember(object, "assignments", place);
        if (!assignments)
            return std::unexpected(assignments.error());
        for (size_t i = 0; i < assignments->size(); ++i) {
            const QString where = u"sso.assignments[%1]"_s.arg(i);
            const Json &entry = (*assignments)[i];
            if (const auto members
                = onlyMembers(entry, where, { "user", "account", "permissionSet" });
                !members)
                return std::unexpected(members.error());
            SandboxSsoAssignment assignment;
            assignment.user = str(entry.value("user", Json()));
            assignment.accountId = str(entry.value("account", Json()));
            assignment.permissionSet = str(entry.value("permissionSet", Json()));
            if (!directory.users.contains(assignment.user))
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "unknown user \"%1\" (not in "
                                                         "sso.users)"))
                                .arg(assignment.user));
            if (!directory.permissionSet(assignment.permissionSet))
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "unknown permission set \"%1\" (not "
                                                         "in sso.permissionSets)"))
                                .arg(assignment.permissionSet));
            if (!accountPattern.match(assignment.accountId).hasMatch())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"account\" must be 12 digits")));
            directory.assignments.append(std::move(assignment));
        }
        return directory;
    }

    /// users[].mfaDevices: [{"serial": "arn:aws:iam::<account>:mfa/NAME", "totpSeed": "BASE32"}]
    std::expected<QList<SandboxMfaDevice>, QString> readMfaDevices(const Json &object,
                                                                   const QString &place)
    {
        QList<SandboxMfaDevice> devices;
        if (!object.contains("mfaDevices"))
            return devices;
        const Json &list = object["mfaDevices"];
        if (!list.is_array())
            return fail(place + u".mfaDevices"_s,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be a list")));
        static const QRegularExpression serialPattern(
            u"^arn:aws:iam::\\d{12}:mfa/[\\w+=,.@/-]+$"_s);
        for (size_t i = 0; i < list.size(); ++i) {
            const QString where = u"%1.mfaDevices[%2]"_s.arg(place).arg(i);
            const Json &entry = list[i];
            if (!entry.is_object())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "must be an object")));
            for (const auto &[key, value] : entry.items()) {
                Q_UNUSED(value);
                if (key != "serial" && key != "totpSeed")
                    return fail(where,
                                translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                             "unknown member \"%1\""))
                                    .arg(QString::fromStdString(key)));
            }
            SandboxMfaDevice device;
            device.serial = str(entry.value("serial", Json()));
            if (!serialPattern.match(device.serial).hasMatch())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"serial\" must be an MFA device ARN "
                                                         "(arn:aws:iam::ACCOUNT:mfa/NAME)")));
            if (m_serials.contains(device.serial))
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "the serial is used twice")));
            m_serials.insert(device.serial);
            // The seed's text is never quoted back: it is a secret.
            const auto seed = SandboxTotp::decodeBase32(str(entry.value("totpSeed", Json())));
            if (!seed)
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"totpSeed\" must be base32 "
                                                         "(A-Z, 2-7)")));
            device.seed = *seed;
            devices.append(std::move(device));
        }
        return devices;
    }

    /// oidcProviders: [{"issuer": "https://...", "audiences": ["..."], "jwks": {"keys": [...]}}]
    static std::expected<QList<SandboxOidcProvider>, QString> readOidcProviders(const Json &root)
    {
        QList<SandboxOidcProvider> providers;
        if (!root.contains("oidcProviders"))
            return providers;
        const Json &list = root["oidcProviders"];
        if (!list.is_array())
            return fail(u"oidcProviders"_s,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be a list")));
        for (size_t i = 0; i < list.size(); ++i) {
            const QString where = u"oidcProviders[%1]"_s.arg(i);
            const Json &entry = list[i];
            if (!entry.is_object())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "must be an object")));
            for (const auto &[key, value] : entry.items()) {
                Q_UNUSED(value);
                if (key != "issuer" && key != "audiences" && key != "jwks")
                    return fail(where,
                                translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                             "unknown member \"%1\""))
                                    .arg(QString::fromStdString(key)));
            }
            SandboxOidcProvider provider;
            provider.issuer = str(entry.value("issuer", Json()));
            if (!provider.issuer.startsWith(u"https://"_s) || provider.hostPath().isEmpty())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"issuer\" must be an https URL")));
            for (const SandboxOidcProvider &other : std::as_const(providers)) {
                if (other.hostPath() == provider.hostPath())
                    return fail(where,
                                translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                             "the issuer is defined twice")));
            }
            const Json audiences = entry.value("audiences", Json());
            if (audiences.is_array()) {
                for (const Json &audience : audiences) {
                    if (!str(audience).isEmpty())
                        provider.audiences << str(audience);
                }
            }
            if (provider.audiences.isEmpty() || !audiences.is_array()
                || qsizetype(audiences.size()) != provider.audiences.size())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"audiences\" must be a list of one or "
                                                         "more strings")));
            const Json jwks = entry.value("jwks", Json());
            if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array())
                return fail(where,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"jwks\" must be a key set: {\"keys\": "
                                                         "[...]}")));
            provider.jwks = QByteArray::fromStdString(jwks.dump());
            providers.append(std::move(provider));
        }
        return providers;
    }

    std::expected<SandboxKmsKey, QString> readKey(const Json &object, const QString &place) const
    {
        if (!object.is_object())
            return fail(place,
                        translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                     "must be an object")));
        SandboxKmsKey key;
        if (object.contains("arn")) {
            key.arn = str(object["arn"]);
            if (!key.arn.startsWith(u"arn:aws:kms:"_s) || !key.arn.contains(u":key/"_s))
                return fail(place,
                            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                         "\"arn\" must be a KMS key ARN")));
        } else {
            static const QRegularExpression idPattern(u"^[A-Za-z0-9-]{1,64}$"_s);
            const QString id = str(object.value("id", Json()));
            if (!idPattern.match(id).hasMatch())
                return fail(
                    place,
                    translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                 "\"id\" (the key id, a UUID) is missing")));
            key.arn = u"arn:aws:kms:%1:%2:key/%3"_s.arg(m_region, m_accountId, id);
        }
        auto allowed = references(object, "allow", place);
        if (!allowed)
            return std::unexpected(allowed.error());
        key.allowedPrincipalArns = *allowed;
        return key;
    }

    QString m_accountId;
    QString m_region;
    QSet<QString> m_arns;
    QSet<QString> m_keys;
    QSet<QString> m_serials;
};

} // namespace

std::expected<SandboxPrincipals, QString>
SandboxPrincipals::fromJson(const QByteArray &json, const QString &accountId, const QString &region)
{
    const Json root = Json::parse(json.toStdString(), nullptr, false);
    if (root.is_discarded())
        return std::unexpected(translated(QT_TRANSLATE_NOOP(
            "coffer::sandbox::SandboxPrincipals", "The principals file is not valid JSON.")));
    return Reader(accountId, region).read(root);
}

std::expected<SandboxPrincipals, QString>
SandboxPrincipals::fromFile(const QString &path, const QString &accountId, const QString &region)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxPrincipals",
                                                            "Cannot read %1: %2"))
                                   .arg(path, file.errorString()));
    auto parsed = fromJson(file.readAll(), accountId, region);
    if (!parsed)
        return std::unexpected(path + u": "_s + parsed.error());
    return parsed;
}

void SandboxPrincipals::applyTo(SandboxServerConfig &config) const
{
    config.principals.append(principals);
    config.kmsKeys.append(kmsKeys);
    config.sso = sso;
    config.oidcProviders.append(oidcProviders);
}

} // namespace coffer::sandbox
