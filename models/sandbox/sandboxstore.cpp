// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxstore.h"

#include "models/aws/cryptodigest.h"

#include <QRandomGenerator>
#include <QSet>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

using aws::AwsError;
using aws::Result;

namespace {

const QString awsCurrent = u"AWSCURRENT"_s;
const QString awsPrevious = u"AWSPREVIOUS"_s;

const QString notFoundMessage = u"Secrets Manager can't find the specified secret."_s;
const QString markedForDeletionMessage =
        u"You can't perform this operation on the secret because it was marked for deletion."_s;

std::unexpected<AwsError> fail(const QString &code, const QString &message)
{
    return std::unexpected(SandboxStore::serviceError(code, message));
}
std::unexpected<AwsError> invalidParameter(const QString &message)
{
    return fail(u"InvalidParameterException"_s, message);
}
std::unexpected<AwsError> invalidRequest(const QString &message)
{
    return fail(u"InvalidRequestException"_s, message);
}
std::unexpected<AwsError> notFound(const QString &message = notFoundMessage)
{
    return fail(u"ResourceNotFoundException"_s, message);
}
std::unexpected<AwsError> lengthError(QStringView member, qsizetype size, qsizetype min, qsizetype max)
{
    const QString bound = size < min ? u"greater than or equal to %1"_s.arg(min)
                                     : u"less than or equal to %1"_s.arg(max);
    return invalidParameter(u"1 validation error detected: Value at '%1' failed to satisfy constraint: "
                            "Member must have length %2"_s.arg(member, bound));
}

QString qs(const Json &value)
{
    return QString::fromStdString(value.get_ref<const std::string &>());
}

std::string ss(const QString &text)
{
    return text.toStdString();
}

double epoch(const QDateTime &time)
{
    return double(time.toMSecsSinceEpoch()) / 1000.0;
}

QDateTime startOfDay(const QDateTime &time)
{
    return QDateTime(time.toUTC().date(), QTime(0, 0), Qt::UTC);
}

/// Typed access to a request document; the first type error is kept and reported.
class Params
{
public:
    explicit Params(const Json &json)
        : m_json(json.is_object() ? json : empty())
    {
    }

    std::optional<QString> string(const char *key)
    {
        const auto it = m_json.find(key);
        if (it == m_json.end() || it->is_null())
            return std::nullopt;
        if (!it->is_string()) {
            typeError(key, "a string");
            return std::nullopt;
        }
        return qs(*it);
    }
    QString text(const char *key) { return string(key).value_or(QString()); }
    bool boolean(const char *key)
    {
        const auto it = m_json.find(key);
        if (it == m_json.end() || it->is_null())
            return false;
        if (!it->is_boolean()) {
            typeError(key, "a boolean");
            return false;
        }
        return it->get<bool>();
    }
    bool has(const char *key) const
    {
        const auto it = m_json.find(key);
        return it != m_json.end() && !it->is_null();
    }
    std::optional<qint64> integer(const char *key)
    {
        const auto it = m_json.find(key);
        if (it == m_json.end() || it->is_null())
            return std::nullopt;
        if (!it->is_number_integer()) {
            typeError(key, "an integer");
            return std::nullopt;
        }
        return it->get<qint64>();
    }
    const Json *array(const char *key)
    {
        const auto it = m_json.find(key);
        if (it == m_json.end() || it->is_null())
            return nullptr;
        if (!it->is_array()) {
            typeError(key, "a list");
            return nullptr;
        }
        return &*it;
    }
    std::optional<QStringList> strings(const char *key)
    {
        const Json *list = array(key);
        if (!list)
            return std::nullopt;
        QStringList result;
        for (const Json &item : *list) {
            if (!item.is_string()) {
                typeError(key, "a list of strings");
                return std::nullopt;
            }
            result.append(qs(item));
        }
        return result;
    }
    [[nodiscard]] bool ok() const { return m_error.isEmpty(); }
    [[nodiscard]] std::unexpected<AwsError> error() const
    {
        return fail(u"SerializationException"_s, m_error);
    }

private:
    static const Json &empty()
    {
        static const Json object = Json::object();
        return object;
    }
    void typeError(const char *key, const char *expected)
    {
        if (m_error.isEmpty())
            m_error = u"Expected %1 for member '%2'."_s.arg(QLatin1StringView(expected), QLatin1StringView(key));
    }

    const Json &m_json;
    QString m_error;
};

bool isValidName(const QString &name)
{
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                || u == '/' || u == '_' || u == '+' || u == '=' || u == '.' || u == '@' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

/// Words for the "all" filter: split at anything not a letter or digit, at a lower-to-upper
/// case change and between letters and digits ("credsDatabase#892" -> creds, database, 892).
QStringList words(const QString &text)
{
    QStringList result;
    QString current;
    QChar previous;
    const auto flush = [&] {
        if (!current.isEmpty())
            result.append(current.toLower());
        current.clear();
    };
    for (const QChar c : text) {
        if (!c.isLetterOrNumber()) {
            flush();
            previous = QChar();
            continue;
        }
        if (!previous.isNull()
            && ((previous.isLower() && c.isUpper()) || (previous.isDigit() != c.isDigit())))
            flush();
        current.append(c);
        previous = c;
    }
    flush();
    return result;
}

struct FilterValue
{
    bool negated = false;
    QString value;
};

struct FilterSpec
{
    QString key;
    QList<FilterValue> values;
};

bool prefixMatch(const QString &attribute, const QString &value, Qt::CaseSensitivity cs)
{
    return attribute.startsWith(value, cs);
}

bool valueMatches(const SandboxSecret &secret, const QString &key, const QString &value,
                  const QString &region)
{
    if (key == u"name")
        return prefixMatch(secret.name, value, Qt::CaseSensitive);
    if (key == u"description")
        return prefixMatch(secret.description, value, Qt::CaseInsensitive);
    if (key == u"tag-key") {
        return std::any_of(secret.tags.cbegin(), secret.tags.cend(),
                           [&](const auto &tag) { return prefixMatch(tag.first, value, Qt::CaseSensitive); });
    }
    if (key == u"tag-value") {
        return std::any_of(secret.tags.cbegin(), secret.tags.cend(),
                           [&](const auto &tag) { return prefixMatch(tag.second, value, Qt::CaseSensitive); });
    }
    if (key == u"primary-region")
        return prefixMatch(region, value, Qt::CaseSensitive);
    if (key == u"owning-service")
        return !secret.owningService.isEmpty() && prefixMatch(secret.owningService, value, Qt::CaseSensitive);
    // "all": any word of the value starts a word of the name, description, tag keys or values.
    QStringList haystack = words(secret.name) + words(secret.description);
    for (const auto &[tagKey, tagValue] : secret.tags)
        haystack += words(tagKey) + words(tagValue);
    const QStringList needles = words(value);
    for (const QString &needle : needles) {
        for (const QString &word : std::as_const(haystack)) {
            if (word.startsWith(needle))
                return true;
        }
    }
    return false;
}

bool filterMatches(const SandboxSecret &secret, const FilterSpec &filter, const QString &region)
{
    for (const FilterValue &value : filter.values) {
        if (valueMatches(secret, filter.key, value.value, region) != value.negated)
            return true;
    }
    return false;
}

Json tagsJson(const SandboxSecret &secret)
{
    Json tags = Json::array();
    for (const auto &[key, value] : secret.tags)
        tags.push_back({{"Key", ss(key)}, {"Value", ss(value)}});
    return tags;
}

Json stagesJson(const QStringList &stages)
{
    Json list = Json::array();
    for (const QString &stage : stages)
        list.push_back(ss(stage));
    return list;
}

Json versionsToStages(const SandboxSecret &secret)
{
    Json map = Json::object();
    for (const SandboxVersion &version : secret.versions) {
        if (!version.stages.isEmpty())
            map[ss(version.versionId)] = stagesJson(version.stages);
    }
    return map;
}

/// A secret's metadata as DescribeSecret and ListSecrets answer it. The two name the version map
/// differently (`VersionIdsToStages` and `SecretVersionsToStages`); everything else is the same.
Json metadataJson(const SandboxSecret &secret, const char *versionsKey)
{
    Json entry = {{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};
    if (!secret.description.isEmpty())
        entry["Description"] = ss(secret.description);
    if (!secret.kmsKeyId.isEmpty())
        entry["KmsKeyId"] = ss(secret.kmsKeyId);
    entry["LastChangedDate"] = epoch(secret.lastChangedDate);
    if (secret.lastAccessedDate.isValid())
        entry["LastAccessedDate"] = epoch(secret.lastAccessedDate);
    if (secret.deletedDate.isValid())
        entry["DeletedDate"] = epoch(secret.deletedDate);
    if (!secret.tags.isEmpty())
        entry["Tags"] = tagsJson(secret);
    entry[versionsKey] = versionsToStages(secret);
    if (!secret.owningService.isEmpty())
        entry["OwningService"] = ss(secret.owningService);
    entry["CreatedDate"] = epoch(secret.createdDate);
    return entry;
}

QByteArray fingerprintOf(const Json &request)
{
    Json copy = request.is_object() ? request : Json::object();
    copy.erase("NextToken");
    copy.erase("MaxResults");
    return aws::CryptoDigest::toHex(aws::CryptoDigest::sha256(QByteArray::fromStdString(copy.dump()))).left(16);
}

QString makeNextToken(qsizetype offset, const QByteArray &fingerprint)
{
    const QByteArray raw = "v1:" + QByteArray::number(offset) + ':' + fingerprint;
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<qsizetype> parseNextToken(const std::optional<QString> &token, const QByteArray &fingerprint)
{
    if (!token)
        return 0;
    const QList<QByteArray> parts =
            QByteArray::fromBase64(token->toLatin1(), QByteArray::Base64UrlEncoding).split(':');
    bool ok = false;
    const qsizetype offset = parts.size() == 3 && parts[0] == "v1" ? parts[1].toLongLong(&ok) : 0;
    if (!ok || offset < 0 || parts[2] != fingerprint)
        return fail(u"InvalidNextTokenException"_s, u"The NextToken value is invalid."_s);
    return offset;
}

/// True when ListSecrets shows `secret` for these filters (scheduled deletions only when asked).
bool isListed(const SandboxSecret &secret, const std::vector<FilterSpec> &specs, bool includePlannedDeletion,
              const QString &region)
{
    if (secret.isScheduledForDeletion() && !includePlannedDeletion)
        return false;
    return std::all_of(specs.cbegin(), specs.cend(),
                       [&](const FilterSpec &spec) { return filterMatches(secret, spec, region); });
}

/// Where a ListSecrets page ended, in the order it sorts by: the last secret's sort key and
/// creation sequence. Unlike an offset, it stays right when secrets come and go between pages.
struct ListCursor
{
    QDateTime time;       ///< date sorts (invalid: a secret never accessed)
    QString name;         ///< the name sort
    quint64 sequence = 0;
};

const QDateTime &sortDate(const SandboxSecret &secret, const QString &sortBy)
{
    if (sortBy == u"last-changed-date")
        return secret.lastChangedDate;
    if (sortBy == u"last-accessed-date")
        return secret.lastAccessedDate;
    return secret.createdDate;
}

/// ListSecrets' ascending order for `sortBy`, as a "less than" on (key, sequence).
bool cursorLess(const ListCursor &a, const ListCursor &b, bool byName)
{
    if (byName)
        return a.name.compare(b.name) < 0;
    if (a.time != b.time)
        return a.time < b.time;
    return a.sequence < b.sequence;
}

ListCursor cursorOf(const SandboxSecret &secret, const QString &sortBy)
{
    return ListCursor{sortDate(secret, sortBy), secret.name, secret.sequence};
}

QString makeListToken(const ListCursor &cursor, bool byName, const QByteArray &fingerprint)
{
    const QByteArray key = byName ? cursor.name.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                                  : (cursor.time.isValid() ? QByteArray::number(cursor.time.toMSecsSinceEpoch()) : "-"_ba);
    const QByteArray raw = "v2:" + key + ':' + QByteArray::number(cursor.sequence) + ':' + fingerprint;
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<std::optional<ListCursor>> parseListToken(const std::optional<QString> &token, bool byName,
                                                 const QByteArray &fingerprint)
{
    if (!token)
        return std::optional<ListCursor>();
    const QList<QByteArray> parts =
            QByteArray::fromBase64(token->toLatin1(), QByteArray::Base64UrlEncoding).split(':');
    bool ok = parts.size() == 4 && parts[0] == "v2" && parts[3] == fingerprint;
    ListCursor cursor;
    if (ok) {
        cursor.sequence = parts[2].toULongLong(&ok);
        if (ok && byName) {
            cursor.name = QString::fromUtf8(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding));
        } else if (ok && parts[1] != "-") {
            cursor.time = QDateTime::fromMSecsSinceEpoch(parts[1].toLongLong(&ok), Qt::UTC);
        }
    }
    if (!ok)
        return fail(u"InvalidNextTokenException"_s, u"The NextToken value is invalid."_s);
    return std::optional<ListCursor>(cursor);
}

Result<int> pageSize(Params &params, int maximum, int fallback)
{
    const std::optional<qint64> requested = params.integer("MaxResults");
    if (!requested)
        return fallback;
    if (*requested < 1 || *requested > maximum) {
        return invalidParameter(u"1 validation error detected: Value '%1' at 'maxResults' failed to satisfy "
                                "constraint: Member must have value %2"_s
                                        .arg(*requested)
                                        .arg(*requested < 1 ? u"greater than or equal to 1"_s
                                                            : u"less than or equal to %1"_s.arg(maximum)));
    }
    return int(*requested);
}

/// SecretString or SecretBinary of a request: exactly one, 1 to 65,536 bytes.
struct ValueParam
{
    bool present = false;
    QByteArray bytes;
    bool binary = false;
};

Result<ValueParam> valueOf(Params &params, const Json &request)
{
    ValueParam result;
    const std::optional<QString> text = params.string("SecretString");
    const std::optional<QString> binary = params.string("SecretBinary");
    if (!params.ok())
        return params.error();
    if (text && binary) {
        return invalidParameter(
                u"You can't specify both a binary secret value and a string secret value in the same secret."_s);
    }
    if (text) {
        result.bytes = text->toUtf8();
    } else if (binary) {
        const auto decoded = QByteArray::fromBase64Encoding(binary->toLatin1());
        if (!decoded)
            return fail(u"SerializationException"_s, u"SecretBinary is not valid base64."_s);
        result.bytes = decoded.decoded;
        result.binary = true;
    } else {
        return result;
    }
    Q_UNUSED(request);
    result.present = true;
    if (result.bytes.isEmpty() || result.bytes.size() > SandboxStore::MaxValueBytes) {
        return lengthError(result.binary ? u"secretBinary" : u"secretString", result.bytes.size(), 1,
                           SandboxStore::MaxValueBytes);
    }
    return result;
}

Result<QString> tokenOf(Params &params)
{
    const std::optional<QString> token = params.string("ClientRequestToken");
    if (!token)
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (token->size() < 32 || token->size() > 64)
        return lengthError(u"clientRequestToken", token->size(), 32, 64);
    return *token;
}

Result<QList<std::pair<QString, QString>>> tagsOf(const Json *list)
{
    QList<std::pair<QString, QString>> tags;
    if (!list)
        return tags;
    for (const Json &item : *list) {
        if (!item.is_object() || !item.contains("Key") || !item["Key"].is_string())
            return invalidParameter(u"A tag must have a Key."_s);
        const QString key = qs(item["Key"]);
        const QString value = item.contains("Value") && item["Value"].is_string() ? qs(item["Value"]) : QString();
        if (key.isEmpty() || key.size() > 128)
            return lengthError(u"tags.member.key", key.size(), 1, 128);
        if (value.size() > 256)
            return lengthError(u"tags.member.value", value.size(), 0, 256);
        tags.append({key, value});
    }
    return tags;
}

void mergeTags(SandboxSecret &secret, const QList<std::pair<QString, QString>> &tags)
{
    for (const auto &[key, value] : tags) {
        const auto it = std::find_if(secret.tags.begin(), secret.tags.end(),
                                     [&](const auto &tag) { return tag.first == key; });
        if (it != secret.tags.end())
            it->second = value;
        else
            secret.tags.append({key, value});
    }
}

Result<std::vector<FilterSpec>> filtersOf(const Json &filters)
{
    std::vector<FilterSpec> result;
    if (filters.is_null())
        return result;
    if (!filters.is_array())
        return fail(u"SerializationException"_s, u"Filters must be a list."_s);
    if (filters.size() > 10)
        return invalidParameter(u"You can specify at most 10 filters."_s);
    static const QStringList keys = {u"description"_s,    u"name"_s,           u"tag-key"_s, u"tag-value"_s,
                                     u"primary-region"_s, u"owning-service"_s, u"all"_s};
    for (const Json &filter : filters) {
        if (!filter.is_object() || !filter.contains("Key") || !filter["Key"].is_string())
            return invalidParameter(u"A filter must have a Key."_s);
        FilterSpec spec;
        spec.key = qs(filter["Key"]);
        if (!keys.contains(spec.key)) {
            return invalidParameter(u"1 validation error detected: Value '%1' at 'filters.1.member.key' failed to "
                                    "satisfy constraint: Member must satisfy enum value set: [%2]"_s
                                            .arg(spec.key, keys.join(u", "_s)));
        }
        const auto values = filter.find("Values");
        if (values == filter.end() || !values->is_array() || values->empty())
            return invalidParameter(u"Invalid filter values for key %1."_s.arg(spec.key));
        if (values->size() > 10)
            return invalidParameter(u"You can specify at most 10 values for a filter."_s);
        for (const Json &value : *values) {
            if (!value.is_string())
                return fail(u"SerializationException"_s, u"Filter values must be strings."_s);
            QString text = qs(value);
            FilterValue filterValue;
            if (text.startsWith(u'!')) {
                filterValue.negated = true;
                text.remove(0, 1);
            }
            if (text.size() > 512)
                return lengthError(u"filters.member.values.member", text.size(), 0, 512);
            filterValue.value = text;
            spec.values.append(filterValue);
        }
        result.push_back(std::move(spec));
    }
    return result;
}

QString randomSuffix()
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString suffix;
    suffix.reserve(6);
    for (int i = 0; i < 6; ++i)
        suffix.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]));
    return suffix;
}

} // namespace

const SandboxVersion *SandboxSecret::versionWithStage(QStringView stage) const
{
    for (const SandboxVersion &v : versions) {
        if (v.stages.contains(stage))
            return &v;
    }
    return nullptr;
}

const SandboxVersion *SandboxSecret::version(QStringView versionId) const
{
    for (const SandboxVersion &v : versions) {
        if (v.versionId == versionId)
            return &v;
    }
    return nullptr;
}

SandboxStore::SandboxStore(QString region, QString accountId)
    : m_region(std::move(region))
    , m_accountId(std::move(accountId))
    , m_arnPrefix(u"arn:aws:secretsmanager:%1:%2:secret:"_s.arg(m_region, m_accountId))
{
}

SandboxStore::~SandboxStore() = default;

void SandboxStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime SandboxStore::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

AwsError SandboxStore::serviceError(const QString &code, const QString &message, int httpStatus)
{
    return AwsError::fromService(code, message, {}, httpStatus);
}

Json SandboxStore::errorDocument(const AwsError &error)
{
    return {{"__type", ss(error.code)}, {"message", ss(error.message)}};
}

QStringList SandboxStore::operations()
{
    return {u"BatchGetSecretValue"_s, u"CreateSecret"_s,       u"DeleteResourcePolicy"_s,
            u"DeleteSecret"_s,        u"DescribeSecret"_s,     u"GetRandomPassword"_s,
            u"GetResourcePolicy"_s,   u"GetSecretValue"_s,     u"ListSecretVersionIds"_s,
            u"ListSecrets"_s,         u"PutResourcePolicy"_s,  u"PutSecretValue"_s,
            u"RestoreSecret"_s,       u"TagResource"_s,        u"UntagResource"_s,
            u"UpdateSecret"_s,        u"UpdateSecretVersionStage"_s};
}

bool SandboxStore::isWriteOperation(QStringView operation)
{
    static const QStringList writes = {u"CreateSecret"_s,   u"DeleteResourcePolicy"_s, u"DeleteSecret"_s,
                                       u"PutResourcePolicy"_s, u"PutSecretValue"_s,    u"RestoreSecret"_s,
                                       u"TagResource"_s,    u"UntagResource"_s,        u"UpdateSecret"_s,
                                       u"UpdateSecretVersionStage"_s};
    return writes.contains(operation);
}

Result<Json> SandboxStore::call(QStringView operation, const Json &request)
{
    purgeExpired();
    if (operation == u"GetSecretValue")
        return getSecretValue(request);
    if (operation == u"DescribeSecret")
        return describeSecret(request);
    if (operation == u"ListSecrets")
        return listSecrets(request);
    if (operation == u"BatchGetSecretValue")
        return batchGetSecretValue(request);
    if (operation == u"ListSecretVersionIds")
        return listSecretVersionIds(request);
    if (operation == u"CreateSecret")
        return createSecret(request);
    if (operation == u"PutSecretValue")
        return putSecretValue(request);
    if (operation == u"UpdateSecret")
        return updateSecret(request);
    if (operation == u"UpdateSecretVersionStage")
        return updateSecretVersionStage(request);
    if (operation == u"DeleteSecret")
        return deleteSecret(request);
    if (operation == u"RestoreSecret")
        return restoreSecret(request);
    if (operation == u"TagResource")
        return tagResource(request);
    if (operation == u"UntagResource")
        return untagResource(request);
    if (operation == u"GetResourcePolicy")
        return getResourcePolicy(request);
    if (operation == u"PutResourcePolicy")
        return putResourcePolicy(request);
    if (operation == u"DeleteResourcePolicy")
        return deleteResourcePolicy(request);
    if (operation == u"GetRandomPassword")
        return getRandomPassword(request);
    return fail(u"UnknownOperationException"_s, QString());
}

// --- direct access ---

QList<const SandboxSecret *> SandboxStore::secrets() const
{
    QList<const SandboxSecret *> result;
    result.reserve(qsizetype(m_secrets.size()));
    for (const auto &secret : m_secrets)
        result.append(secret.get());
    return result;
}

const SandboxSecret *SandboxStore::secret(const QString &name) const
{
    return m_byName.value(name);
}

bool SandboxStore::insert(SandboxSecret secret)
{
    if (secret.name.isEmpty() || m_byName.contains(secret.name))
        return false;
    if (secret.arn.isEmpty())
        secret.arn = makeArn(secret.name);
    if (!secret.createdDate.isValid())
        secret.createdDate = now();
    if (!secret.lastChangedDate.isValid())
        secret.lastChangedDate = secret.createdDate;
    secret.sequence = m_nextSequence++;
    auto owned = std::make_unique<SandboxSecret>(std::move(secret));
    m_byName.insert(owned->name, owned.get());
    m_byArn.insert(owned->arn, owned.get());
    m_secrets.push_back(std::move(owned));
    changed();
    return true;
}

SandboxStore::Checkpoint SandboxStore::checkpoint(const Json &request) const
{
    Checkpoint checkpoint;
    checkpoint.revision = m_revision;
    checkpoint.nextSequence = m_nextSequence;
    if (!request.is_object())
        return checkpoint;
    for (const char *member : {"SecretId", "Name"}) {
        if (request.contains(member) && request[member].is_string()) {
            checkpoint.secretId = QString::fromStdString(request[member].get<std::string>());
            break;
        }
    }
    if (const SandboxSecret *secret = lookup(checkpoint.secretId)) {
        checkpoint.before = *secret;
        checkpoint.secretId = secret->arn;
        for (qsizetype i = 0; i < qsizetype(m_secrets.size()); ++i) {
            if (m_secrets[size_t(i)].get() == secret)
                checkpoint.position = i;
        }
    }
    return checkpoint;
}

void SandboxStore::rollBack(const Checkpoint &checkpoint)
{
    SandboxSecret *now = checkpoint.secretId.isEmpty() ? nullptr : findById(checkpoint.secretId);
    if (!checkpoint.before) {
        // Created by the write: it goes again.
        if (now) {
            m_byName.remove(now->name);
            m_byArn.remove(now->arn);
            std::erase_if(m_secrets, [now](const auto &owned) { return owned.get() == now; });
        }
    } else if (now) {
        *now = *checkpoint.before;
    } else {
        // Deleted by the write (ForceDeleteWithoutRecovery): back in its place.
        auto owned = std::make_unique<SandboxSecret>(*checkpoint.before);
        m_byName.insert(owned->name, owned.get());
        m_byArn.insert(owned->arn, owned.get());
        const auto at = std::min(size_t(std::max<qsizetype>(checkpoint.position, 0)), m_secrets.size());
        m_secrets.insert(m_secrets.begin() + qsizetype(at), std::move(owned));
    }
    m_nextSequence = checkpoint.nextSequence;
    m_revision = checkpoint.revision;
    m_deletionsKnown = false;
}

void SandboxStore::clear()
{
    m_byName.clear();
    m_byArn.clear();
    m_secrets.clear();
    changed();
}

QString SandboxStore::makeArn(const QString &name) const
{
    return m_arnPrefix + name + u'-' + randomSuffix();
}

// --- helpers ---

SandboxSecret *SandboxStore::findById(const QString &secretId)
{
    if (secretId.startsWith(u"arn:"_s)) {
        if (SandboxSecret *byArn = m_byArn.value(secretId))
            return byArn;
        // A partial ARN: everything but the random suffix.
        if (secretId.startsWith(m_arnPrefix))
            return m_byName.value(secretId.mid(m_arnPrefix.size()));
        return nullptr;
    }
    return m_byName.value(secretId);
}

const SandboxSecret *SandboxStore::lookup(const QString &secretId) const
{
    return const_cast<SandboxStore *>(this)->findById(secretId);
}

Result<SandboxSecret *> SandboxStore::find(const Json &request, bool allowScheduledForDeletion)
{
    Params params(request);
    const std::optional<QString> secretId = params.string("SecretId");
    if (!params.ok())
        return params.error();
    if (!secretId || secretId->isEmpty())
        return lengthError(u"secretId", 0, 1, 2048);
    if (secretId->size() > 2048)
        return lengthError(u"secretId", secretId->size(), 1, 2048);
    SandboxSecret *secret = findById(*secretId);
    if (!secret)
        return notFound();
    if (secret->isScheduledForDeletion() && !allowScheduledForDeletion)
        return invalidRequest(markedForDeletionMessage);
    return secret;
}

void SandboxStore::purgeExpired()
{
    // Runs before every call: only scan the secrets when the earliest deletion may be due.
    if (!m_deletionsKnown) {
        m_earliestDeletion = {};
        for (const auto &secret : m_secrets) {
            if (secret->isScheduledForDeletion()
                && (!m_earliestDeletion.isValid() || secret->deletionDate < m_earliestDeletion))
                m_earliestDeletion = secret->deletionDate;
        }
        m_deletionsKnown = true;
    }
    const QDateTime current = now();
    if (!m_earliestDeletion.isValid() || current < m_earliestDeletion)
        return;
    const auto expired = [&](const std::unique_ptr<SandboxSecret> &secret) {
        return secret->isScheduledForDeletion() && secret->deletionDate <= current;
    };
    for (const auto &secret : m_secrets) {
        if (expired(secret)) {
            m_byName.remove(secret->name);
            m_byArn.remove(secret->arn);
        }
    }
    std::erase_if(m_secrets, expired);
    changed();
}

void SandboxStore::touchAccess(SandboxSecret &secret, SandboxVersion &version)
{
    const QDateTime today = startOfDay(now());
    if (secret.lastAccessedDate != today)
        ++m_accessEpoch;
    secret.lastAccessedDate = today;
    version.lastAccessedDate = today;
}

void SandboxStore::moveStage(SandboxSecret &secret, const QString &stage, SandboxVersion *target)
{
    SandboxVersion *previousHolder = nullptr;
    for (SandboxVersion &version : secret.versions) {
        if (&version != target && version.stages.removeAll(stage) > 0)
            previousHolder = &version;
    }
    if (target && !target->stages.contains(stage))
        target->stages.append(stage);
    // Moving AWSCURRENT moves AWSPREVIOUS to the version it came from.
    if (stage == awsCurrent && previousHolder && target)
        moveStage(secret, awsPrevious, previousHolder);
}

void SandboxStore::prune(SandboxSecret &secret)
{
    // AWS keeps the 100 most recent versions, and every version created in the last 24 hours.
    const QDateTime dayAgo = now().addDays(-1);
    while (secret.versions.size() > size_t(MaxVersions)) {
        const auto oldest = std::find_if(secret.versions.begin(), secret.versions.end(), [&](const SandboxVersion &v) {
            return v.stages.isEmpty() && v.createdDate < dayAgo;
        });
        if (oldest == secret.versions.end())
            break;
        secret.versions.erase(oldest);
    }
}

Result<const SandboxVersion *> SandboxStore::addVersion(SandboxSecret &secret, const QString &token,
                                                        const QByteArray &value, bool binary,
                                                        QStringList stages)
{
    if (const SandboxVersion *existing = secret.version(token)) {
        if (existing->value == value && existing->binary == binary)
            return existing;
        return fail(u"ResourceExistsException"_s,
                    u"You can't modify an existing version, you can only create a new version."_s);
    }
    for (const QString &stage : std::as_const(stages)) {
        if (stage.isEmpty() || stage.size() > 256)
            return lengthError(u"versionStages.member", stage.size(), 1, 256);
    }
    if (stages.size() > 20)
        return fail(u"LimitExceededException"_s, u"A version can have at most 20 staging labels."_s);
    if (secret.versions.empty() && !stages.contains(awsCurrent))
        stages.append(awsCurrent);

    SandboxVersion version;
    version.versionId = token;
    version.value = value;
    version.binary = binary;
    version.createdDate = now();
    secret.versions.push_back(std::move(version));
    SandboxVersion *added = &secret.versions.back();
    stages.removeDuplicates();
    for (const QString &stage : std::as_const(stages))
        moveStage(secret, stage, added);
    secret.lastChangedDate = added->createdDate;
    const QString addedId = added->versionId;
    prune(secret);
    changed();
    return secret.version(addedId);
}

Result<const SandboxVersion *> SandboxStore::selectVersion(const SandboxSecret &secret, const Json &request) const
{
    Params params(request);
    const std::optional<QString> versionId = params.string("VersionId");
    const std::optional<QString> stage = params.string("VersionStage");
    if (!params.ok())
        return params.error();
    if (versionId && (versionId->size() < 32 || versionId->size() > 64))
        return lengthError(u"versionId", versionId->size(), 32, 64);
    if (versionId) {
        const SandboxVersion *version = secret.version(*versionId);
        if (!version) {
            return notFound(u"Secrets Manager can't find the specified secret value for VersionId: %1"_s.arg(
                    *versionId));
        }
        if (stage && !version->stages.contains(*stage))
            return invalidRequest(u"You provided a VersionStage that is not associated to the provided VersionId."_s);
        return version;
    }
    const QString wanted = stage.value_or(awsCurrent);
    const SandboxVersion *version = secret.versionWithStage(wanted);
    if (!version)
        return notFound(u"Secrets Manager can't find the specified secret value for staging label: %1"_s.arg(wanted));
    return version;
}

Json SandboxStore::valueEntry(const SandboxSecret &secret, const SandboxVersion &version)
{
    Json entry = {{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}, {"VersionId", ss(version.versionId)}};
    if (version.binary)
        entry["SecretBinary"] = version.value.toBase64().toStdString();
    else
        entry["SecretString"] = version.value.toStdString();
    entry["VersionStages"] = stagesJson(version.stages);
    entry["CreatedDate"] = epoch(version.createdDate);
    return entry;
}

const std::vector<SandboxSecret *> &SandboxStore::sortedBy(const QString &sortBy)
{
    SortedIndex &index = m_sortedIndexes[sortBy];
    const bool byAccess = sortBy == u"last-accessed-date";
    if (index.revision == m_revision && (!byAccess || index.accessEpoch == m_accessEpoch))
        return index.secrets;
    index.secrets.clear();
    index.secrets.reserve(m_secrets.size());
    for (const auto &secret : m_secrets)
        index.secrets.push_back(secret.get());
    const bool byName = sortBy == u"name";
    std::sort(index.secrets.begin(), index.secrets.end(), [&](const SandboxSecret *a, const SandboxSecret *b) {
        return cursorLess(cursorOf(*a, sortBy), cursorOf(*b, sortBy), byName);
    });
    index.revision = m_revision;
    index.accessEpoch = m_accessEpoch;
    return index.secrets;
}

Result<std::vector<SandboxSecret *>> SandboxStore::filtered(const Json &filters, bool includePlannedDeletion)
{
    const auto specs = filtersOf(filters);
    if (!specs)
        return std::unexpected(specs.error());
    std::vector<SandboxSecret *> result;
    for (SandboxSecret *secret : sortedBy(u"created-date"_s)) {
        if (isListed(*secret, *specs, includePlannedDeletion, m_region))
            result.push_back(secret);
    }
    return result;
}

// --- operations ---

Result<Json> SandboxStore::createSecret(const Json &request)
{
    Params params(request);
    const QString name = params.text("Name");
    const std::optional<QString> description = params.string("Description");
    const std::optional<QString> kmsKeyId = params.string("KmsKeyId");
    const Json *tagList = params.array("Tags");
    if (!params.ok())
        return params.error();
    if (name.isEmpty() || name.size() > 512)
        return lengthError(u"name", name.size(), 1, 512);
    if (!isValidName(name)) {
        return invalidParameter(u"Invalid name. Must be a valid name containing alphanumeric characters, or any "
                                "of the following: -/_+=.@!"_s);
    }
    if (description && description->size() > 2048)
        return lengthError(u"description", description->size(), 0, 2048);
    const auto value = valueOf(params, request);
    if (!value)
        return std::unexpected(value.error());
    const auto token = tokenOf(params);
    if (!token)
        return std::unexpected(token.error());
    const auto tags = tagsOf(tagList);
    if (!tags)
        return std::unexpected(tags.error());
    if (tags->size() > 50)
        return invalidParameter(u"A secret can have at most 50 tags."_s);

    if (SandboxSecret *existing = m_byName.value(name)) {
        if (existing->isScheduledForDeletion()) {
            return invalidRequest(
                    u"You can't create this secret because a secret with this name is already scheduled for deletion."_s);
        }
        // A retried CreateSecret (same token) is idempotent.
        const SandboxVersion *retried = existing->version(*token);
        if (retried && value->present) {
            if (retried->value != value->bytes || retried->binary != value->binary) {
                return fail(u"ResourceExistsException"_s,
                            u"You can't modify an existing version, you can only create a new version."_s);
            }
            return Json{{"ARN", ss(existing->arn)}, {"Name", ss(existing->name)}, {"VersionId", ss(*token)}};
        }
        return fail(u"ResourceExistsException"_s, u"The operation failed because the secret %1 already exists."_s.arg(name));
    }

    SandboxSecret secret;
    secret.name = name;
    secret.description = description.value_or(QString());
    secret.kmsKeyId = kmsKeyId.value_or(QString());
    secret.tags = *tags;
    secret.createdDate = now();
    secret.lastChangedDate = secret.createdDate;
    insert(std::move(secret));
    SandboxSecret *created = m_byName.value(name);
    Json answer = {{"ARN", ss(created->arn)}, {"Name", ss(created->name)}};
    if (value->present) {
        const auto version = addVersion(*created, *token, value->bytes, value->binary, {awsCurrent});
        if (!version)
            return std::unexpected(version.error());
        answer["VersionId"] = ss((*version)->versionId);
    }
    return answer;
}

Result<Json> SandboxStore::describeSecret(const Json &request)
{
    const auto found = find(request, true);
    if (!found)
        return std::unexpected(found.error());
    return metadataJson(**found, "VersionIdsToStages");
}

Result<Json> SandboxStore::getSecretValue(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    const auto version = selectVersion(secret, request);
    if (!version)
        return std::unexpected(version.error());
    auto *mutableVersion = const_cast<SandboxVersion *>(*version);
    touchAccess(secret, *mutableVersion);
    return valueEntry(secret, *mutableVersion);
}

Result<Json> SandboxStore::batchGetSecretValue(const Json &request)
{
    Params params(request);
    const std::optional<QStringList> ids = params.strings("SecretIdList");
    const bool hasFilters = params.has("Filters");
    const std::optional<QString> nextToken = params.string("NextToken");
    if (!params.ok())
        return params.error();
    if (ids.has_value() == hasFilters)
        return invalidParameter(u"You must provide either SecretIdList or Filters, but not both."_s);

    Json values = Json::array();
    Json errors = Json::array();
    const auto addOne = [&](SandboxSecret *secret, const QString &id) {
        if (!secret) {
            errors.push_back({{"SecretId", ss(id)}, {"ErrorCode", "ResourceNotFoundException"},
                              {"Message", ss(notFoundMessage)}});
            return;
        }
        if (secret->isScheduledForDeletion()) {
            errors.push_back({{"SecretId", ss(id)}, {"ErrorCode", "InvalidRequestException"},
                              {"Message", ss(markedForDeletionMessage)}});
            return;
        }
        auto *version = const_cast<SandboxVersion *>(secret->versionWithStage(awsCurrent));
        if (!version) {
            errors.push_back({{"SecretId", ss(id)}, {"ErrorCode", "ResourceNotFoundException"},
                              {"Message", ss(u"Secrets Manager can't find the specified secret value for staging "
                                             "label: AWSCURRENT"_s)}});
            return;
        }
        touchAccess(*secret, *version);
        values.push_back(valueEntry(*secret, *version));
    };

    Json answer = Json::object();
    if (ids) {
        if (params.has("MaxResults") || nextToken)
            return invalidParameter(u"MaxResults and NextToken can only be used with Filters."_s);
        if (ids->isEmpty() || ids->size() > 20)
            return lengthError(u"secretIdList", ids->size(), 1, 20);
        for (const QString &id : *ids)
            addOne(findById(id), id);
    } else {
        const auto size = pageSize(params, 20, 20);
        if (!size)
            return std::unexpected(size.error());
        const QByteArray fingerprint = fingerprintOf(request);
        const auto offset = parseNextToken(nextToken, fingerprint);
        if (!offset)
            return std::unexpected(offset.error());
        const auto matching = filtered(request["Filters"], false);
        if (!matching)
            return std::unexpected(matching.error());
        const qsizetype total = qsizetype(matching->size());
        const qsizetype end = std::min(total, *offset + *size);
        for (qsizetype i = *offset; i < end; ++i)
            addOne(matching->at(size_t(i)), matching->at(size_t(i))->name);
        if (end < total)
            answer["NextToken"] = ss(makeNextToken(end, fingerprint));
    }
    answer["SecretValues"] = std::move(values);
    answer["Errors"] = std::move(errors);
    return answer;
}

Result<Json> SandboxStore::putSecretValue(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    Params params(request);
    const std::optional<QStringList> stages = params.strings("VersionStages");
    if (!params.ok())
        return params.error();
    const auto value = valueOf(params, request);
    if (!value)
        return std::unexpected(value.error());
    if (!value->present)
        return invalidRequest(u"You must provide either SecretString or SecretBinary."_s);
    if (stages && stages->isEmpty())
        return lengthError(u"versionStages", 0, 1, 20);
    const auto token = tokenOf(params);
    if (!token)
        return std::unexpected(token.error());
    const auto version = addVersion(secret, *token, value->bytes, value->binary, stages.value_or(QStringList{awsCurrent}));
    if (!version)
        return std::unexpected(version.error());
    return Json{{"ARN", ss(secret.arn)},
                {"Name", ss(secret.name)},
                {"VersionId", ss((*version)->versionId)},
                {"VersionStages", stagesJson((*version)->stages)}};
}

Result<Json> SandboxStore::updateSecret(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    Params params(request);
    const std::optional<QString> description = params.string("Description");
    const std::optional<QString> kmsKeyId = params.string("KmsKeyId");
    if (!params.ok())
        return params.error();
    if (description && description->size() > 2048)
        return lengthError(u"description", description->size(), 0, 2048);
    const auto value = valueOf(params, request);
    if (!value)
        return std::unexpected(value.error());
    const auto token = tokenOf(params);
    if (!token)
        return std::unexpected(token.error());

    Json answer = {{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};
    if (value->present) {
        const auto version = addVersion(secret, *token, value->bytes, value->binary, {awsCurrent});
        if (!version)
            return std::unexpected(version.error());
        answer["VersionId"] = ss((*version)->versionId);
    }
    if (description || kmsKeyId) {
        if (description)
            secret.description = *description;
        if (kmsKeyId)
            secret.kmsKeyId = *kmsKeyId;
        secret.lastChangedDate = now();
        changed();
    }
    return answer;
}

Result<Json> SandboxStore::updateSecretVersionStage(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    Params params(request);
    const QString stage = params.text("VersionStage");
    const std::optional<QString> moveTo = params.string("MoveToVersionId");
    const std::optional<QString> removeFrom = params.string("RemoveFromVersionId");
    if (!params.ok())
        return params.error();
    if (stage.isEmpty() || stage.size() > 256)
        return lengthError(u"versionStage", stage.size(), 1, 256);
    for (const auto *id : {&moveTo, &removeFrom}) {
        if (id->has_value() && ((*id)->size() < 32 || (*id)->size() > 64))
            return lengthError(id == &moveTo ? u"moveToVersionId" : u"removeFromVersionId", (*id)->size(), 32, 64);
    }
    const Json answer = {{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};

    SandboxVersion *target = nullptr;
    if (moveTo) {
        target = const_cast<SandboxVersion *>(secret.version(*moveTo));
        if (!target)
            return notFound(u"Secrets Manager can't find the specified secret version: %1"_s.arg(*moveTo));
    }
    const SandboxVersion *holder = secret.versionWithStage(stage);
    if (removeFrom) {
        const SandboxVersion *from = secret.version(*removeFrom);
        if (!from)
            return notFound(u"Secrets Manager can't find the specified secret version: %1"_s.arg(*removeFrom));
        if (!from->stages.contains(stage)) {
            return invalidParameter(u"The staging label %1 is not attached to version %2, so it can't be removed from it."_s
                                            .arg(stage, *removeFrom));
        }
    }
    if (!target) {
        if (!removeFrom)
            return invalidParameter(u"You must specify MoveToVersionId, RemoveFromVersionId, or both."_s);
        if (stage == awsCurrent) {
            return invalidParameter(u"You can only move staging label AWSCURRENT to a different secret version. It "
                                    "can't be completely removed."_s);
        }
        const_cast<SandboxVersion *>(secret.version(*removeFrom))->stages.removeAll(stage);
        changed();
        return answer;
    }
    if (holder == target)
        return answer;
    if (holder && (!removeFrom || *removeFrom != holder->versionId)) {
        return invalidParameter(u"The parameter RemoveFromVersionId can't be empty. Staging label %1 is currently "
                                "attached to version %2, so you must explicitly reference that version in "
                                "RemoveFromVersionId."_s
                                        .arg(stage, holder->versionId));
    }
    moveStage(secret, stage, target);
    prune(secret);
    changed();
    return answer;
}

Result<Json> SandboxStore::listSecrets(const Json &request)
{
    Params params(request);
    const bool includePlannedDeletion = params.boolean("IncludePlannedDeletion");
    const std::optional<QString> nextToken = params.string("NextToken");
    const QString sortOrder = params.text("SortOrder");
    const QString sortBy = params.text("SortBy");
    if (!params.ok())
        return params.error();
    if (!sortOrder.isEmpty() && sortOrder != u"asc" && sortOrder != u"desc") {
        return invalidParameter(u"1 validation error detected: Value '%1' at 'sortOrder' failed to satisfy "
                                "constraint: Member must satisfy enum value set: [asc, desc]"_s.arg(sortOrder));
    }
    static const QStringList sortKeys = {u"created-date"_s, u"last-accessed-date"_s, u"last-changed-date"_s, u"name"_s};
    if (!sortBy.isEmpty() && !sortKeys.contains(sortBy)) {
        return invalidParameter(u"1 validation error detected: Value '%1' at 'sortBy' failed to satisfy constraint: "
                                "Member must satisfy enum value set: [%2]"_s.arg(sortBy, sortKeys.join(u", "_s)));
    }
    const auto size = pageSize(params, 100, 100);
    if (!size)
        return std::unexpected(size.error());
    const QByteArray fingerprint = fingerprintOf(request);
    const bool byName = sortBy == u"name";
    const QString sortKey = sortBy.isEmpty() ? u"created-date"_s : sortBy;
    const auto cursor = parseListToken(nextToken, byName, fingerprint);
    if (!cursor)
        return std::unexpected(cursor.error());
    const Json filters = request.is_object() && request.contains("Filters") ? request["Filters"] : Json();
    const auto specs = filtersOf(filters);
    if (!specs)
        return std::unexpected(specs.error());

    // Walk the sorted index from the cursor, filtering as it goes: a page costs what it reads,
    // not a filter and sort of the whole store.
    const std::vector<SandboxSecret *> &ordered = sortedBy(sortKey);
    const bool descending = sortOrder == u"desc";
    std::vector<const SandboxSecret *> page;
    page.reserve(size_t(*size));
    bool more = false;
    const auto consider = [&](const SandboxSecret *secret) {
        if (!isListed(*secret, *specs, includePlannedDeletion, m_region))
            return true;
        if (qsizetype(page.size()) == *size) {
            more = true;   // one more match exists: the answer gets a NextToken
            return false;
        }
        page.push_back(secret);
        return true;
    };
    const auto before = [&](const SandboxSecret *secret, const ListCursor &at) {
        return cursorLess(cursorOf(*secret, sortKey), at, byName);
    };
    const auto after = [&](const ListCursor &at, const SandboxSecret *secret) {
        return cursorLess(at, cursorOf(*secret, sortKey), byName);
    };
    if (!descending) {
        auto it = *cursor ? std::upper_bound(ordered.begin(), ordered.end(), **cursor, after) : ordered.begin();
        for (; it != ordered.end() && consider(*it); ++it) { }
    } else {
        auto end = *cursor ? std::lower_bound(ordered.begin(), ordered.end(), **cursor, before) : ordered.end();
        for (auto it = std::make_reverse_iterator(end); it != ordered.rend() && consider(*it); ++it) { }
    }

    Json list = Json::array();
    for (const SandboxSecret *secret : page)
        list.push_back(metadataJson(*secret, "SecretVersionsToStages"));
    Json answer = {{"SecretList", std::move(list)}};
    if (more)
        answer["NextToken"] = ss(makeListToken(cursorOf(*page.back(), sortKey), byName, fingerprint));
    return answer;
}

Result<Json> SandboxStore::listSecretVersionIds(const Json &request)
{
    const auto found = find(request, true);
    if (!found)
        return std::unexpected(found.error());
    const SandboxSecret &secret = **found;
    Params params(request);
    const bool includeDeprecated = params.boolean("IncludeDeprecated");
    const std::optional<QString> nextToken = params.string("NextToken");
    if (!params.ok())
        return params.error();
    const auto size = pageSize(params, 100, 100);
    if (!size)
        return std::unexpected(size.error());
    const QByteArray fingerprint = fingerprintOf(request);
    const auto offset = parseNextToken(nextToken, fingerprint);
    if (!offset)
        return std::unexpected(offset.error());

    // Newest first.
    std::vector<const SandboxVersion *> versions;
    for (auto it = secret.versions.crbegin(); it != secret.versions.crend(); ++it) {
        if (includeDeprecated || !it->stages.isEmpty())
            versions.push_back(&*it);
    }
    Json list = Json::array();
    const qsizetype total = qsizetype(versions.size());
    const qsizetype end = std::min(total, *offset + *size);
    for (qsizetype i = *offset; i < end; ++i) {
        const SandboxVersion &version = *versions[size_t(i)];
        Json entry = {{"VersionId", ss(version.versionId)}};
        if (!version.stages.isEmpty())
            entry["VersionStages"] = stagesJson(version.stages);
        if (version.lastAccessedDate.isValid())
            entry["LastAccessedDate"] = epoch(version.lastAccessedDate);
        entry["CreatedDate"] = epoch(version.createdDate);
        list.push_back(std::move(entry));
    }
    Json answer = {{"Versions", std::move(list)}};
    if (end < total)
        answer["NextToken"] = ss(makeNextToken(end, fingerprint));
    answer["ARN"] = ss(secret.arn);
    answer["Name"] = ss(secret.name);
    return answer;
}

Result<Json> SandboxStore::deleteSecret(const Json &request)
{
    const auto found = find(request, true);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    Params params(request);
    const std::optional<qint64> window = params.integer("RecoveryWindowInDays");
    const bool force = params.boolean("ForceDeleteWithoutRecovery");
    if (!params.ok())
        return params.error();
    if (force && window)
        return invalidParameter(u"You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."_s);
    if (window && (*window < 7 || *window > 30))
        return invalidParameter(u"The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."_s);
    const QDateTime current = now();
    if (force) {
        Json answer = {{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}, {"DeletionDate", epoch(current)}};
        m_byName.remove(secret.name);
        m_byArn.remove(secret.arn);
        std::erase_if(m_secrets, [&](const auto &owned) { return owned.get() == &secret; });
        changed();
        return answer;
    }
    if (secret.isScheduledForDeletion()) {
        return invalidRequest(
                u"You can't perform this operation on the secret because it was already scheduled for deletion."_s);
    }
    secret.deletedDate = current;
    secret.deletionDate = current.addDays(window.value_or(30));
    secret.lastChangedDate = current;
    changed();
    return Json{{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}, {"DeletionDate", epoch(secret.deletionDate)}};
}

Result<Json> SandboxStore::restoreSecret(const Json &request)
{
    const auto found = find(request, true);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    if (secret.isScheduledForDeletion()) {
        secret.deletedDate = {};
        secret.deletionDate = {};
        secret.lastChangedDate = now();
        changed();
    }
    return Json{{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};
}

Result<Json> SandboxStore::tagResource(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    Params params(request);
    const Json *list = params.array("Tags");
    if (!params.ok())
        return params.error();
    if (!list)
        return invalidParameter(u"You must provide Tags."_s);
    const auto tags = tagsOf(list);
    if (!tags)
        return std::unexpected(tags.error());
    SandboxSecret &secret = **found;
    mergeTags(secret, *tags);
    if (secret.tags.size() > 50)
        return invalidParameter(u"A secret can have at most 50 tags."_s);
    secret.lastChangedDate = now();
    changed();
    return Json::object();
}

Result<Json> SandboxStore::untagResource(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    Params params(request);
    const std::optional<QStringList> keys = params.strings("TagKeys");
    if (!params.ok())
        return params.error();
    if (!keys)
        return invalidParameter(u"You must provide TagKeys."_s);
    SandboxSecret &secret = **found;
    secret.tags.removeIf([&](const auto &tag) { return keys->contains(tag.first); });
    secret.lastChangedDate = now();
    changed();
    return Json::object();
}

Result<Json> SandboxStore::getResourcePolicy(const Json &request)
{
    const auto found = find(request, true);
    if (!found)
        return std::unexpected(found.error());
    const SandboxSecret &secret = **found;
    Json answer = {{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};
    if (!secret.resourcePolicy.isEmpty())
        answer["ResourcePolicy"] = ss(secret.resourcePolicy);
    return answer;
}

Result<Json> SandboxStore::putResourcePolicy(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    Params params(request);
    const QString policy = params.text("ResourcePolicy");
    if (!params.ok())
        return params.error();
    if (policy.isEmpty() || policy.size() > 20480)
        return lengthError(u"resourcePolicy", policy.size(), 1, 20480);
    const Json parsed = Json::parse(policy.toStdString(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("Statement")) {
        return fail(u"MalformedPolicyDocumentException"_s,
                    u"This resource policy contains an unsupported principal or is not valid JSON."_s);
    }
    SandboxSecret &secret = **found;
    secret.resourcePolicy = policy;
    changed();
    return Json{{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};
}

Result<Json> SandboxStore::deleteResourcePolicy(const Json &request)
{
    const auto found = find(request);
    if (!found)
        return std::unexpected(found.error());
    SandboxSecret &secret = **found;
    secret.resourcePolicy.clear();
    changed();
    return Json{{"ARN", ss(secret.arn)}, {"Name", ss(secret.name)}};
}

Result<Json> SandboxStore::getRandomPassword(const Json &request)
{
    Params params(request);
    const qint64 length = params.integer("PasswordLength").value_or(32);
    const QString excluded = params.text("ExcludeCharacters");
    const bool noNumbers = params.boolean("ExcludeNumbers");
    const bool noPunctuation = params.boolean("ExcludePunctuation");
    const bool noUpper = params.boolean("ExcludeUppercase");
    const bool noLower = params.boolean("ExcludeLowercase");
    const bool space = params.boolean("IncludeSpace");
    const bool requireEach = !params.has("RequireEachIncludedType") || params.boolean("RequireEachIncludedType");
    if (!params.ok())
        return params.error();
    if (length < 1 || length > 4096) {
        return invalidParameter(u"1 validation error detected: Value '%1' at 'passwordLength' failed to satisfy "
                                "constraint: Member must have value between 1 and 4096"_s.arg(length));
    }
    QList<QString> classes;
    const auto addClass = [&](bool include, QStringView characters) {
        if (!include)
            return;
        QString kept;
        for (const QChar c : characters) {
            if (!excluded.contains(c))
                kept.append(c);
        }
        if (!kept.isEmpty())
            classes.append(kept);
    };
    addClass(!noLower, u"abcdefghijklmnopqrstuvwxyz");
    addClass(!noUpper, u"ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    addClass(!noNumbers, u"0123456789");
    addClass(!noPunctuation, u"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    addClass(space, u" ");
    if (classes.isEmpty() || (requireEach && classes.size() > length))
        return invalidParameter(u"The password can't be generated with these constraints."_s);
    const QString all = classes.join(QString());
    QRandomGenerator *random = QRandomGenerator::system();
    QString password;
    for (qint64 attempt = 0; attempt < 1000; ++attempt) {
        password.clear();
        for (qint64 i = 0; i < length; ++i)
            password.append(all.at(random->bounded(int(all.size()))));
        const bool complete = !requireEach || std::all_of(classes.cbegin(), classes.cend(), [&](const QString &cls) {
            return std::any_of(password.cbegin(), password.cend(), [&](QChar c) { return cls.contains(c); });
        });
        if (complete)
            break;
    }
    return Json{{"RandomPassword", ss(password)}};
}

} // namespace coffer::sandbox
